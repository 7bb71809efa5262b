"""`ybguide deadline --batch`: same dates as `deadline --json`, encodings, bad rows, streaming output."""

import csv
import io
import random

import pytest

HEADER = "id,filed,complex,channel,result_received,decision_known\n"


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_batch_matches_deadline_json_for_a_sample(run, tmp_path):
    rnd = random.Random(3)
    forms = ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}{m:02d}{d:02d}", "{y}年{m}月{d}日"]
    rows = []
    for i in range(40):
        y, m, d = rnd.choice([2024, 2025, 2026]), rnd.randint(1, 12), rnd.randint(1, 28)
        filed = rnd.choice(forms).format(y=y, m=m, d=d)
        complex_ = rnd.choice(["", "0", "1", "是"])
        channel = rnd.choice(["", "hotline-12393", "hall-visit", "mail-letter", "fraud-report"])
        result = rnd.choice(["", f"{y + 1}-{m:02d}-{d:02d}"])
        decision = rnd.choice(["", f"{y}-{m:02d}-{d:02d}"])
        rows.append((f"C{i}", filed, complex_, channel, result, decision))
    src = write(tmp_path / "in.csv", HEADER + "".join(",".join(r) + "\n" for r in rows))
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    got = read_csv(out)
    assert len(got) == len(rows)
    stage_columns = list(got[0])[6:-1]
    assert {"accept", "petition-notice", "review-request", "reconsideration", "lawsuit"} <= set(stage_columns)
    for row, (rid, filed, complex_, channel, result, decision) in zip(got, rows):
        args = ["deadline", "--filed", filed, "--json"]
        if complex_ in ("1", "是"):
            args.append("--complex")
        if channel:
            args += ["--channel", channel]
        if result:
            args += ["--result-received", result]
        if decision:
            args += ["--decision-known", decision]
        want = {s["id"]: s for s in run(*args).json()["stages"]}
        assert row["id"] == rid and row["filed"] == filed  # input columns come back unchanged
        for stage in stage_columns:
            assert row[stage] == (want[stage]["due"] if stage in want else ""), (rid, stage)
        assert row["estimated"] == ("true" if any(s["estimated"] for s in want.values()) else "false")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_excel_encodings_are_detected(run, tmp_path, encoding):
    src = write(tmp_path / "in.csv", "编号,提交日期,复杂\n张三-1,2024年5月6日,是\n李四-2,2024/5/4,否\n", encoding)
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--json")
    assert r.exit_code == 0, r.stderr
    summary = r.json() if r.stdout.strip() else None
    got = read_csv(out)
    assert [g["编号"] for g in got] == ["张三-1", "李四-2"]
    assert got[0]["accept"] == "2024-05-08" and got[0]["investigate"] == "2024-06-19"  # complex: 30
    assert got[1]["accept"] == "2024-05-07"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with BOM correctly
    assert summary is None  # the summary goes to stderr, the data to the file
    assert ("gb18030" if encoding in ("gbk", "gb18030") else "utf-8") in r.stderr


def test_bad_rows_are_skipped_with_line_numbers(run, tmp_path):
    src = write(tmp_path / "in.csv", HEADER + "A,2024-05-06,,,\nB,2024-02-30,,,\nC,2024-05-06,maybe,,\n"
                                              "D,2024-05-06,,hotline,\n\nE,2024-05-06,,,2024-05-01\nF,2024-05-07,,,\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2  # the good rows are written, but the run says some input was bad
    assert [g["id"] for g in read_csv(out)] == ["A", "F"]
    assert "已写出 2 行，跳过 4 行" in r.stderr
    for line, words in ((3, "2024年2月没有30日"), (4, "maybe"), (5, "hotline-12393"), (7, "早于")):
        assert f"第{line}行已跳过" in r.stderr and words in r.stderr


def test_stop_on_error_leaves_no_output_file(run, tmp_path):
    src = write(tmp_path / "in.csv", HEADER + "A,2024-05-06,,,\nB,bad,,,\n")
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(out), "--on-error", "stop")
    assert r.exit_code == 2
    assert "CSV 第3行" in r.stderr and "bad" in r.stderr
    assert out.read_text(encoding="utf-8") == "old"  # nothing lost
    assert not list(tmp_path.glob(".out.csv.*"))


def test_missing_filed_column_and_empty_file(run, tmp_path):
    r = run("deadline", "--batch", str(write(tmp_path / "a.csv", "id,date\n1,2024-05-06\n")))
    assert r.exit_code == 2 and "filed" in r.stderr
    r = run("deadline", "--batch", str(write(tmp_path / "b.csv", "")))
    assert r.exit_code == 2 and "空" in r.stderr
    r = run("deadline", "--batch", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "无法打开" in r.stderr


def test_quoted_fields_and_short_rows_are_kept(run, tmp_path):
    src = write(tmp_path / "in.csv", 'id,filed,note\n"A,1",2024-05-06,"two\nlines ""quoted"""\nB,2024-05-06\n')
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out)).exit_code == 0
    got = read_csv(out)
    assert got[0]["id"] == "A,1" and got[0]["note"] == 'two\nlines "quoted"' and got[0]["accept"] == "2024-05-08"
    assert got[1]["note"] == "" and got[1]["accept"] == "2024-05-08"


def test_stdin_to_stdout(sh, tmp_path):
    r = sh("deadline", "--batch", "-", input="filed\n2024-05-06\n")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["accept"] == "2024-05-08"
    assert "已写出 1 行" in r.stderr


def test_memory_does_not_hold_the_file(tmp_path):
    """Streaming: the output is written while reading (checked through a writer that counts)."""
    from yb_guide.schedule import batch
    from yb_guide.schedule import deadlines
    from yb_guide.knowledge import loader as knowledge
    from yb_guide.calendar import workdays

    plan = deadlines.make_plan(knowledge.load())
    cal = workdays.get_calendar()
    lines = ["filed"] + [f"2024-05-{d:02d}" for d in range(1, 29)] * 500
    seen_before_end = []

    class Source(io.BytesIO):
        pass

    class Out(io.StringIO):
        def write(self, s):
            seen_before_end.append(src.tell() < len(data))
            return super().write(s)

    data = ("\n".join(lines) + "\n").encode()
    src = Source(data)
    summary = batch.run_batch(plan, cal, src, Out())
    assert summary.written == 14000
    assert any(seen_before_end)  # output began before the input was read to the end


def test_row_with_extra_cells_is_an_error_not_shifted_dates(run, tmp_path):
    src = write(tmp_path / "in.csv", "id,filed,note\n6,2024-05-06,x,extra\n7,2024-05-06,y\n")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2 and "第2行已跳过" in r.stderr and "4 列" in r.stderr
    got = read_csv(out)
    assert [g["id"] for g in got] == ["7"] and got[0]["accept"] == "2024-05-08"


def test_unclosed_quote_is_refused(run, tmp_path):
    src = write(tmp_path / "in.csv", 'id,filed,note\n1,2024-05-06,ok\n2,2024-05-07,"open\n3,2024-05-08,ok\n')
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 2 and "第3行的引号" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("extra", [["--complex"], ["--filed", "2024-05-06"], ["--channel", "hall-visit"],
                                   ["--ics", "x.ics"]])
def test_options_that_do_not_apply_to_batch_are_refused(run, tmp_path, extra):
    src = write(tmp_path / "in.csv", "filed\n2024-05-06\n")
    r = run("deadline", "--batch", str(src), *extra)
    assert r.exit_code == 2 and extra[0] in r.stderr


def test_out_without_batch_is_refused(run, tmp_path):
    r = run("deadline", "--filed", "2024-05-06", "--out", str(tmp_path / "o.csv"))
    assert r.exit_code == 2 and "--batch" in r.stderr
    assert not (tmp_path / "o.csv").exists()


def test_out_to_a_device_writes_into_it(run, tmp_path):
    import os
    import stat

    src = write(tmp_path / "in.csv", "filed\n2024-05-06\n")
    r = run("deadline", "--batch", str(src), "--out", os.devnull)
    assert r.exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device, not a renamed file
