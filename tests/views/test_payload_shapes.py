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
