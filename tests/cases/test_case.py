"""`ybguide case add|list|show|log|result|close|reopen`: options, prompts, masking, errors."""

import os
import stat
import subprocess
import sys

import pytest

from conftest import FULL, ID


def add(run, *args):
    r = run("case", "add", *args, "--json")
    assert r.exit_code == 0, r.stderr
    return r.json()


def one_line_error(r, code=2):
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stderr.startswith("错误：") and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stdout + r.stderr


def test_add_with_options(run, tmp_path):
    d = add(run, *FULL)
    assert d["id"] == 1 and d["message"] == "已记录为案件 1。"
    assert d["channel"] == "hotline-12393" and d["filed"] == "2024-05-06" and d["ticket"] == "2024050600123"
    assert d["amount"] == "1280.50" and d["amount_text"] == "1,280.50元"
    assert d["asks"] == ["重新报销", "道歉"] and d["evidence"] == ["住院费用票据复印件"]
    assert d["id_number"] == "1101**********002X" and d["card_number"] == "1401****3456"
    stages = {s["id"]: s for s in d["schedule"]["stages"]}
    assert stages["accept"]["due"] == "2024-05-08"  # from the deadline engine
    assert stages["hotline-reply"]["window_start"] == "2024-05-11"
    # The legal bound if the complaint is handled as 信访 (15 days) comes before the usual reply time.
    assert stages["petition-notice"]["due"] == "2024-05-21" and stages["petition-notice"]["track"] == "petition"
    assert d["next"]["id"] == "petition-notice" and d["next"]["workdays_left"] == 1


def test_database_and_its_wal_are_private(run, tmp_path):
    import sqlite3

    add(run, *FULL)
    home = tmp_path / "home"
    db = home / "cases.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    reader = sqlite3.connect(db)  # keeps the -wal and -shm files in place while we look
    reader.execute("SELECT count(*) FROM cases").fetchone()
    try:
        add(run, *FULL)
        extras = sorted(p.name for p in home.glob("cases.sqlite3-*"))
        assert extras == ["cases.sqlite3-shm", "cases.sqlite3-wal"]
        for name in extras:
            assert stat.S_IMODE((home / name).stat().st_mode) == 0o600
    finally:
        reader.close()


def test_show_masks_unless_reveal(run):
    add(run, *FULL)
    r = run("case", "show", "1", "--today", "2024-05-20")
    assert "1101**********002X" in r.stdout and ID not in r.stdout
    assert ID in run("case", "show", "1", "--reveal", "--today", "2024-05-20").stdout
    assert run("case", "show", "1", "--json").json()["id_number"] == "1101**********002X"
    assert run("case", "show", "1", "--json", "--reveal").json()["id_number"] == ID


@pytest.mark.parametrize("bad, expected", [
    ("11010519491231002", "应为18位"),
    ("110105194912310021", "校验位不对"),
    ("11010519491331002X", "出生日期"),
    ("1101051949123100２A", "不该出现的字符"),
])
def test_bad_id_number(run, bad, expected):
    r = run("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06", "--id-number", bad)
    one_line_error(r)
    assert expected in r.stderr and bad not in r.stdout


def test_full_width_id_digits_are_accepted(run):
    d = add(run, "--channel", "hall-visit", "--filed", "2024-05-06", "--id-number", "１１０１０５１９４９１２３１００２ｘ")
    assert d["id_number"] == "1101**********002X"


def test_missing_required_without_a_terminal(run):
    r = run("case", "add", "--filed", "2024-05-06")
    one_line_error(r)
    assert "缺少投诉渠道：请加上 --channel 渠道" in r.stderr


def test_unknown_channel_did_you_mean(run):
    r = run("case", "add", "--channel", "hotline", "--filed", "2024-05-06")
    one_line_error(r)
    assert "「hotline-12393」" in r.stderr


@pytest.mark.parametrize("args, expected", [
    (("--filed", "2024-02-30"), "2024年2月没有30日"),
    (("--filed", "2099-01-01"), "晚于今天"),
    (("--filed", "2024-05-06", "--incident-date", "2024-05-07"), "晚于提交日期"),
    (("--filed", "2024-05-06", "--amount", "12.345"), "两位小数"),
    (("--filed", "2024-05-06", "--phone", "call me"), "联系电话"),
])
def test_bad_values(run, args, expected):
    r = run("case", "add", "--channel", "hall-visit", *args)
    one_line_error(r)
    assert expected in r.stderr


@pytest.mark.parametrize("form", ["2024/5/6", "2024.5.6", "20240506", "2024年5月6日"])
def test_filed_date_forms(run, form):
    assert add(run, "--channel", "hall-visit", "--filed", form)["filed"] == "2024-05-06"


def test_interactive_prompts(run):
    answers = "\n".join([
        "1",  # the case starts from a complaint (not from a decision)
        "99",  # not a channel number: asked again
        "1",  # hotline-12393
        "2024-05-06", "A123", "", "太原市某医院", "", "", "abc",  # bad amount: asked again
        "100", "没有报销", "重新报销", "", "", "n", "张三", "110105194912310021",  # bad checksum: asked again
        ID, "", "", "", "",  # card number, no one acting for the insured person, phone, address
    ]) + "\n"
    r = run("case", "add", "-i", "--json", input=answers)
    assert r.exit_code == 0, r.stderr
    import json

    d = json.loads(r.stdout[r.stdout.index("{\n"):])  # CliRunner echoes the typed answers to stdout
    assert (d["channel"], d["filed"], d["ticket"], d["amount"], d["asks"]) == (
        "hotline-12393", "2024-05-06", "A123", "100.00", ["重新报销"])
    assert d["id_number"] == "1101**********002X"
    assert "校验位不对" in r.stderr and "金额「abc」看不懂" in r.stderr  # shown, then asked again


def test_a_case_starts_from_a_refusal_alone_and_leads_to_reconsideration(run):
    """A daughter records her father's written 不予报销 (known 2026-10-15, 2,400 元) with no complaint:
    the case needs no channel and no filing date, and its first step is 申请行政复议 within 60 days
    (行政复议法 第二十条第一款: "自知道或者应当知道该行政行为之日起六十日内提出行政复议申请")."""
    d = add(run, "--decision-kind", "不予报销", "--decision-known", "2026-10-15", "--amount", "2400",
            "--name", "王建国", "--agent-name", "王芳", "--agent-relation", "女儿", "--today", "2026-11-20")
    assert d["channel"] is None and d["filed"] is None
    assert d["schedule"]["first_step"]["act"] == "reconsideration" and d["next"]["due"] == "2026-12-14"
    listed = run("case", "list", "--today", "2026-11-20", "--json").json()["cases"][0]
    assert listed["next"]["title"] == "申请行政复议的最后一天" and listed["filed"] is None
    screen = run("case", "show", "1", "--today", "2026-11-20", env={"COLUMNS": "80"}).stdout
    assert screen.splitlines()[1].startswith("先做这件事：申请行政复议的最后一天——2026-12-14")
    # half a complaint is still refused; nothing at all is refused with the two ways to start
    r = run("case", "add", "--channel", "热线", "--decision-kind", "不予报销", "--today", "2026-11-20")
    assert r.exit_code == 2 and "缺少提交日期" in r.stderr
    r = run("case", "add", "--name", "王建国", "--today", "2026-11-20")
    assert r.exit_code == 2 and "--decision-kind" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_interactive_case_add_from_a_decision(run):
    answers = "\n".join(["2",  # the case starts from a decision
                         "1", "2026-10-15", "",  # 不予报销, known 10-15, the paper's date not known
                         "", "", "", "2400", "父亲的住院费用被拒绝报销", "", "", "王建国", "", "", "", "", ""]) + "\n"
    r = run("case", "add", "-i", "--json", "--today", "2026-11-20", input=answers)
    assert r.exit_code == 0, r.stderr
    import json

    d = json.loads(r.stdout[r.stdout.index("{\n"):])
    assert d["schedule"]["situation"]["decision"]["answer"] == "refusal" and d["channel"] is None
    assert d["amount"] == "2400.00"
    assert d["schedule"]["first_step"]["act"] == "reconsideration" and d["schedule"]["next"]["due"] == "2026-12-14"
    assert "投诉渠道" not in r.stderr + r.stdout.split("{\n")[0]  # no complaint asked about


def test_interactive_end_of_input_cancels(run):
    r = run("case", "add", "-i", input="1\n")
    assert r.exit_code == 1 and "输入已结束，没有保存" in r.stderr and "Traceback" not in r.stderr
    assert run("case", "list", "--json").json()["total"] == 0


def test_list_next_due_and_overdue(run):
    add(run, *FULL)
    add(run, "--channel", "hall-visit", "--filed", "2024-06-03", "--today", "2024-06-03")
    d = run("case", "list", "--today", "2024-05-27", "--json").json()
    first = d["cases"][0]
    assert first["next"]["id"] == "investigate" and first["next"]["due"] == "2024-05-28"
    # The usual handling times (a web article, not law) that passed are no missed deadline: 催办
    assert [s["id"] for s in first["follow_up"]] == ["typical-reply", "hotline-reply"]
    assert first["overdue"] == [] and first["is_overdue"] is False
    # Only end stages count: 受理登记 passing is normal.
    assert "accept" not in [s["id"] for s in first["follow_up"]]
    assert run("case", "list", "--today", "2024-06-04", "--overdue", "--json").json()["cases"] == []
    # A legal period that passed is 已过: the 信访 conclusion, 60 days after the notice's last day
    # (05-21 + 60 = 07-20) for case 1; case 2's (06-18 + 60 = 08-17) is still ahead.
    d = run("case", "list", "--today", "2024-07-25", "--overdue", "--json").json()
    assert [c["id"] for c in d["cases"]] == [1] and d["cases"][0]["overdue"][0]["id"] == "petition-conclude"


def test_list_table_and_red_overdue(run):
    add(run, *FULL)
    r = run("case", "list", "--today", "2024-05-27", env={"COLUMNS": "160"})
    assert r.exit_code == 0
    for text in ("全国统一医保服务热线 12393", "2024-05-06", "2024050600123", "进行中", "调查核实", "2024-05-28",
                 "1 个工作日", "热线工单处理时限：超过一般办理时间，可以催办"):
        assert text in r.stdout.replace("\n", "").replace(" ", "") or text in r.stdout
    assert "已过" not in r.stdout  # no legal deadline has passed
    assert "hotline-12393" not in r.stdout  # the channel's name, not its id
    narrow = run("case", "list", "--today", "2024-05-27", env={"COLUMNS": "60"}).stdout
    assert "案件 1 · 张* · 进行中" in narrow and "张三" not in narrow and "下一个期限：调查核实 2024-05-28 周二 还剩 1 个工作日" in narrow
    from yb_guide.cli.render import cases as render

    payload = run("case", "list", "--today", "2024-07-25", "--json").json()
    table = next(render.case_list(payload)).wide()[0]  # the table of a wide screen
    cells = [cell for col in table.columns for cell in col._cells]
    red = [c for c in cells if any("red" in str(span.style) for span in c.spans) or "red" in str(c.style)]
    assert any("已过" in c.plain for c in red)


def test_list_filters_open(run):
    add(run, *FULL)
    add(run, "--channel", "hall-visit", "--filed", "2024-06-03")
    run("case", "close", "1")
    d = run("case", "list", "--open", "--json").json()
    assert [c["id"] for c in d["cases"]] == [2] and d["total"] == 2
    assert run("case", "list").exit_code == 0


def test_empty_list(run):
    r = run("case", "list")
    assert r.exit_code == 0 and "还没有记录任何案件" in r.stdout


def test_log_and_show_timeline(run):
    add(run, *FULL)
    r = run("case", "log", "1", "致电12393查询进度，答复仍在调查", "--kind", "call", "--at", "2024-05-20 10:30")
    assert r.exit_code == 0 and "2024-05-20 10:30（电话）" in r.stdout
    run("case", "log", "1", "去大厅递交材料", "--kind", "visit", "--at", "2024/5/22")
    d = run("case", "show", "1", "--today", "2024-05-27", "--json").json()
    assert [(e["at"], e["kind"]) for e in d["log"]] == [("2024-05-20 10:30", "call"), ("2024-05-22", "visit")]
    dues = [s["due"] for s in d["schedule"]["stages"]]
    assert dues == sorted(dues)  # a timeline, in date order
    r = run("case", "show", "1", "--today", "2024-05-27", env={"COLUMNS": "160"})
    assert "沟通记录" in r.stdout and "去大厅递交材料" in r.stdout and "← 下一个" in r.stdout


def test_log_default_time_is_now(run):
    add(run, *FULL)
    d = run("case", "log", "1", "打了电话", "--json").json()
    from yb_guide.calendar.dates import today_in_china

    # the log's time is Beijing time, whatever the machine's time zone (CI runs this in UTC+14 too)
    assert d["at"].startswith(today_in_china().isoformat()) and len(d["at"]) == 16 and d["kind"] == "other"


@pytest.mark.parametrize("args, expected", [
    (("--kind", "fax"), "没有「fax」这种记录方式"),
    (("--at", "2099-01-01"), "晚于今天"),
    (("--at", "2024-05-20 25:00"), "时间不对"),
])
def test_log_bad_input(run, args, expected):
    add(run, *FULL)
    r = run("case", "log", "1", "text", *args)
    one_line_error(r)
    assert expected in r.stderr


def test_result_adds_review_windows(run):
    add(run, *FULL)
    r = run("case", "result", "1", "--received", "2024-06-05", "--today", "2024-06-06", "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    stages = {s["id"]: s for s in d["schedule"]["stages"]}
    assert stages["review-request"]["due"] == "2024-07-05"  # 信访工作条例 第三十五条: 30 days
    # 复议/诉讼 run from the decision itself, never from the complaint's reply: not computed from it.
    assert "reconsideration" not in stages and "lawsuit" not in stages
    assert {p["needs"] for p in d["schedule"]["pending"] if p["track"] == "administrative"} == {"decision-known", "decision-made"}
    assert d["schedule"]["decision_needed"] and any("知道原决定的日期" in w for w in d["schedule"]["warnings"])
    assert stages["accept"]["relevant"] is False and stages["review-request"]["relevant"] is True
    assert d["next"]["id"] == "review-request" and d["overdue"] == []
    assert d["log"][-1]["kind"] == "reply" and d["log"][-1]["auto"] is True
    late = run("case", "list", "--today", "2024-07-08", "--json").json()["cases"][0]
    assert [s["id"] for s in late["overdue"]] == ["review-request"]


def test_result_before_filing_is_refused(run):
    add(run, *FULL)
    r = run("case", "result", "1", "--received", "2024-05-01")
    one_line_error(r)
    assert "早于提交投诉" in r.stderr
    assert run("case", "show", "1", "--json").json()["result_received"] is None


def test_close_and_reopen(run):
    add(run, *FULL)
    r = run("case", "close", "1", "--today", "2024-06-10")
    assert r.exit_code == 0 and "案件 1 已结案" in r.stdout
    d = run("case", "show", "1", "--json").json()
    assert d["status"] == "closed" and d["closed"] == "2024-06-10" and d["next"] is None and d["overdue"] == []
    assert "本来就是" in run("case", "close", "1").stdout
    assert "已重新打开" in run("case", "reopen", "1").stdout
    d = run("case", "show", "1", "--json").json()
    assert d["status"] == "open" and d["closed"] is None
    assert [e["text"] for e in d["log"] if e["auto"]] == ["结案", "重新打开"]


@pytest.mark.parametrize("args", [
    ("case", "show", "7"), ("case", "show", "abc"), ("case", "log", "7", "x"),
    ("case", "result", "7", "--received", "2024-06-01"), ("case", "close", "7"), ("case", "reopen", "7"),
    ("letter", "--case", "7"),
])
def test_unknown_case_id(run, args):
    add(run, *FULL)
    r = run(*args)
    one_line_error(r)
    assert f"没有编号为「{args[2] if args[0] == 'case' else '7'}」" in r.stderr or "没有编号、姓名或工单编号是「abc」" in r.stderr
    assert "现有的案件编号：1" in r.stderr


def test_user_text_is_not_markup(run):
    add(run, "--channel", "hall-visit", "--filed", "2024-05-06", "--summary", "[red]收费[/red] {name} [bold]",
        "--ticket", "[link=x]1[/link]")
    r = run("case", "show", "1", env={"COLUMNS": "200"})
    assert "[red]收费[/red] {name} [bold]" in r.stdout and "[link=x]1[/link]" in r.stdout
    assert "[link=x]1[/link]" in run("case", "list", env={"COLUMNS": "200"}).stdout


def test_installed_program_end_to_end(sh, tmp_path):
    env = {"YBGUIDE_HOME": str(tmp_path / "h")}
    r = sh("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06", env=env)
    assert r.exit_code == 0 and "已记录为案件 1" in r.stdout
    r = sh("case", "show", "2", env=env)
    assert r.exit_code == 2 and r.stderr.startswith("错误：没有编号为「2」的案件")


def test_prompts_on_a_real_terminal(tmp_path):
    """With a TTY and no options, `case add` asks question by question."""
    import pty
    import select

    from conftest import installed_ybguide

    env = {**os.environ, "YBGUIDE_HOME": str(tmp_path / "h"), "COLUMNS": "100"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(installed_ybguide(), [installed_ybguide(), "case", "add", "--json"], env)
    answers = ["1", "6", "2024-05-06"] + [""] * 6 + ["", "", "", "n"] + [""] * 6  # 1: from a complaint
    out = b""

    def read_until(marker: bytes, timeout=20):
        nonlocal out
        while marker not in out:
            ready, _, _ = select.select([fd], [], [], timeout)
            assert ready, out.decode("utf-8", "replace")
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            out += chunk

    read_until("从哪件事开始".encode())
    for a in answers:
        os.write(fd, (a + "\n").encode())
    read_until(b'"id": 1')
    read_until(b"\0 never printed")  # drain to the end: a full terminal buffer would block the program
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out.decode("utf-8", "replace")
    assert "mail-letter" in out.decode("utf-8", "replace")


def test_no_network_access(run, monkeypatch, tmp_path):
    import socket

    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    add(run, *FULL)
    for args in (("case", "list"), ("case", "show", "1"), ("case", "log", "1", "x"), ("case", "export"),
                 ("letter", "--case", "1", "--out", str(tmp_path / "l.docx"))):
        assert run(*args).exit_code == 0


def test_start_up_does_not_import_sqlite_or_docx(tmp_path):
    code = ("import sys; from yb_guide.cli.app import main; sys.argv=['ybguide','channels','--json'];\n"
            "try:\n    main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('sqlite3', 'docx', 'platformdirs') if m in sys.modules), file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "YBGUIDE_HOME": str(tmp_path / "h")})
    assert p.stderr.strip().splitlines()[-1] == "[]"
    code = code.replace("'channels','--json'", "'case','list','--json'")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "YBGUIDE_HOME": str(tmp_path / "h")})
    assert "'docx'" not in p.stderr.strip().splitlines()[-1] and "'sqlite3'" in p.stderr
