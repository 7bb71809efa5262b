"""Payloads handed to the renderers are typed: each one is held to the TypedDict that declares it,
key for key and kind for kind, for every answer path of every flow (the command line, its --json and
the web page all read these keys)."""

from __future__ import annotations

import datetime as dt

import pytest
from shape import problems


def knowledge(region="CN-SX"):
    from yb_guide.knowledge import loader

    return loader.get(region=region)


def paths(region):
    from yb_guide.knowledge.flows import all_paths

    k = knowledge(region)
    return [(k, flow, answers) for flow in k.flows for answers, _ in all_paths(flow)]


@pytest.mark.parametrize("region", ["CN-SX", "CN"])
def test_every_outcome_and_question_has_the_declared_shape(region):
    from yb_guide.knowledge.flows import resolve
    from yb_guide.views.flow_shapes import FlowQuestion, FlowResult
    from yb_guide.views.flows import flow_question, flow_result

    found = paths(region)
    assert len(found) > 50
    kinds = set()
    for k, flow, answers in found:
        p = flow_result(k, resolve(flow, answers), today=dt.date(2026, 11, 30))
        assert problems(p, FlowResult) == [], (flow.id, answers)
        kinds |= {a["action"] for a in p["next"]}
        for n in range(len(answers)):  # each question on the way
            pos = resolve(flow, answers[:n])
            if pos.asking is not None:
                assert problems(flow_question(pos), FlowQuestion) == [], (flow.id, answers[:n])
    assert {"checklist", "channel", "deadline"} <= kinds  # the optional keys of next steps were seen
    from yb_guide.views.flow_shapes import FlowQuestions
    from yb_guide.views.flows import flow_questions

    for flow in knowledge(region).flows:  # --list-questions
        assert problems(flow_questions(knowledge(region), flow.id), FlowQuestions) == [], flow.id


def test_an_outcome_for_a_case_has_the_declared_shape():
    from yb_guide.knowledge.flows import resolve
    from yb_guide.views.flow_shapes import FlowResult
    from yb_guide.views.flows import flow_result

    k = knowledge()
    for _, flow, answers in paths("CN-SX")[::7]:
        case = {"id": 3, "events": {"filed": dt.date(2026, 11, 2), "result-received": dt.date(2026, 11, 20)},
                "situation": {"decision": "refusal"}}
        p = flow_result(k, resolve(flow, answers), today=dt.date(2026, 11, 30), case=case)
        assert problems(p, FlowResult) == [], (flow.id, answers)


def test_the_shape_check_finds_what_a_user_would_miss():
    """The check itself: a missing key, an undeclared one, a wrong kind deep inside."""
    from yb_guide.views.flow_shapes import FlowQuestion

    good = {"flow": "choose", "title": "t", "intro": None, "number": 1, "id": "q", "text": "?", "help": None,
            "options": [{"n": 1, "id": "a", "label": "A"}]}
    assert problems(good, FlowQuestion) == []
    assert problems({**good, "extra": 1}, FlowQuestion) == ["payload: key 'extra' not declared in FlowQuestion"]
    assert problems({k: v for k, v in good.items() if k != "text"}, FlowQuestion) == [
        "payload: no key 'text' (FlowQuestion)"]
    assert problems({**good, "options": [{"n": "1", "id": "a", "label": "A"}]}, FlowQuestion) == [
        "payload.options[0].n: str, not int"]
    assert problems({**good, "number": True}, FlowQuestion) == ["payload.number: bool, not int"]


@pytest.mark.parametrize("region", ["CN-SX", "CN"])
def test_every_channel_checklist_and_faq_has_the_declared_shape(region):
    from yb_guide.views import channels as views

    k = knowledge(region)
    assert problems(views.channels_list(k), views.ChannelsList) == []
    for c in k.channels:
        assert problems(views.channel_detail(k, c.id), views.ChannelDetail) == [], c.id
    assert problems(views.checklists_list(k), views.ChecklistsList) == []
    now = dt.datetime(2026, 11, 30, 10, 0)
    for cl in k.checklists:
        for acting in (False, True):
            assert problems(views.checklist_page(k, cl.id, now, acting=acting), views.ChecklistPage) == [], cl.id
    everything = views.faq_list(k)
    assert everything["count"] > 5 and problems(everything, views.FaqList) == []
    assert any("steps" in e for e in everything["faq"])  # the optional keys were seen
    assert problems(views.faq_list(k, "挂号费"), views.FaqList) == []
    assert problems(views.faq_one(k, "1"), views.FaqEntry) == []


def test_the_date_screens_json_has_the_declared_shape(run, tmp_path):
    """workday, calendar (a month, a year), hall-hours, deadline --batch and calendar import, as
    their --json prints them, around the long holidays and in a year without a notice."""
    from pathlib import Path

    from yb_guide.views.date_shapes import BatchSummary, Hall, Month, NoticeImported, Workday, Year

    def payload(*args):
        r = run(*args, "--json")
        assert "Traceback" not in r.stderr, r.stderr
        return r.json()

    seen_n = False
    for args in (("2026-10-01",), ("2026-10-01", "+3"), ("2026-09-27", "-2"), ("2031-05-01", "+1")):
        p = payload("workday", *args)
        assert problems(p, Workday) == [], args
        seen_n |= "result" in p
    assert seen_n
    for m in ("2026-10", "2026-02", "2031-01"):
        assert problems(payload("calendar", m), Month) == [], m
    for y in ("2024", "2026", "2031"):
        assert problems(payload("calendar", "--year", y), Year) == [], y
    for on in ("2026-10-01", "2026-10-09", "2026-11-30", "2026-12-05"):
        assert problems(payload("hall-hours", "--on", on), Hall) == [], on
    src = tmp_path / "in.csv"
    src.write_text("编号,提交日期\n1,2024-05-06\n2,2024-13-01\n", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "out.csv"), "--today", "2026-11-30", "--json")
    assert r.exit_code == 2  # a row with an error
    import json  # the summary goes to stderr: stdout may be the sheet itself (--out -)

    assert problems(json.loads(r.stderr), BatchSummary) == []
    src.write_text("编号,提交日期\n1,2024-05-06\n", encoding="utf-8")
    r = run("deadline", "--batch", str(src), "--out", str(tmp_path / "out2.csv"), "--today", "2026-11-30", "--json")
    assert r.exit_code == 0 and problems(json.loads(r.stderr), BatchSummary) == []
    notice = tmp_path / "2026.txt"
    notice.write_text((Path(__file__).parents[1] / "calendar" / "notices" / "2026.txt").read_text(encoding="utf-8"),
                      encoding="utf-8")
    r = run("calendar", "import", str(notice), "--year", "2026", "--force", "--json")
    assert r.exit_code == 0, r.stderr
    assert problems(r.json(), NoticeImported) == []


@pytest.mark.parametrize("region", ["CN-SX", "CN"])
def test_the_sources_payload_has_the_declared_shape(region):
    from yb_guide.views.sources import Sources, sources

    k = knowledge(region)
    for unverified_only in (False, True):
        p = sources(k, unverified_only=unverified_only)
        assert p["documents"] and problems(p, Sources) == [], unverified_only


def test_the_case_and_letter_json_has_the_declared_shape(run, tmp_path):
    """Every case command's --json, on a case with an agent, dates after the reply, a log, a
    history, an export and import, a letter: held to views.case_shapes."""
    import json

    from conftest import FULL
    from yb_guide.views import case_shapes as shapes

    def payload(*args, code=0, stream="stdout"):
        r = run(*args, "--json")
        assert r.exit_code == code, (args, r.stderr)
        return json.loads(getattr(r, stream))

    def fits(p, kind, what):
        assert problems(p, kind) == [], what

    fits(payload("case", "add", *FULL, "--agent-name", "张小明", "--agent-relation", "儿子"), shapes.CaseDetail, "add")
    hall = payload("case", "add", "--channel", "hall-visit", "--filed", "2024-06-03", "--agent-name", "李四",
                   "--today", "2024-06-03")
    fits(hall, shapes.CaseDetail, "add, a hall visit by someone acting")
    assert hall["acting_checklist"] is not None
    fits(payload("case", "log", "1", "问进度", "--kind", "电话", "--at", "2024-05-08 10:00"), shapes.LogAdded, "log")
    fits(payload("case", "result", "1", "--received", "2024-05-20", "--today", "2024-05-20"), shapes.CaseDetail,
         "result")
    fits(payload("case", "review", "1", "--requested", "2024-05-22", "--to", "太原市医保局", "--today", "2024-05-22"),
         shapes.CaseDetail, "review")
    fits(payload("case", "decision", "1", "--known", "2024-05-20", "--today", "2024-05-22"), shapes.CaseDetail,
         "decision")
    fits(payload("case", "edit", "1", "--ticket", "2024050600999", "--today", "2024-05-22"), shapes.CaseDetail, "edit")
    fits(payload("case", "log-edit", "1", "1", "--text", "问进度，答复下周", "--today", "2024-05-22"),
         shapes.LogChanged, "log-edit")
    detail = payload("case", "show", "1", "--history", "--today", "2024-05-22")
    fits(detail, shapes.CaseDetail, "show")
    assert detail["history"] and detail["events"] and detail["log"]
    assert any("relevant" in s for s in detail["schedule"]["stages"])
    fits(payload("case", "list", "--today", "2024-05-22"), shapes.CaseList, "list")
    fits(payload("case", "due", "--today", "2024-05-22"), shapes.Due, "due")
    fits(payload("case", "close", "2", "--today", "2024-06-05"), shapes.StatusChanged, "close")
    fits(payload("case", "reopen", "2"), shapes.StatusChanged, "reopen")
    backup = tmp_path / "backup.json"
    assert run("case", "export", "--out", str(backup)).exit_code == 0  # export prints lines, not JSON:
    from yb_guide.views import cases as views

    fits(views.exported(2, str(backup), "JSON", True), shapes.Exported, "export")  # its payload, as rendered
    fits(views.ics_exported(3, str(tmp_path / "cases.ics")), shapes.IcsExported, "export --ics")
    fits(payload("letter", "--case", "1", "--today", "2024-05-22"), shapes.Letter, "letter")
    fits(payload("case", "delete", "2", "--yes"), shapes.Deleted, "delete")
    fits(payload("case", "import", str(backup)), shapes.Imported, "import")
