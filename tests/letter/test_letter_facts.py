"""A letter's facts read as a person wrote them: what happened on one day in one way is told once,
with its date; ybguide's own log lines are dated with the event, not with the typing."""

import pytest

from conftest import FULL


@pytest.fixture
def filed_by_phone(run):
    """Filed through 12393 on 2024-05-06 (FULL), and the call logged that day too."""
    assert run("case", "add", *FULL).exit_code == 0
    assert run("case", "log", "1", "拨打12393投诉，接线员说5个工作日内回电", "--kind", "call",
               "--at", "2024-05-06 09:40").exit_code == 0


def facts(run, *extra):
    r = run("letter", "--case", "1", "--today", "2024-07-01", "--json", *extra)
    assert r.exit_code == 0, r.stderr
    return r.json()["facts"], r.json()["text"]


def test_a_call_logged_on_the_filing_day_is_the_filing(run, filed_by_phone):
    found, text = facts(run)
    assert found == [
        "2024年4月28日，在太原市某医院，住院费用中部分项目未按规定报销。涉及金额1,280.50元。",
        "2024年5月6日，本人拨打12393医保服务热线提出投诉，工单编号2024050600123，接待人员王五；"
        "拨打12393投诉，接线员说5个工作日内回电。",
    ]
    assert text.count("2024年5月6日") == 1 and text.count("接线员说5个工作日内回电") == 1


def test_other_days_and_other_ways_stay_apart(run, filed_by_phone):
    # a visit the same day is another act; a call the next day another day
    run("case", "log", "1", "去医院医保办询问", "--kind", "visit", "--at", "2024-05-06 15:00")
    run("case", "log", "1", "致电12393查询进度", "--kind", "call", "--at", "2024-05-07 10:00")
    run("case", "log", "1", "又打了一次，仍在调查。", "--kind", "call", "--at", "2024-05-07 16:00")
    found, _ = facts(run)
    assert found[1].startswith("2024年5月6日，本人拨打12393")
    assert found[2] == "2024年5月6日，去医院医保办询问。"
    # two calls on one day: one fact, the day said once
    assert found[3] == "2024年5月7日，致电12393查询进度；又打了一次，仍在调查。"
    assert len(found) == 4


def test_the_result_and_the_reply_logged_that_day_are_one_reply(run, filed_by_phone):
    assert run("case", "result", "1", "--received", "2024-06-03", "--today", "2024-06-05").exit_code == 0
    run("case", "log", "1", "收到书面答复：不予报销", "--kind", "reply", "--at", "2024-06-03 11:00")
    found, text = facts(run)
    assert found[-1] == "2024年6月3日，本人收到处理结果；收到书面答复：不予报销。"
    assert text.count("2024年6月3日") == 1
    assert not any("收到处理结果（2024-06-03）" in f for f in found)  # ybguide's own line is no fact


def test_the_result_is_logged_on_the_day_it_came(run, filed_by_phone):
    """`case result` typed on 6月5日 for a reply received on 6月3日: the log line says 6月3日 and
    sits before what was logged on 6月4日."""
    run("case", "log", "1", "催办", "--kind", "call", "--at", "2024-06-04 09:00")
    assert run("case", "result", "1", "--received", "2024-06-03", "--today", "2024-06-05").exit_code == 0
    log = run("case", "show", "1", "--json").json()["log"]
    auto = [e for e in log if e["auto"]]
    assert [e["at"] for e in auto] == ["2024-06-03"]
    assert [e["text"] for e in log][-2:] == ["收到处理结果（2024-06-03）", "催办"]
