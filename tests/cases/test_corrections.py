"""Correcting a case: nothing is rewritten silently, nothing is deleted without asking and a copy."""

import json
import os
import stat

import pytest

from conftest import FULL


@pytest.fixture
def case1(run):
    r = run("case", "add", *FULL, "--json")
    assert r.exit_code == 0, r.stderr
    return r.json()


def history(run, case_id="1"):
    return run("case", "show", case_id, "--history", "--json").json()["history"]


def test_edit_keeps_the_old_value_in_the_history(run, case1):
    r = run("case", "edit", "1", "--staff", "王六", "--amount", "1300", "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert (d["staff"], d["amount"]) == ("王六", "1300.00")
    rows = {h["field"]: (h["old"], h["new"]) for h in history(run)}
    assert rows == {"staff": ("王五", "王六"), "amount": ("1280.50", "1300.00")}
    screen = run("case", "show", "1", "--history").stdout
    assert "修改记录" in screen and "接待人员：王五 → 王六" in screen


def test_an_edit_that_changes_nothing_records_nothing(run, case1):
    r = run("case", "edit", "1", "--staff", "王五")
    assert r.exit_code == 0 and "没有变化" in r.stdout
    assert history(run) == []


def test_an_edit_that_moves_a_deadline_says_so(run, case1):
    before = {s["id"]: s["due"] for s in run("case", "show", "1", "--json").json()["schedule"]["stages"]}
    r = run("case", "edit", "1", "--filed", "2024-05-07", "--today", "2024-05-20")
    assert r.exit_code == 0, r.stderr
    after = {s["id"]: s["due"] for s in run("case", "show", "1", "--json").json()["schedule"]["stages"]}
    moved = [i for i in before if before[i] != after.get(i)]
    assert moved and "期限变化" in r.stdout
    assert any(f"从 {before[i]} 变为 {after[i]}" in r.stdout.replace("\n", "") for i in moved)


@pytest.mark.parametrize("args, expected", [
    (("--amount", "-5"), "金额应当大于 0"),
    (("--amount", "0"), "金额应当大于 0"),
    (("--filed", "2024-04-27"), "晚于提交日期"),  # the incident was on 2024-04-28
    (("--incident-date", "2024-05-08"), "晚于提交日期"),
])
def test_bad_edits_change_nothing(run, case1, args, expected):
    assert run("case", "log", "1", "打过电话", "--at", "2024-05-08 09:00").exit_code == 0
    before = run("case", "show", "1", "--json").json()
    r = run("case", "edit", "1", *args, "--today", "2024-05-20")
    assert r.exit_code == 2 and expected in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert run("case", "show", "1", "--json").json() == before


def test_edit_without_anything_to_change_and_no_terminal(run, case1):
    r = run("case", "edit", "1")
    assert r.exit_code == 2 and "没有写要改什么" in r.stderr


def test_interactive_edit_shows_current_values_keeps_clears_and_goes_back(run, case1):
    # channel, filed: Enter keeps; ticket: a typo, noticed at the next question: b goes back to it
    answers = ["", "", "2024050600998", "b", "2024050600999", "王六", "", "", "-"]
    answers += [""] * 30  # keep everything else
    r = run("case", "edit", "1", "-i", "--json", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    asked = r.stdout + r.stderr
    assert "现在：2024050600123" in asked and "现在：王五" in asked  # each prompt shows the value
    d = json.loads(r.stdout[r.stdout.index("{\n"):])
    assert (d["ticket"], d["staff"], d["incident_date"], d["place"]) == ("2024050600999", "王六", "2024-04-28", None)
    assert "现在：全国统一医保服务热线 12393" in asked  # the channel by its name
    assert [h["field"] for h in history(run)] == ["ticket", "staff"]  # place was empty already


def test_acting_for_a_parent_is_added_later(run, case1):
    r = run("case", "edit", "1", "--agent-name", "张小红", "--agent-relation", "女儿", "--json")
    d = r.json()
    assert d["acting"] and (d["agent_name"], d["agent_relation"]) == ("张小红", "女儿")
    letter = run("letter", "--case", "1", "--today", "2024-06-10", "--json").json()["text"]
    assert "本人张小红，系参保人张三的女儿，受张三委托" in letter
    assert "代办人（受托人）姓名：张小红" in letter and "授权委托书" in letter


def test_log_edit_and_delete(run, case1):
    assert run("case", "log", "1", "打电话问进度", "--kind", "电话", "--at", "2024-05-08 09:00").exit_code == 0
    r = run("case", "log-edit", "1", "1", "--text", "打12393问进度，说在调查")
    assert r.exit_code == 0 and "原来是" in r.stdout and "打电话问进度" in r.stdout
    log = run("case", "show", "1", "--json").json()["log"]
    assert log[0]["text"] == "打12393问进度，说在调查"
    r = run("case", "log-delete", "1", "1", input="n\n")
    assert r.exit_code != 0 and "没有删除" in r.stderr
    assert len(run("case", "show", "1", "--json").json()["log"]) == 1
    assert run("case", "log-delete", "1", "1", "--yes").exit_code == 0
    assert run("case", "show", "1", "--json").json()["log"] == []
    kept = [h for h in history(run) if h["field"] == "log"]
    assert len(kept) == 2 and "打电话问进度" in kept[0]["old"] and "打12393问进度" in kept[1]["old"]


def test_log_entry_that_does_not_exist(run, case1):
    r = run("case", "log-edit", "1", "3", "--text", "x")
    assert r.exit_code == 2 and "第 3 条" in r.stderr
    r = run("case", "log-delete", "1", "3", "--yes")
    assert r.exit_code == 2 and "第 3 条" in r.stderr


def test_delete_asks_keeps_a_copy_and_the_copy_imports_back(run, case1, tmp_path):
    before = run("case", "show", "1", "--json").json()
    r = run("case", "delete", "1", input="n\n")
    assert r.exit_code != 0 and "没有删除" in r.stderr
    assert run("case", "list", "--json").json()["total"] == 1
    r = run("case", "delete", "1", "--yes", "--json")
    assert r.exit_code == 0, r.stderr
    copy = r.json()["backup"]
    assert run("case", "list", "--json").json()["total"] == 0
    assert os.path.dirname(copy) == str(tmp_path / "home" / "deleted")
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600  # it holds ID numbers
    assert run("case", "import", copy).exit_code == 0
    assert run("case", "show", "1", "--json").json()["ticket"] == before["ticket"]


def test_result_date_change_is_a_correction(run, case1):
    assert run("case", "result", "1", "--received", "2024-05-20", "--today", "2024-05-20").exit_code == 0
    r = run("case", "result", "1", "--received", "2024-05-24", "--today", "2024-05-24")
    assert r.exit_code == 0 and "已改正" in r.stdout
    rows = [(h["old"], h["new"]) for h in history(run) if h["field"] == "result_received"]
    assert rows == [(None, "2024-05-20"), ("2024-05-20", "2024-05-24")]


def test_an_export_made_with_a_later_today_imports_back(run, case1, tmp_path, monkeypatch):
    assert run("case", "result", "1", "--received", "2030-02-01", "--today", "2030-02-01").exit_code == 0
    out = tmp_path / "b.json"
    assert run("case", "export", "--out", str(out), "--today", "2030-02-01").exit_code == 0
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "other"))
    from yb_guide.base.cache import reset_caches

    reset_caches()
    r = run("case", "import", str(out), "--today", "2030-02-01")
    assert r.exit_code == 0, r.stderr
    assert run("case", "show", "1", "--today", "2030-02-01", "--json").json()["result_received"] == "2030-02-01"


def test_letter_on_screen_is_not_logged_and_each_written_file_once(run, case1, tmp_path):
    before = len(run("case", "show", "1", "--json").json()["log"])
    for _ in range(3):
        assert run("letter", "--case", "1", "--today", "2024-06-10").exit_code == 0
    assert len(run("case", "show", "1", "--json").json()["log"]) == before
    out = tmp_path / "信.txt"
    assert run("letter", "--case", "1", "--today", "2024-06-10", "--out", str(out)).exit_code == 0
    log = run("case", "show", "1", "--json").json()["log"]
    assert len(log) == before + 1 and log[-1]["text"] == "写了投诉信（信.txt）"


def test_checklist_items_for_someone_acting(run):
    plain = run("checklist", "hall-visit", "--json").json()
    acting = run("checklist", "现场", "--acting", "--json").json()
    names = [i["item"] for i in plain["items"]]
    assert not any("委托书" in n for n in names)
    assert any("委托书" in n for n in plain["acting_items"])  # named, to say what --acting adds
    extra = [i for i in acting["items"] if i["acting_only"]]
    assert [i["item"] for i in extra] == plain["acting_items"]
    assert any("代办人" in i["item"] and "身份证" in i["item"] for i in extra)
    screen = run("checklist", "hall-visit").stdout
    assert "替家人代办时还要准备" in screen and "--acting" in screen
    assert "民法典第一百六十五条" in run("checklist", "hall-visit", "--acting").stdout


def test_a_case_without_an_agent_has_no_acting_reminder(run, case1):
    assert case1["acting_checklist"] is None
    assert "代办要准备" not in run("case", "show", "1").stdout


def test_review_request_and_opinion_recorded_at_once(run):
    assert run("case", "add", "--channel", "信件", "--filed", "2026-10-08", "--today", "2026-10-08").exit_code == 0
    assert run("case", "result", "1", "--received", "2026-10-20", "--today", "2026-10-20").exit_code == 0
    r = run("case", "review", "1", "--requested", "2026-10-22", "--replied", "2026-11-20", "--today", "2026-11-25",
            "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert [e["date"] for e in d["events"] if e["field"] in ("review_requested", "review_replied")] == [
        "2026-10-22", "2026-11-20"]
    # 2026-10-22 + 30 days = 2026-11-21, a Saturday: the 条例's day stays; Monday 11-23 is the inference
    reply = next(s for s in d["schedule"]["stages"] if s["id"] == "review-reply")
    assert (reply["due"], reply["moved_due"]) == ("2026-11-21", "2026-11-23")
    r = run("case", "review", "1", "--replied", "2026-10-21", "--today", "2026-11-25")
    assert r.exit_code == 2 and "早于提出复查请求" in r.stderr
    r = run("case", "review", "1", "--today", "2026-11-25")
    assert r.exit_code == 2 and "--requested" in r.stderr


def test_a_letter_dated_before_the_complaint_is_refused_and_later_facts_are_left_out(run, case1):
    r = run("letter", "--case", "1", "--today", "2024-04-20")
    assert r.exit_code == 2 and "提交日期 2024-05-06 晚于今天 2024-04-20" in r.stderr
    assert run("case", "log", "1", "打电话问进度", "--at", "2024-05-20 10:30").exit_code == 0
    d = run("letter", "--case", "1", "--today", "2024-05-10", "--json").json()
    assert "打电话问进度" not in d["text"] and d["left_out"] == ["沟通记录"]
    assert "打电话问进度" in run("letter", "--case", "1", "--today", "2024-05-21", "--json").json()["text"]
