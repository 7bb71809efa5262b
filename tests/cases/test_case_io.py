"""`ybguide case export` and `case import`: the round trip, Excel's encodings, bad rows, all-or-nothing."""

import json
import stat

import pytest

from conftest import FULL, ID


@pytest.fixture
def journal(run):
    """Three cases with everything a case can hold: log entries, a result, a closed one, odd text."""
    assert run("case", "add", *FULL).exit_code == 0
    assert run("case", "add", "--channel", "mail-letter", "--filed", "2024-06-03", "--summary",
               "第一行\n第二行，带 \"引号\"、逗号, 和 {name} [red]", "--complex", "--ask", "纠正违规行为").exit_code == 0
    assert run("case", "add", "--channel", "hall-visit", "--filed", "2024-07-01").exit_code == 0
    assert run("case", "log", "1", "致电12393查询进度", "--kind", "call", "--at", "2024-05-20 10:30").exit_code == 0
    assert run("case", "log", "1", "收到短信：已受理", "--kind", "reply", "--at", "2024-05-08").exit_code == 0
    assert run("case", "result", "1", "--received", "2024-06-05", "--today", "2024-06-06").exit_code == 0
    assert run("case", "close", "3", "--today", "2024-07-02").exit_code == 0
    return cases_of(run("case", "export").json())


def cases_of(export: dict) -> dict:
    """An export without its time stamp (the clock may tick between two exports)."""
    return {k: v for k, v in export.items() if k != "exported"}


def fresh_home(monkeypatch, tmp_path, name):
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / name))


def test_export_json_holds_everything(run, journal):
    assert run("case", "export").json()["exported"]
    assert journal["format"] == "ybguide-cases" and journal["version"] == 2
    c1 = journal["cases"][0]
    assert c1["id_number"] == ID  # the backup is complete, not masked
    assert [e["text"] for e in c1["log"]][:2] == ["收到短信：已受理", "致电12393查询进度"]
    assert journal["cases"][2]["status"] == "closed"


@pytest.mark.parametrize("fmt", ["--json", "--csv"])
def test_round_trip_is_equal(run, journal, monkeypatch, tmp_path, fmt):
    out = tmp_path / f"backup.{fmt[2:]}"
    r = run("case", "export", fmt, "--out", str(out))
    assert r.exit_code == 0 and "已导出 3 个案件" in r.stdout and "个人信息" in r.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fresh_home(monkeypatch, tmp_path, "other")
    r = run("case", "import", str(out))
    assert r.exit_code == 0, r.stderr
    assert "导入了 3 个案件" in r.stdout
    assert cases_of(run("case", "export").json()) == journal


def test_csv_export_opens_in_excel(run, journal, tmp_path):
    out = tmp_path / "cases.csv"
    run("case", "export", "--csv", "--out", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel it is UTF-8
    header = raw[3:].decode().splitlines()[0]
    assert header.startswith("类型,编号,渠道,提交日期,工单编号")


def test_csv_to_stdout(run, journal):
    r = run("case", "export", "--csv")
    assert r.exit_code == 0 and r.stdout.startswith("类型,编号,渠道")


def test_importing_the_same_backup_twice_skips_identical_cases(run, journal, tmp_path):
    out = tmp_path / "b.json"
    run("case", "export", "--out", str(out))
    r = run("case", "import", str(out), "--json")
    assert r.json()["added"] == [] and r.json()["skipped"] == [1, 2, 3]
    assert cases_of(run("case", "export").json()) == journal


def test_conflicting_id_imports_nothing(run, journal, tmp_path):
    data = json.loads(json.dumps(journal))
    data["cases"][0]["ticket"] = "changed"
    data["cases"].append({**data["cases"][2], "id": 4})
    f = tmp_path / "conflict.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run("case", "import", str(f))
    assert r.exit_code == 2 and "编号 1 的案件已经存在，而且内容不同" in r.stderr and "--new-ids" in r.stderr
    assert cases_of(run("case", "export").json()) == journal  # case 4 was not half-imported
    r = run("case", "import", str(f), "--new-ids", "--json")
    assert r.exit_code == 0 and r.json()["added"] == [4, 5, 6, 7]


EXCEL_ROWS = [
    "渠道,提交日期,工单编号,涉及机构,涉及金额,问题经过,诉求,身份证号",
    "hotline-12393,2024/5/6,T001,太原市某医院,\"1,280.50\",住院费用未报销,重新报销,11010519491231002X",
    "hall-visit,2024年6月3日,,晋中市某药店,35,\"多收费\n还不给发票\",\"道歉\n退款\",",
]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_import_excel_csv_in_any_encoding(run, tmp_path, encoding):
    f = tmp_path / "excel.csv"
    f.write_bytes("\r\n".join(EXCEL_ROWS).encode(encoding) + b"\r\n")
    r = run("case", "import", str(f), "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["added"] == [1, 2]
    expected = {"gbk": "GBK/GB18030", "gb18030": "GBK/GB18030", "utf-8-sig": "UTF-8（带 BOM）", "utf-8": "UTF-8"}
    assert r.json()["encoding"] == expected[encoding]
    cases = run("case", "export").json()["cases"]
    assert cases[0]["institution"] == "太原市某医院" and cases[0]["amount"] == "1280.50"
    assert cases[0]["filed"] == "2024-05-06" and cases[0]["id_number"] == ID
    assert cases[1]["summary"] == "多收费\n还不给发票" and cases[1]["asks"] == ["道歉", "退款"]


def test_bad_row_is_reported_by_line_and_nothing_is_imported(run, tmp_path):
    rows = EXCEL_ROWS + ["hall-visit,2024-02-30,,,,,,"]  # line 6: the row before spans lines 3-5
    f = tmp_path / "bad.csv"
    f.write_bytes("\r\n".join(rows).encode("gbk"))
    r = run("case", "import", str(f))
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "bad.csv 第 6 行：提交日期「2024-02-30」无效" in r.stderr
    assert run("case", "list", "--json").json()["total"] == 0


@pytest.mark.parametrize("row, expected", [
    ("hotline,2024-05-06,,,,,,", "「hotline-12393」"),
    ("hall-visit,2024-05-06,,,,,,110105194912310021", "校验位不对"),
    ("hall-visit,2024-05-06,,,,,,1.10105E+17", "科学计数法"),
    ("hall-visit,2024-05-06,,,abc,,,", "金额「abc」"),
    (",2024-05-06,,,,,,", "缺少投诉渠道"),
])
def test_bad_values_in_a_row(run, tmp_path, row, expected):
    f = tmp_path / "x.csv"
    f.write_text("\n".join(EXCEL_ROWS[:2] + [row]) + "\n", encoding="utf-8")
    r = run("case", "import", str(f))
    assert r.exit_code == 2 and "x.csv 第 3 行" in r.stderr and expected in r.stderr, r.stderr


def test_unknown_columns_are_set_aside_and_named(run, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("序号,渠道,提交日期,备注\n7,hall-visit,2024-05-06,x\n", encoding="utf-8")
    r = run("case", "import", str(f))
    assert r.exit_code == 0, r.stderr
    assert "没有导入" in r.stdout and "序号、备注" in r.stdout
    case = run("case", "export").json()["cases"][0]
    assert case["channel"] == "hall-visit" and case["id"] == 1  # 序号 is not the case's number


def test_log_row_for_a_missing_case(run, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("类型,编号,渠道,提交日期,记录时间,记录方式,记录内容\n"
                 "案件,1,hall-visit,2024-05-06,,,\n记录,2,,,2024-05-07,电话,打过电话\n", encoding="utf-8")
    r = run("case", "import", str(f))
    assert r.exit_code == 2 and "第 3 行" in r.stderr and "编号 2" in r.stderr


@pytest.mark.parametrize("content, expected", [
    (b'{"cases": []}', "不是 ybguide 导出的案件文件"),
    (b'{"format": "ybguide-cases", "version": 9, "cases": []}', "更新版本"),
    (b'{"format": "ybguide-cases",\n "version": 1,\n "cases": [}', "第 3 行：不是有效的 JSON"),
    (b"\xff\xfe\x00\xd8", "无法识别文件编码"),
])
def test_unusable_files(run, tmp_path, content, expected):
    f = tmp_path / "x.json"
    f.write_bytes(content)
    r = run("case", "import", str(f))
    assert r.exit_code == 2 and expected in r.stderr, r.stderr


def test_missing_file(run, tmp_path):
    r = run("case", "import", str(tmp_path / "nope.csv"))
    assert r.exit_code == 2 and "找不到文件" in r.stderr


# ---------------------------------------------------------------- spreadsheets (Excel, WPS)

ALL_DIGITS_ID = "140105195403152019"  # valid check digit; Excel would show 1.40105E+17


def test_csv_export_is_excel_safe(run, tmp_path):
    """ID, card, ticket and phone numbers written as ="…" (Excel keeps them whole, as text), text that
    starts like a formula too; the channel's Chinese name; 是/否; dates as YYYY-MM-DD, which Excel
    reads as dates.  And the file imports back to the same journal."""
    import csv

    assert run("case", "add", "--channel", "hotline-12393", "--filed", "2024-05-06", "--id-number", ALL_DIGITS_ID,
               "--card-number", "0140100123456", "--phone", "03511234567", "--ticket", "2024050600123",
               "--summary", "-住院费用 \"部分\" 未报销", "--decision-kind", "拒付", "--name", "王秀英",
               "--today", "2024-05-20").exit_code == 0
    before = cases_of(run("case", "export").json())
    out = tmp_path / "案件.csv"
    assert run("case", "export", "--csv", "--out", str(out)).exit_code == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        row = dict(zip(*list(csv.reader(fh))[:2]))
    assert row["参保人身份证号"] == f'="{ALL_DIGITS_ID}"' and row["医保卡号"] == '="0140100123456"'
    assert row["联系电话"] == '="03511234567"' and row["工单编号"] == '="2024050600123"'
    assert row["问题经过"] == '="-住院费用 ""部分"" 未报销"'
    assert row["渠道"] == "全国统一医保服务热线 12393" and row["复杂案件"] == "否" and row["提交日期"] == "2024-05-06"
    assert row["原决定的类型"] != "refusal" and "报销" in row["原决定的类型"]
    run("case", "delete", "1", "--yes")
    r = run("case", "import", str(out))
    assert r.exit_code == 0, r.stderr
    assert cases_of(run("case", "export").json()) == before


def test_xlsx_round_trip_and_typed_cells(run, journal, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    out = tmp_path / "案件.xlsx"
    r = run("case", "export", "--out", str(out))
    assert r.exit_code == 0 and "XLSX" in r.stdout
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    head, first = rows[0], dict(zip(rows[0], rows[1]))
    assert first["参保人身份证号"] == ID and first["提交日期"] == dt.datetime(2024, 5, 6)
    assert isinstance(first["医保卡号"], str) and isinstance(first["联系电话"], str)
    assert ws.freeze_panes == "A2" and head[0] == "类型"
    fresh_home(monkeypatch, tmp_path, "other")
    r = run("case", "import", str(out))
    assert r.exit_code == 0, r.stderr
    assert cases_of(run("case", "export").json()) == journal
    r = run("case", "export", "--xlsx")
    assert r.exit_code == 2 and "--out" in r.stderr


def test_an_edited_workbook_imports(run, tmp_path):
    """A workbook typed by hand in Excel: the batch's words (投诉日期, 复杂, 姓名), a number-typed card
    number, a date cell, extra columns; an ID number Excel already rounded is refused, by row."""
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    f = tmp_path / "手填.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "医保卡号", "投诉日期", "复杂", "渠道", "备注"])
    ws.append([1, "王秀英", ALL_DIGITS_ID, 140100123456, dt.datetime(2024, 5, 6), "是", "热线", "子女代办"])
    wb.save(f)
    r = run("case", "import", str(f), "--today", "2024-05-20")
    assert r.exit_code == 0 and "序号、备注" in r.stdout, r.stderr
    c = run("case", "export").json()["cases"][0]
    assert (c["name"], c["id_number"], c["card_number"], c["filed"], c["complex"], c["channel"]) == (
        "王秀英", ALL_DIGITS_ID, "140100123456", "2024-05-06", True, "hotline-12393")
    ws.append([2, "李四", float(ALL_DIGITS_ID), None, dt.datetime(2024, 5, 7), "", "信件", ""])
    wb.save(f)
    r = run("case", "import", str(f), "--today", "2024-05-20", "--new-ids")
    assert r.exit_code == 2 and "第 3 行" in r.stderr and "科学计数法" in r.stderr


def test_a_ledgers_own_numbers_are_not_case_numbers(run, tmp_path):
    """The window numbers its ledger 2026-001 …: imported as new cases, the column named as set aside."""
    f = tmp_path / "台账.csv"
    f.write_bytes("编号,姓名,投诉日期,复杂,渠道,备注\n2026-001,王秀英,2026-11-02,是,热线,\n2026-002,李四,2026-11-03,,信件,x\n"
                  .encode("gbk"))
    r = run("case", "import", str(f), "--today", "2026-12-01")
    assert r.exit_code == 0, r.stderr
    assert "编号（台账自己的编号，案件重新编号）" in r.stdout and "备注" in r.stdout
    cases = run("case", "export").json()["cases"]
    assert [(c["id"], c["name"], c["complex"], c["channel"]) for c in cases] == [
        (1, "王秀英", True, "hotline-12393"), (2, "李四", False, "mail-letter")]
    # an export's numbers are case numbers: a log row of a case that is not in the file is still an error
    g = tmp_path / "x.csv"
    g.write_text("类型,编号,渠道,提交日期,记录时间,记录方式,记录内容\n案件,A,hall-visit,2024-05-06,,,\n"
                 "记录,2,,,2024-05-07,电话,打过电话\n", encoding="utf-8")
    r = run("case", "import", str(g))
    assert r.exit_code == 2 and "编号「A」应是正整数" in r.stderr
