"""`ybguide deadline --batch`: same dates as `deadline --json`; one row out for every row in, bad rows
kept with the reason; the input's encoding kept (a GBK ledger stays GBK for Excel); Chinese headers or
--ids; channels by name or short name; errors that name the user's column; streaming output."""

import csv
import dataclasses
import errno
import io
import os
import random
import sys

import pytest

HEADER = "id,filed,complex,channel,result_received,decision_known\n"


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def read_csv(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_batch_matches_deadline_json_for_a_sample(run, tmp_path):
    rnd = random.Random(3)
    forms = ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}{m:02d}{d:02d}", "{y}年{m}月{d}日"]
    # (as the spreadsheet says it, the channel's id)
    channels = [("", None), ("hotline-12393", "hotline-12393"), ("热线", "hotline-12393"), ("现场", "hall-visit"),
                ("mail-letter", "mail-letter"), ("信件", "mail-letter"), ("欺诈骗保", "fraud-report")]
    rows, ids = [], []
    for i in range(40):
        y, m, d = rnd.choice([2024, 2025, 2026]), rnd.randint(1, 12), rnd.randint(1, 28)
        filed = rnd.choice(forms).format(y=y, m=m, d=d)
        complex_ = rnd.choice(["", "0", "1", "是"])
        channel, channel_id = rnd.choice(channels)
        result = rnd.choice(["", f"{y + 1}-{m:02d}-{d:02d}"])
        decision = rnd.choice(["", f"{y}-{m:02d}-{d:02d}"])
        rows.append((f"C{i}", filed, complex_, channel, result, decision))
        ids.append(channel_id)
    src = write(tmp_path / "in.csv", HEADER + "".join(",".join(r) + "\n" for r in rows))
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--ids", "--today", "2030-01-01")
    assert r.exit_code == 0, r.stderr
    got = read_csv(out)
    assert len(got) == len(rows)
    stage_columns = list(got[0])[6:-2]
    assert list(got[0])[-2:] == ["estimated", "error"]
    assert {"accept", "petition-notice", "review-request", "reconsideration", "lawsuit"} <= set(stage_columns)
    for row, (rid, filed, complex_, _, result, decision), channel_id in zip(got, rows, ids):
        args = ["deadline", "--filed", filed, "--json"]
        if complex_ in ("1", "是"):
            args.append("--complex")
        if channel_id:
            args += ["--channel", channel_id]
        if result:
            args += ["--result-received", result]
        if decision:
            args += ["--decision-known", decision]
        want = {s["id"]: s for s in run(*args).json()["stages"]}
        assert row["id"] == rid and row["filed"] == filed  # input columns come back unchanged
        for stage in stage_columns:
            assert row[stage] == (want[stage]["due"] if stage in want else ""), (rid, stage)
        assert row["estimated"] == ("true" if any(s["estimated"] for s in want.values()) else "false")
        assert row["error"] == ""


LEDGER = ("编号,姓名,提交日期,复杂,渠道,备注\n"
          "1,张三,2024-05-06,,热线,\n"
          "2,李四,2024-02-30,,,电话里说的\n"
          "\n"
          "3,王五,2024/5/6,maybe,现场,\n"
          "4,赵六,2024年5月6日,是,信件,\"复查,两次\"\n"
          "5,钱七,2024-05-06,,热先,\n"
          "6,孙八,20240506,1,12393,\n"
          ",,,,,\n")


def test_six_residents_three_bad_rows_six_rows_out_in_order(run, tmp_path):
    src = write(tmp_path / "台账.csv", LEDGER)
    out = tmp_path / "结果.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2  # every row is written, but the run says some input was bad
    got = read_csv(out)
    assert [g["编号"] for g in got] == ["1", "2", "3", "4", "5", "6"]  # blank lines are not rows
    # Each row's own cells exactly as they were, then the new cells.
    in_lines = [ln for ln in LEDGER.splitlines()[1:] if ln.strip(",")]
    out_lines = out.read_text(encoding="utf-8").splitlines()[1:]
    assert all(o.startswith(i + ",") for i, o in zip(in_lines, out_lines)), out_lines
    good, bad = [got[i] for i in (0, 3, 5)], [got[i] for i in (1, 2, 4)]
    for g in good:
        assert g["错误"] == "" and g["是否推算"] == "否" and g["书面告知受理情况"] == "2024-05-21"
    assert got[0]["受理登记"] == got[5]["受理登记"] == "2024-05-08"
    assert got[5]["调查核实"] == "2024-06-19"  # complex: 30 working days
    assert got[0]["热线工单处理时限"] == got[5]["热线工单处理时限"] == "2024-05-24"  # 热线 and 12393: the hotline
    assert got[3]["受理登记"] == "" and got[3]["备注"] == "复查,两次"  # a letter (信件) is a petition: no 受理登记
    for b in bad:
        assert b["受理登记"] == b["调查核实"] == b["是否推算"] == ""
    assert got[1]["备注"] == "电话里说的" and got[1]["提交日期"] == "2024-02-30"
    assert got[1]["错误"].startswith("「提交日期」列的值「2024-02-30」无效：2024年2月没有30日")
    assert got[2]["错误"].startswith("「复杂」列的值「maybe」看不懂")
    assert got[4]["错误"].startswith("「渠道」列的值「热先」不是已知的渠道。您是不是要找「热线」？")
    assert "filed" not in "".join(b["错误"] for b in bad) and "\n" not in "".join(b["错误"] for b in bad)
    assert "已写出 6 行，其中 3 行有错误" in r.stderr
    for line, words in ((3, "2024年2月没有30日"), (5, "maybe"), (7, "热先")):
        assert f"第{line}行有错误：" in r.stderr and words in r.stderr


def test_stop_on_error_leaves_no_output_file(run, tmp_path):
    tmp_path = tmp_path / "w"
    src = write(tmp_path / "in.csv", HEADER + "A,2024-05-06,,,\n\nB,bad,,,\n")
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(out), "--on-error", "stop", "--force")
    assert r.exit_code == 2
    assert "CSV 第4行：「filed」列的值「bad」看不懂" in r.stderr  # the blank line did not stop it
    assert out.read_text(encoding="utf-8") == "old"  # nothing lost
    assert sorted(p.name for p in src.parent.iterdir()) == ["in.csv", "out.csv"]  # no temporary file
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "new.csv"), "--on-error", "stop")
    assert r.exit_code == 2 and not (tmp_path / "new.csv").exists()


def test_the_error_names_the_users_header_for_every_column(run, tmp_path):
    src = write(tmp_path / "in.csv", "投诉日期,复杂案件,投诉渠道,收到结果日期,知道原决定日期\n"
                                     "2024-05-06,,,2024-05-01,\n2024-05-06,,,,2024-13-01\n2099-01-01,,,,\n")
    out = tmp_path / "out.csv"
    run("deadline", "--batch", str(src), "--out", str(out))
    got = [g["错误"] for g in read_csv(out)]
    assert got[0].startswith("「收到结果日期」列的日期（2024-05-01）早于「投诉日期」列的日期（2024-05-06）")
    assert got[1].startswith("「知道原决定日期」列的值「2024-13-01」无效：没有13月")
    assert got[2].startswith("「投诉日期」列的日期 2099-01-01 超出日历范围")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gbk_ledger_stays_gbk_for_excel(run, tmp_path, encoding):
    text = "编号,提交日期,复杂\n张三-1,2024年5月6日,是\n李四-2,2024/5/4,否\n王五-3,2024/5/33,\n"
    if encoding == "gb18030":
        text = text.replace("王五", "王䶮")  # a name only GB18030 can write, not GBK
    src = write(tmp_path / "in.csv", text, encoding)
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--json")
    assert r.exit_code == 2
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    got = read_csv(out, "gbk" if encoding == "gbk" else "gb18030")  # as Excel in Chinese reads it
    assert [g["编号"] for g in got] == ["张三-1", "李四-2", "王五-3" if encoding == "gbk" else "王䶮-3"]
    assert got[0]["受理登记"] == "2024-05-08" and got[0]["调查核实"] == "2024-06-19"  # complex: 30
    assert got[1]["受理登记"] == "2024-05-07" and got[2]["错误"].startswith("「提交日期」列的值「2024/5/33」无效")
    for line in src.read_bytes().splitlines()[1:]:  # the original bytes of every row, unchanged
        assert line + b"," in data
    assert r.stdout == ""  # the summary goes to stderr, the data to the file
    assert '"encoding": "gb18030"' in r.stderr and '"out_encoding": "gb18030"' in r.stderr


@pytest.mark.parametrize("encoding, bom", [("utf-8-sig", True), ("utf-8", False)])
def test_utf8_stays_utf8_with_or_without_bom(run, tmp_path, encoding, bom):
    src = write(tmp_path / "in.csv", "编号,提交日期\n张三,2024-05-06\n", encoding)
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    assert read_csv(out)[0]["受理登记"] == "2024-05-08"


def test_encoding_option_chooses(run, tmp_path):
    src = write(tmp_path / "in.csv", "编号,提交日期\n张三,2024-05-06\n", "gbk")
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out), "--encoding", "utf-8-sig").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and read_csv(out)[0]["编号"] == "张三"
    src = write(tmp_path / "u.csv", "编号,提交日期\n张三,2024-05-06\n")
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "g.csv"), "--encoding", "GBK")
    assert r.exit_code == 0 and read_csv(tmp_path / "g.csv", "gbk")[0]["编号"] == "张三"
    r = run("deadline", "--batch", str(src), "--encoding", "latin-1")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "--encoding 的值「latin-1」不对" in r.stderr


def test_a_character_gbk_cannot_write_is_one_line_and_no_file(run, tmp_path):
    tmp_path = tmp_path / "w"
    src = write(tmp_path / "in.csv", "编号,提交日期\n张三,2024-05-06\n王䶮,2024-05-06\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--encoding", "gbk")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "第3行有 GBK 编码写不出的字「䶮」" in r.stderr and "gb18030" in r.stderr
    assert not out.exists() and sorted(p.name for p in src.parent.iterdir()) == ["in.csv"]


def test_ids_give_english_headers_for_scripts(run, tmp_path):
    src = write(tmp_path / "in.csv", "提交日期\n2024-05-06\n2027-05-06\n")
    zh, en = tmp_path / "zh.csv", tmp_path / "en.csv"
    run("deadline", "--batch", str(src), "--out", str(zh), "--today", "2030-01-01")
    run("deadline", "--batch", str(src), "--out", str(en), "--ids", "--today", "2030-01-01")
    head_zh, head_en = (p.read_text(encoding="utf-8").splitlines()[0].split(",") for p in (zh, en))
    assert head_zh[:4] == ["提交日期", "受理登记", "调查核实", "处理反馈"] and head_zh[-2:] == ["是否推算", "错误"]
    assert head_en[:4] == ["提交日期", "accept", "investigate", "feedback"] and head_en[-2:] == ["estimated", "error"]
    assert [r["是否推算"] for r in read_csv(zh)] == ["否", "是"]  # 2027's schedule is not out: estimated
    assert [r["estimated"] for r in read_csv(en)] == ["false", "true"]


def test_rules_of_the_same_title_get_headers_told_apart():
    from yb_guide.schedule import batch, deadlines

    plan = deadlines.get_plan()
    rules = tuple(dataclasses.replace(r, title="受理登记") if r.id in ("petition-notice", "feedback") else r
                  for r in plan.rules)
    heads = batch.added_headers(dataclasses.replace(plan, rules=rules), ["accept", "feedback", "petition-notice"])
    service, petition = plan.track("service").title, plan.track("petition").title
    assert heads == [f"受理登记（{service}）（accept）", f"受理登记（{service}）（feedback）",
                     f"受理登记（{petition}）", "是否推算", "错误"]
    assert len(set(heads)) == len(heads)


def test_channel_names_and_short_names_give_the_channels_dates(run, tmp_path):
    names = ["hotline-12393", "热线", "12393", "１２３９３", "全国统一医保服务热线 12393", "现场", "信件", "mail-letter"]
    src = write(tmp_path / "in.csv", "filed,channel\n" + "".join(f"2024-05-06,{n}\n" for n in names))
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--ids")
    assert r.exit_code == 0, r.stderr
    got = read_csv(out)
    assert len({g["hotline-reply"] for g in got[:5]}) == 1 and got[0]["hotline-reply"]
    assert all(g["hotline-reply"] == "" for g in got[5:])
    r = run("deadline", "--batch", str(write(tmp_path / "b.csv", "filed,channel\n2024-05-06,现常\n")))
    assert r.exit_code == 2 and "「channel」列的值「现常」不是已知的渠道。您是不是要找「现场」？" in r.stderr


def test_quoted_fields_and_short_rows_are_kept(run, tmp_path):
    src = write(tmp_path / "in.csv", 'id,filed,note\n"A,1",2024-05-06,"two\nlines ""quoted"""\nB,2024-05-06\n')
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out)).exit_code == 0
    got = read_csv(out)
    assert got[0]["id"] == "A,1" and got[0]["note"] == 'two\nlines "quoted"' and got[0]["受理登记"] == "2024-05-08"
    assert got[1]["note"] == "" and got[1]["受理登记"] == "2024-05-08"


def test_row_with_extra_cells_keeps_them_and_gets_no_shifted_dates(run, tmp_path):
    src = write(tmp_path / "in.csv", "id,filed,note\n6,2024-05-06,x,extra\n7,2024-05-06,y\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2 and "第2行有错误" in r.stderr and "4 列" in r.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[1][:4] == ["6", "2024-05-06", "x", "extra"] and "比表头的 3 列多" in rows[1][-1]
    assert not any(c.startswith("2024-05-0") for c in rows[1][4:])
    assert rows[2][:4] == ["7", "2024-05-06", "y", "2024-05-08"]


def test_missing_filed_column_and_empty_file(run, tmp_path):
    r = run("deadline", "--batch", str(write(tmp_path / "a.csv", "id,date\n1,2024-05-06\n")))
    assert r.exit_code == 2 and "没有「提交日期」列" in r.stderr
    r = run("deadline", "--batch", str(write(tmp_path / "b.csv", "")))
    assert r.exit_code == 2 and "空" in r.stderr
    r = run("deadline", "--batch", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "无法打开" in r.stderr


def test_unclosed_quote_is_refused(run, tmp_path):
    src = write(tmp_path / "in.csv", 'id,filed,note\n1,2024-05-06,ok\n2,2024-05-07,"open\n3,2024-05-08,ok\n')
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2 and "第3行的引号" in r.stderr
    assert not out.exists()


def test_stdin_to_stdout(sh):
    r = sh("deadline", "--batch", "-", "--ids", input="filed\n2024-05-06\n")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["accept"] == "2024-05-08" and rows[0]["error"] == ""
    assert "已写出 1 行" in r.stderr


def test_memory_does_not_hold_the_file():
    """Streaming: the output is written while reading (checked through a writer that counts)."""
    from yb_guide.calendar import workdays
    from yb_guide.knowledge import loader as knowledge
    from yb_guide.schedule import batch, deadlines

    plan = deadlines.make_plan(knowledge.load())
    cal = workdays.get_calendar()
    lines = ["filed"] + [f"2024-05-{d:02d}" for d in range(1, 29)] * 500
    seen_before_end = []

    class Out(io.BytesIO):
        def write(self, b):
            seen_before_end.append(src.tell() < len(data))
            return super().write(b)

    data = ("\n".join(lines) + "\n").encode()
    src = io.BytesIO(data)
    out = Out()
    summary = batch.run_batch(plan, cal, src, out)
    assert summary.written == 14000 and summary.bad == 0
    assert any(seen_before_end)  # output began before the input was read to the end
    assert not out.closed  # the caller's stream (stdout) is left open


@pytest.mark.parametrize("extra", [["--complex"], ["--filed", "2024-05-06"], ["--channel", "hall-visit"],
                                   ["--force"]])
def test_options_that_do_not_apply_to_batch_are_refused(run, tmp_path, extra):
    src = write(tmp_path / "in.csv", "filed\n2024-05-06\n")
    r = run("deadline", "--batch", str(src), *extra)
    assert r.exit_code == 2 and extra[0] in r.stderr


@pytest.mark.parametrize("extra", [["--out", "o.csv"], ["--encoding", "gbk"], ["--ids"], ["--on-error", "stop"]])
def test_batch_options_without_batch_are_refused(run, tmp_path, extra):
    r = run("deadline", "--filed", "2024-05-06", *extra)
    assert r.exit_code == 2 and extra[0] in r.stderr and "--batch" in r.stderr
    assert not (tmp_path / "o.csv").exists()


def test_a_pipe_gets_the_inputs_encoding(sh, tmp_path):
    src = write(tmp_path / "w" / "in.csv", "编号,提交日期\n张三,2024-05-06\n", "gbk")
    r = sh("deadline", "--batch", str(src), encoding="gbk")  # stdout is a pipe: the data as the input was
    assert r.exit_code == 0
    assert list(csv.DictReader(io.StringIO(r.stdout)))[0] == {
        "编号": "张三", "提交日期": "2024-05-06", "受理登记": "2024-05-08", "调查核实": "2024-05-28",
        "处理反馈": "2024-06-04", "一般反馈期限（问答）": "2024-05-24", "书面告知受理情况": "2024-05-21",
        "信访事项办结": "2024-07-20", "是否推算": "否", "错误": ""}


# ---------------------------------------------------------------- the console


def test_a_console_gets_its_own_encoding():
    from yb_guide.cli.batch import output_encoding

    class Stream:
        def __init__(self, tty, encoding):
            self.tty, self.encoding = tty, encoding

        def isatty(self):
            return self.tty

    assert output_encoding(Stream(True, "gbk"), None) == ("gbk", "replace")  # a Chinese Windows console
    assert output_encoding(Stream(True, "gbk"), "utf-8-sig") == ("gbk", "replace")
    assert output_encoding(Stream(True, "utf-8-sig"), None) == ("utf-8", "replace")  # no BOM on a screen
    assert output_encoding(Stream(False, "gbk"), None) == (None, "strict")  # a pipe: the input's own
    assert output_encoding(Stream(False, "gbk"), "utf-8-sig") == ("utf-8-sig", "strict")


try:
    import pexpect
except ImportError:  # Windows: pexpect's spawn needs a POSIX pseudo-terminal
    pexpect = None
needs_pty = pytest.mark.skipif(pexpect is None or sys.platform == "win32", reason="needs pexpect and a POSIX pseudo-terminal")


def spawn(*args, **env):
    from conftest import installed_ybguide

    return pexpect.spawn(installed_ybguide(), list(args), env={**os.environ, "NO_COLOR": "1", **env},
                         timeout=30, dimensions=(50, 100))


@needs_pty
def test_a_gbk_terminal_gets_gbk_bytes_not_utf8(tmp_path):
    src = write(tmp_path / "w" / "in.csv", "编号,提交日期\n张三😀,2024-05-06\n")  # a UTF-8 file
    child = spawn("deadline", "--batch", str(src), PYTHONIOENCODING="gbk")
    child.expect(pexpect.EOF)
    data = child.before
    child.close()
    assert child.exitstatus == 0
    assert "受理登记,调查核实".encode("gbk") in data and "受理登记".encode("utf-8") not in data
    assert "张三?,2024-05-06,2024-05-08".encode("gbk") in data  # what GBK cannot show is replaced, no crash


# ---------------------------------------------------------------- files: never the input, nothing replaced unasked


def test_out_that_is_the_input_is_refused_also_through_a_link(run, tmp_path):
    folder = tmp_path / "w"
    src = write(folder / "台账.csv", LEDGER, "gbk")
    before = src.read_bytes()
    link = folder / "link.csv"
    try:
        link.symlink_to(src)
    except OSError:  # Windows without the right to make links
        pytest.skip("cannot make a symbolic link here")
    for inp, out, *force in ((src, src), (src, link), (link, src), (src, folder / "." / "台账.csv", "--force")):
        r = run("deadline", "--batch", str(inp), "--out", str(out), *force)
        assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "就是输入文件" in r.stderr, (inp, out)
        assert src.read_bytes() == before  # byte for byte
    assert sorted(p.name for p in folder.iterdir()) == ["link.csv", "台账.csv"]


def test_an_existing_out_file_is_kept_unless_forced(run, tmp_path):
    src = write(tmp_path / "w" / "in.csv", "filed\n2024-05-06\n")
    out = tmp_path / "w" / "结果.csv"
    out.write_text("上个月的结果\n", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2 and "已经存在，没有改动它" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "上个月的结果\n"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--force")
    assert r.exit_code == 0 and read_csv(out)[0]["受理登记"] == "2024-05-08"
    assert sorted(p.name for p in out.parent.iterdir()) == ["in.csv", "结果.csv"]


@pytest.mark.parametrize("answer, replaced", [("是\n", True), ("ｙ\n", True), ("否\n", False), ("\n", False), ("", False)])
def test_on_a_terminal_it_asks_before_replacing(run, tmp_path, monkeypatch, answer, replaced):
    from yb_guide.cli import prompts

    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    src = write(tmp_path / "w" / "in.csv", "filed\n2024-05-06\n")
    out = tmp_path / "w" / "out.csv"
    out.write_text("old", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(out), input=answer)
    assert f"文件 {out} 已经存在，要替换它吗？（是/否）" in r.stderr.replace("\n", "")  # wrapped to the screen
    assert (out.read_text(encoding="utf-8") != "old") is replaced
    assert r.exit_code == (0 if replaced else 2)
    # The input file itself is refused without a question.
    r = run("deadline", "--batch", str(src), "--out", str(src), input="是\n")
    assert "要替换它吗" not in r.stderr and "就是输入文件" in r.stderr


@needs_pty
def test_in_a_real_terminal_yes_replaces(tmp_path):
    src = write(tmp_path / "w" / "in.csv", "filed\n2024-05-06\n")
    out = tmp_path / "w" / "out.csv"
    out.write_text("old", encoding="utf-8")
    child = spawn("deadline", "--batch", str(src), "--out", str(out))
    child.expect("要替换它吗".encode())
    child.sendline("是".encode())
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and read_csv(out)[0]["受理登记"] == "2024-05-08"


def _full_disk(monkeypatch, after: int) -> None:
    """The batch's file writes fail with 'no space left' after ``after`` bytes."""
    from yb_guide.schedule import batch_sheet

    real_open = open

    class Full(io.RawIOBase):
        def __init__(self, path):
            self.fh, self.n = real_open(path, "wb"), 0

        def writable(self):
            return True

        def write(self, b):
            self.n += len(b)
            if self.n > after:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(b)

        def close(self):
            self.fh.close()
            super().close()

    monkeypatch.setattr(batch_sheet, "open", lambda path, mode: io.BufferedWriter(Full(path)), raising=False)


def test_a_full_disk_is_one_line_and_leaves_no_file(run, tmp_path, monkeypatch):
    _full_disk(monkeypatch, after=20_000)
    src = write(tmp_path / "w" / "in.csv", "filed\n" + "2024-05-06\n" * 5000)
    out = tmp_path / "w" / "out.csv"
    out.write_text("old", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(out), "--force")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "磁盘已满" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text(encoding="utf-8") == "old"  # the old file as it was
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "w" / "new.csv"))
    assert r.exit_code == 1 and "磁盘已满" in r.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["in.csv", "out.csv"]  # no new or temporary file


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_dev_full(sh, tmp_path):
    src = write(tmp_path / "w" / "in.csv", "filed\n2024-05-06\n")
    r = sh("deadline", "--batch", str(src), "--out", "/dev/full")
    assert r.exit_code == 1 and r.stderr.strip() == "错误：无法写入 /dev/full（磁盘已满）。"


def test_out_to_a_device_writes_into_it(run, tmp_path):
    import stat

    src = write(tmp_path / "in.csv", "filed\n2024-05-06\n")
    r = run("deadline", "--batch", str(src), "--out", os.devnull)
    assert r.exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device, not a renamed file


def test_situation_columns_decide_which_rules_apply_per_row(run, tmp_path):
    """决定类型/争议金额 columns: the same rules as `deadline --decision-kind/--amount`, row by row."""
    src = write(tmp_path / "in.csv", "编号,提交日期,知道原决定日期,决定类型,争议金额\n"
                                     "甲,2026-01-05,2026-01-05,拒付,2999.99\n"
                                     "乙,2026-01-05,2026-01-05,行政处罚,5000\n"
                                     "丙,2026-01-05,2026-01-05,罚,\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2  # one bad row
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by_id = {row["编号"]: row for row in rows}
    # 2026-01-05 + 60 days = 2026-03-06 (Fri), for every kind of decision
    assert by_id["甲"]["申请行政复议的最后一天"] == by_id["乙"]["申请行政复议的最后一天"] == "2026-03-06"
    assert "决定类型" in by_id["丙"]["错误"] and "不予报销" in by_id["丙"]["错误"]
    cli = run("deadline", "--filed", "2026-01-05", "--decision-known", "2026-01-05", "--decision-kind", "拒付",
              "--amount", "2999.99", "--json").json()
    assert {s["id"]: s["due"] for s in cli["stages"]}["lawsuit"] == by_id["甲"]["直接提起行政诉讼的最后一天"]


def test_a_filing_after_today_is_a_row_error_not_a_silent_date(run, tmp_path):
    src = write(tmp_path / "in.csv", "提交日期\n2026-12-01\n2026-12-25\n12月1日\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--today", "2026-12-05")
    assert r.exit_code == 2
    rows = read_csv(out)
    assert rows[0]["错误"] == "" and "在今天（2026-12-05）之后" in rows[1]["错误"]
    assert rows[2]["错误"] == "" and rows[2]["受理登记"] == rows[0]["受理登记"]  # 12月1日: this December's


# ---------------------------------------------------------------- workbooks and calendars


def test_a_workbook_to_the_screen_is_csv_and_a_broken_one_is_one_line(run, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = tmp_path / "台账.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "投诉日期", "渠道", "身份证号"])
    wb.active.append([1, dt.datetime(2024, 5, 6), "热线", "140105195403152019"])
    wb.save(book)
    r = run("deadline", "--batch", str(book), "--today", "2024-06-01")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("序号,投诉日期,渠道,身份证号,受理登记")
    # the ID number kept whole for Excel (="…"), as case export --csv writes it
    assert lines[1].startswith('1,2024-05-06,热线,"=""140105195403152019""",2024-05-08')
    bad = write(tmp_path / "坏.xlsx", "not a workbook")
    r = run("deadline", "--batch", str(bad))
    assert r.exit_code == 2 and "不是能读取的 .xlsx 文件" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_calendar_names_rows_without_id_numbers(run, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    src = write(tmp_path / "in.csv", "编号,投诉日期,渠道\n11010519491231002X,2026-11-02,信件\nA-7,2026-11-02,信件\n")
    ics = tmp_path / "x.ics"
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "o.csv"), "--ics", str(ics),
            "--today", "2026-11-02")
    assert r.exit_code == 0, r.stderr
    summaries = {str(e.get("summary")).split("：")[0] for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert summaries == {"第2行", "A-7"} and "1101" not in ics.read_text(encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--ics", str(tmp_path / "y.ics"), "--ics-name", "姓名")
    assert r.exit_code == 2 and "没有「参保人姓名」列" in r.stderr and not (tmp_path / "y.ics").exists()
    r = run("deadline", "--filed", "2026-11-02", "--ics-name", "姓名")
    assert r.exit_code == 2 and "--ics-name 只用于批量计算" in r.stderr


def test_a_workbook_piped_in_is_read_as_one(sh, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt
    import subprocess

    from conftest import installed_ybguide

    book = tmp_path / "台账.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "投诉日期"])
    wb.active.append(["A1", dt.datetime(2024, 5, 6)])
    wb.save(book)
    p = subprocess.run([installed_ybguide(), "deadline", "--batch", "-", "--today", "2024-06-01"],
                       input=book.read_bytes(), capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode("utf-8-sig").splitlines()[1].startswith("A1,2024-05-06,2024-05-08")


def test_rows_sharing_a_date_get_their_own_channels_dates(run, tmp_path):
    """Rows are remembered by their cells and channels of the same tracks share their dates: every
    channel still gets its own (12393 has a reply rule of its own, 信件 and 举报 other tracks), and a
    date written three ways gives the same dates each time, in any order of the rows."""
    channels = ["", "hotline-12393", "nhsa-platform", "hall-visit", "mail-letter", "fraud-report", "热线", "现场"]
    spellings = ["2025-09-26", "2025/9/26", "2025年9月26日", "2026-02-13", "20260213", "2026.2.13"]
    rows = [(f"R{i}", filed, complex_, channel) for i, (filed, complex_, channel) in enumerate(
        (f, c, ch) for f in spellings for c in ("", "1") for ch in channels)]
    random.Random(11).shuffle(rows)
    src = write(tmp_path / "in.csv", "id,filed,complex,channel\n" + "".join(",".join(r) + "\n" for r in rows))
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out), "--ids").exit_code == 0
    got = read_csv(out)
    stages = list(got[0])[4:-2]
    wanted: dict = {}
    for row, (rid, filed, complex_, channel) in zip(got, rows):
        key = (filed, complex_, channel)
        if key not in wanted:
            args = ["deadline", "--filed", filed, "--json", *(["--complex"] if complex_ else []),
                    *(["--channel", channel] if channel else [])]
            wanted[key] = {s["id"]: s["due"] for s in run(*args).json()["stages"]}
        assert row["id"] == rid
        assert [row[s] for s in stages] == [wanted[key].get(s, "") for s in stages], (rid, filed, channel)
    by_channel = {ch: {tuple(r[s] for s in stages) for r, (_, f, c, chn) in zip(got, rows) if chn == ch and c == ""
                       and f.startswith("2025")} for ch in ("", "hotline-12393", "mail-letter")}
    assert len({frozenset(v) for v in by_channel.values()}) == 3  # the channels' dates do differ
