"""Events are declared once (data/deadlines.yaml ``events``); everything that names an event is
generated from that list or checked against it here, so a new event is data plus what these tests name."""

from __future__ import annotations

import dataclasses
import re

import pytest

from conftest import edit


@pytest.fixture(scope="module")
def declared():
    from yb_guide.knowledge import loader

    return loader.load().deadlines.events


def test_the_code_spells_the_declared_events(declared):
    from yb_guide.knowledge.deadline_rules import EVENT_ORDER, EVENTS
    from yb_guide.knowledge.events import order
    from yb_guide.knowledge.labels import EVENT_LABELS

    assert EVENTS == tuple(e.id for e in declared)
    assert set(EVENT_ORDER) == set(order(declared))
    assert EVENT_LABELS == {e.id: e.label for e in declared}


def test_deadline_has_an_option_for_every_event(declared):
    import typer.main

    from yb_guide.cli.app import app

    command = typer.main.get_command(app).commands["deadline"]
    options = {o for p in command.params if not p.hidden for o in p.opts}
    assert {f"--{e.id}" for e in declared} <= options
    dated = {o for p in command.params if p.metavar == "日期" for o in p.opts} - {"--today"}
    assert dated == {f"--{e.id}" for e in declared}  # no date option that is not an event


def test_a_case_keeps_the_events_declared_for_cases(declared):
    from yb_guide.cases.model import CASE_FIELDS, EVENT_FIELDS, Case

    wanted = tuple(e.id.replace("-", "_") for e in declared if e.case)
    assert EVENT_FIELDS == wanted
    fields = {f.name for f in dataclasses.fields(Case)}
    assert set(wanted) <= fields and set(wanted) <= set(CASE_FIELDS)


def test_batch_date_columns_are_events(declared):
    from yb_guide.schedule.batch import COLUMNS

    dated = [key for key, names in COLUMNS.items() if any(n.endswith("日期") for n in names)]
    assert dated and {key.replace("_", "-") for key in dated} <= {e.id for e in declared}


def test_the_web_form_has_a_field_for_every_event(declared):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    page = client.get("/deadline?" + "&".join(f"show={e.id}" for e in declared)).text
    assert {e.id for e in declared} <= set(re.findall(r'name="([a-z-]+)"', page))
    for e in declared:
        assert e.label in page


def test_a_wrong_starts_names_file_and_line(run, data_copy):
    f = data_copy / "deadlines.yaml"
    edit(f, "{id: petition-accepted, label: 信访事项被受理, after: [filed]}",
         "{id: petition-accepted, label: 信访事项被受理, after: [filed], starts: [petition]}")
    r = run("data", "check", "--data-dir", str(data_copy))
    line = next(i for i, t in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if "id: petition-accepted" in t)
    assert r.exit_code == 2 and f"deadlines.yaml:{line} events[1].starts" in r.stderr


def test_an_unknown_event_in_after_is_refused(run, data_copy):
    edit(data_copy / "deadlines.yaml", "after: [review-requested], starts", "after: [review-requestd], starts")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "review-requestd" in r.stderr and "events[4].after" in r.stderr
