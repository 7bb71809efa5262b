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
