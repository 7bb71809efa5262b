"""Spreadsheets as a service window types them: its headers (受理日期, 办理渠道), its channel word
(窗口), a header that is almost right, a workbook's own sheet, every bad row, ID numbers Excel turned
into numbers, and finding a case again by an ID number."""
import csv
import io

import pytest

from conftest import ID

TODAY = "2024-06-03"


def _book(path, rows, title="台账"):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


@pytest.mark.parametrize("header", ["受理日期", "登记日期", "来访日期"])
def test_a_windows_date_header_is_the_filing_date_for_batch_and_import(run, tmp_path, header):
    src = tmp_path / "台账.csv"
    src.write_text(f"序号,{header},办理渠道\n1,2024-05-06,窗口\n", encoding="utf-8")
    out = tmp_path / "结果.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["受理登记"] == "2024-05-08" and rows[0]["错误"] == ""
    r = run("case", "import", str(src), "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    d = run("case", "list", "--today", TODAY, "--json").json()
    assert [(c["filed"], c["channel"]) for c in d["cases"]] == [("2024-05-06", "hall-visit")]


def test_a_header_almost_right_is_asked_about(run, tmp_path):
    src = tmp_path / "台账.csv"
    src.write_text("序号,受理时间,渠道\n1,2024-05-06,窗口\n", encoding="utf-8")
    for args in (["deadline", "--batch", str(src)], ["case", "import", str(src), "--today", TODAY]):
        r = run(*args)
        assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1, r.stderr
        assert "「受理时间」是不是「提交日期」？" in r.stderr and "受理日期" in r.stderr


def test_an_ignored_header_close_to_a_known_one_is_named_but_a_row_number_is_not(run, tmp_path):
    src = tmp_path / "台账.csv"
    src.write_text("序号,受理日期,渠道,投訴人,备注\n1,2024-05-06,窗口,张三,\n", encoding="utf-8")
    out = run("case", "import", str(src), "--today", TODAY).stdout
    assert "投訴人（是不是「参保人姓名」？）" in out and "序号、" in out and "序号（" not in out


def test_a_workbooks_errors_name_its_sheet_not_csv(run, tmp_path):
    book = _book(tmp_path / "台账.xlsx", [["序号", "受理时间", "渠道"], [1, "2024-05-06", "窗口"]])
    r = run("deadline", "--batch", book)
    assert r.exit_code == 2 and "CSV" not in r.stderr
    assert ".xlsx 工作表「台账」" in r.stderr and "第1行" in r.stderr
    book = _book(tmp_path / "台账2.xlsx", [["受理日期", "渠道"], ["2024-05-06", "窗口"], ["2024-13-06", "窗口"]])
    r = run("deadline", "--batch", book, "--on-error", "stop")
    assert r.exit_code != 0 and ".xlsx 工作表「台账」 第3行" in r.stderr and "CSV" not in r.stderr


def test_case_import_names_every_bad_row_and_imports_none(run, tmp_path):
    src = tmp_path / "台账.csv"
    src.write_text("受理日期,渠道,姓名\n2024-05-06,窗口,张三\n2024-13-06,窗口,李四\n2024-05-07,火星,王五\n"
                   "2024-05-08,热线,赵六\n2024-02-30,热线,钱七\n", encoding="utf-8")
    r = run("case", "import", str(src), "--today", TODAY)
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1, r.stderr
    assert "有 3 行有误，什么都没有导入" in r.stderr
    for where in ("第 3 行", "第 4 行", "第 6 行"):
        assert where in r.stderr
    assert "第 2 行" not in r.stderr and "第 5 行" not in r.stderr
    assert run("case", "list", "--today", TODAY, "--json").json()["cases"] == []


def test_an_id_number_excel_stored_as_a_number_is_refused_on_its_row(run, tmp_path):
    book = _book(tmp_path / "台账.xlsx", [["受理日期", "渠道", "身份证号"], ["2024-05-06", "窗口", ID],
                                          ["2024-05-07", "窗口", 1.40105195403152e+17]])
    r = run("case", "import", book, "--today", TODAY)
    assert r.exit_code == 2 and "第 3 行" in r.stderr and "后几位已丢失" in r.stderr and "文本" in r.stderr
    assert run("case", "list", "--today", TODAY, "--json").json()["cases"] == []


def test_a_case_is_found_by_its_whole_id_number_and_the_number_stays_hidden(run):
    assert run("case", "add", "--channel", "窗口", "--filed", "2024-05-06", "--name", "张三", "--id-number", ID,
               "--today", TODAY).exit_code == 0
    assert run("case", "add", "--channel", "热线", "--filed", "2024-05-07", "--name", "李四",
               "--today", TODAY).exit_code == 0
    for typed in (ID, ID.lower(), f"{ID} 张"):
        d = run("case", "list", "--search", typed, "--today", TODAY, "--json").json()
        assert [c["filed"] for c in d["cases"]] == ["2024-05-06"], typed
        assert ID not in run("case", "list", "--search", typed, "--today", TODAY, "--json").stdout
        assert ID not in run("case", "list", "--search", typed, "--today", TODAY).stdout
    assert run("case", "list", "--search", ID[:12], "--today", TODAY, "--json").json()["cases"] == []  # whole only


def test_batch_flags_an_id_number_excel_stored_as_a_number_on_its_row(run, tmp_path):
    book = _book(tmp_path / "台账.xlsx", [["序号", "受理日期", "渠道", "身份证号"], [1, "2024-05-06", "窗口", ID],
                                          [2, "2024-05-07", "窗口", 1.40105195403152e+17]])
    out = tmp_path / "结果.csv"
    r = run("deadline", "--batch", book, "--out", str(out))
    assert r.exit_code == 2, r.stderr  # a run with bad rows says so, and writes them all
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["错误"] == "" and rows[0]["受理登记"] == "2024-05-08"
    assert "后几位已丢失" in rows[1]["错误"] and "设为文本" in rows[1]["错误"] and rows[1]["受理登记"] == ""
    assert "第3行" in r.stderr


def test_skip_bad_imports_the_good_rows_and_says_how_many_were_left_out(run, tmp_path):
    src = tmp_path / "台账.csv"
    src.write_text("受理日期,渠道,姓名\n2024-05-06,窗口,张三\n2024-13-06,窗口,李四\n2024-05-07,火星,王五\n",
                   encoding="utf-8")
    r = run("case", "import", str(src), "--today", TODAY, "--skip-bad", "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert len(d["added"]) == 1 and [b[:5] for b in d["bad"]] == ["第 3 行", "第 4 行"]
    assert any("有 2 行有误，没有导入" in line for line in d["lines"])
    assert [c["filed"] for c in run("case", "list", "--today", TODAY, "--json").json()["cases"]] == ["2024-05-06"]
