"""Events are declared once (data/deadlines.yaml ``events``): the command line's date options, the
web form's fields, the spreadsheet columns are made from that list, and what is still written by
hand (a case's fields) is checked against it here.  A new event in a copy of the data reaches every
generated place with no change of code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from conftest import edit


@pytest.fixture(scope="module")
def declared():
    from yb_guide.knowledge import loader

    return loader.load().deadlines.events


def _deadline_params(command_path=("deadline",)):
    import typer.main

    from yb_guide.cli.app import app

    group = typer.main.get_command(app)
    command = group.commands[command_path[0]]
    return command.get_params(command.make_context("deadline", ["--help"], resilient_parsing=True))


def test_the_events_read_from_the_data(declared):
    from yb_guide.knowledge import loader
    from yb_guide.knowledge.events import order

    events = loader.get().events
    assert events.ids == tuple(e.id for e in declared) and events.ids[0] == "filed"
    assert set(events.order) == set(order(declared)) and ("filed", "result-received") in events.order
    assert events.labels == {e.id: e.label for e in declared}
    # what a decision or a reply brings in whatever the channel (复议/诉讼), from ``brings``
    assert events.brought(["decision-known"]) == {"administrative"} and events.brought(["filed"]) == set()


def test_the_library_has_no_list_of_events():
    """The ids are spelled in the data only: no tuple of event ids in the code's constants."""
    from pathlib import Path

    import yb_guide

    root = Path(yb_guide.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^(EVENTS|EVENT_ORDER|EVENT_LABELS|DECISION_EVENTS)\s*=", text, re.M), path


def test_deadline_has_an_option_for_every_event(declared):
    params = _deadline_params()
    options = {o for p in params if not p.hidden for o in p.opts}
    assert {f"--{e.id}" for e in declared} <= options
    dated = {o for p in params if p.metavar == "日期" and not p.hidden for o in p.opts} - {"--today"}
    assert dated == {f"--{e.id}" for e in declared}  # no date option that is not an event
    helps = {p.opts[0]: p.help for p in params}
    assert helps["--review-requested"] == "提出复查请求的日期。"  # the label, where the data gives no help
    assert "行政复议、行政诉讼从这一天算起" in helps["--decision-known"]


def test_an_old_option_name_still_works(run):
    old = run("deadline", "--filed", "2024-05-06", "--result-received", "2024-06-01", "--review-filed", "2024-06-03",
              "--today", "2024-06-04", "--json")
    new = run("deadline", "--filed", "2024-05-06", "--result-received", "2024-06-01", "--review-requested",
              "2024-06-03", "--today", "2024-06-04", "--json")
    assert old.exit_code == 0 and old.json() == new.json() and old.json()["events"]["review-requested"] == "2024-06-03"


def test_a_case_keeps_the_events_declared_for_cases(declared):
    from yb_guide.cases.model import Case, case_fields, editable, event_columns
    from yb_guide.knowledge import loader

    k = loader.get()
    wanted = tuple(e.id.replace("-", "_") for e in declared if e.case)
    assert event_columns(k) == wanted and set(wanted) <= set(case_fields(k)) and set(wanted) <= set(editable(k))
    # held by event id, not as a field per event: the events not kept by a case are in no column
    fields = {f.name for f in dataclasses.fields(Case)}
    assert not {e.id.replace("-", "_") for e in declared} & fields
    assert not {e.id.replace("-", "_") for e in declared if not e.case} & set(case_fields(k))


def test_batch_date_columns_are_events(declared):
    from yb_guide.schedule.batch import COLUMNS

    dated = [key for key, names in COLUMNS.items() if any(n.endswith("日期") for n in names)]
    assert dated and {key.replace("_", "-") for key in dated} <= {e.id for e in declared}
    assert {key.replace("_", "-") for key in COLUMNS} >= {e.id for e in declared}  # every event is read


def test_every_event_has_a_spreadsheet_column(declared):
    from yb_guide.schedule.columns import vocabulary

    v = vocabulary()
    assert {c.event for c in v.columns if c.event} == {e.id for e in declared}


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
    edit(f, "label: 信访事项被受理\n    after: [filed]\n", "label: 信访事项被受理\n    after: [filed]\n    starts: [petition]\n")
    r = run("data", "check", "--data-dir", str(data_copy))
    line = next(i for i, t in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if "starts: [petition]" in t)
    assert r.exit_code == 2 and f"deadlines.yaml:{line} events[1].starts" in r.stderr


def test_an_unknown_event_in_after_is_refused(run, data_copy):
    edit(data_copy / "deadlines.yaml", "after: [review-requested]\n    starts", "after: [review-requestd]\n    starts")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "review-requestd" in r.stderr and "events[4].after" in r.stderr


def test_an_event_id_that_cannot_be_an_option_is_refused(run, data_copy):
    edit(data_copy / "deadlines.yaml", "  - {id: reexam-replied,", "  - {id: Reexam_Replied,")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "Reexam_Replied" in r.stderr and "events[6].id" in r.stderr


# ---------------------------------------------------------------- a new event is data

NEW_EVENT = """  - id: hearing-held
    label: 听证会举行
    after: [decision-made]
    starts: [administrative]
    brings: [administrative]
    help: 听证会举行的日期（测试用的事件）。
"""
NEW_RULE = """  - id: hearing-review
    track: administrative
    title: 听证后申请复议的最后一天（测试）
    after: hearing-held
    amount: 15
    unit: day
    rule: 听证后{n}日内（测试用的规则）
    person_acts: true
    source: {doc: administrative-reconsideration-law, section: 第二十条}
    status: unverified

"""


@pytest.fixture
def new_event(data_copy, monkeypatch):
    """A copy of the data with one more event (and a rule that runs from it), used by the program
    through YBGUIDE_DATA_DIR: the code is the same."""
    f = data_copy / "deadlines.yaml"
    edit(f, "\ntracks:\n", "\n" + NEW_EVENT + "\ntracks:\n")
    edit(f, "\nrules:\n", "\nrules:\n" + NEW_RULE)
    monkeypatch.setenv("YBGUIDE_DATA_DIR", str(data_copy))
    return data_copy


def test_a_new_event_passes_the_data_check(run, new_event):
    r = run("data", "check", "--data-dir", str(new_event))
    assert r.exit_code == 0, r.stderr


def test_a_new_event_is_an_option_of_deadline(run, new_event):
    r = run("deadline", "--hearing-held", "2026-11-02", "--today", "2026-11-03", "--json")
    assert r.exit_code == 0, r.stderr
    p = r.json()
    assert p["events"] == {"hearing-held": "2026-11-02"} and p["event_labels"]["hearing-held"] == "听证会举行"
    due = {s["id"]: s for s in p["stages"]}["hearing-review"]
    assert due["after_label"] == "听证会举行" and due["due"] == "2026-11-17"  # 15 days, a Tuesday
    assert "--hearing-held" in run("deadline", "--help", env={"COLUMNS": "120"}).stdout
    # its order is the data's too: before the decision it follows is refused, naming both labels
    r = run("deadline", "--decision-made", "2026-11-05", "--hearing-held", "2026-11-02", "--today", "2026-11-06")
    assert r.exit_code == 2 and "听证会举行" in r.stderr and "原决定作出" in r.stderr


def test_a_new_event_is_a_field_of_the_web_form(new_event):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    page = client.get("/deadline?show=hearing-held").text
    assert 'name="hearing-held"' in page and "听证会举行的日期" in page
    done = client.get("/deadline?hearing-held=2026-11-02&today=2026-11-03").text
    assert "2026-11-17" in done and "听证后申请复议的最后一天（测试）" in done


def test_a_new_event_has_a_spreadsheet_column(new_event):
    from yb_guide.schedule.columns import vocabulary

    v = vocabulary()
    assert v.header("hearing_held") == "听证会举行日期" and v.key_of("听证会举行日期") == "hearing_held"
    assert v.column("hearing_held").cell == "date"


def test_an_optional_date_does_not_hold_the_next_period_back(run, data_copy):
    """decision-made is ``optional``: without it, the periods that run from knowing the decision are
    still offered; an event that is not optional holds back what comes after it."""
    args = ("deadline", "--filed", "2024-05-06", "--result-received", "2024-06-01", "--today", "2024-06-02", "--json")
    needs = {p["needs"] for p in run(*args).json()["pending"]}
    assert "decision-known" in needs
    edit(data_copy / "deadlines.yaml", "    optional: true", "    optional: false")
    needs = {p["needs"] for p in run("--data-dir", str(data_copy), *args).json()["pending"]}
    assert "decision-known" not in needs and "decision-made" in needs


def test_an_event_named_like_another_option_is_refused(run, data_copy, monkeypatch):
    edit(data_copy / "deadlines.yaml", "\ntracks:\n", "\n  - {id: channel, label: 换了渠道}\n\ntracks:\n")
    monkeypatch.setenv("YBGUIDE_DATA_DIR", str(data_copy))
    r = run("deadline", "--filed", "2024-05-06")
    assert r.exit_code == 2 and "--channel 重名" in r.stderr and "deadlines.yaml" in r.stderr


def test_a_new_event_is_a_column_the_batch_computes_from(run, new_event, tmp_path):
    """A spreadsheet with the new event's column (its header made from the label) gets the dates
    that run from it, and a date before the event it follows is a row error naming both columns."""
    src = tmp_path / "台账.csv"
    src.write_text("编号,提交日期,原决定作出日期,听证会举行日期\n"
                   "1,2026-10-01,2026-10-20,2026-11-02\n"
                   "2,2026-10-01,2026-11-05,2026-11-02\n"
                   "3,2026-10-01,,\n", encoding="utf-8")
    out = tmp_path / "期限.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--ids", "--today", "2026-12-01")
    assert r.exit_code == 2 and "其中 1 行有错误" in r.stderr  # a file with a bad row says so, and keeps it
    import csv

    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert "hearing-review" in rows[0]
    assert rows[0]["hearing-review"] == "2026-11-17" and rows[0]["error"] == ""  # 15 days from 11-02
    assert rows[1]["hearing-review"] == "" and "听证会举行日期" in rows[1]["error"] and "原决定作出日期" in rows[1]["error"]
    assert rows[2]["hearing-review"] == "" and rows[2]["error"] == ""  # no hearing date: nothing runs from it


# ---------------------------------------------------------------- a new event is a date of a case

NEW_CASE = ("case", "add", "--channel", "hotline-12393", "--filed", "2024-05-06", "--decision-made", "2024-05-01",
            "--hearing-held", "2024-05-10", "--today", "2024-05-20")


def _event_dates(d: dict) -> dict:
    return {e["field"]: (e["label"], e["date"]) for e in d["events"]}


def test_a_new_event_is_a_date_of_a_case(run, new_event):
    r = run(*NEW_CASE, "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert _event_dates(d)["hearing_held"] == ("听证会举行日期", "2024-05-10")
    # the case's deadlines run from it: 15 days after 2024-05-10 is a Saturday, so Monday the 27th
    assert {s["id"]: s["due"] for s in d["schedule"]["stages"]}["hearing-review"] == "2024-05-27"
    import chinese_calendar

    assert not chinese_calendar.is_workday(dt.date(2024, 5, 25)) and chinese_calendar.is_workday(dt.date(2024, 5, 27))
    shown = run("case", "show", "1", "--today", "2024-05-20", env={"COLUMNS": "120"}).stdout
    assert "听证会举行日期" in shown and "2024-05-10" in shown and "听证后申请复议的最后一天（测试）" in shown
    assert "--hearing-held" in run("case", "add", "--help", env={"COLUMNS": "120"}).stdout
    # its order is the data's: before the decision it follows is refused, naming both
    r = run("case", "edit", "1", "--hearing-held", "2024-04-20", "--today", "2024-05-20")
    assert r.exit_code == 2 and "听证会举行" in r.stderr and "原决定作出" in r.stderr


def test_a_new_event_of_a_case_is_corrected_with_its_history(run, new_event):
    assert run(*NEW_CASE).exit_code == 0
    r = run("case", "edit", "1", "--hearing-held", "2024-05-13", "--today", "2024-05-20", "--json")
    assert r.exit_code == 0, r.stderr
    assert _event_dates(r.json())["hearing_held"] == ("听证会举行日期", "2024-05-13")
    history = run("case", "show", "1", "--history", "--json", "--today", "2024-05-20").json()["history"]
    assert [(h["field"], h["label"], h["old"], h["new"]) for h in history] == [
        ("hearing_held", "听证会举行日期", "2024-05-10", "2024-05-13")]
    assert history[0]["note"] == "听证后申请复议的最后一天（测试）从 2024-05-27 变为 2024-05-28"  # the deadline it moved


@pytest.mark.parametrize("fmt", ["--json", "--csv", "--xlsx"])
def test_a_new_event_of_a_case_is_exported_and_imported(run, new_event, monkeypatch, tmp_path, fmt):
    assert run(*NEW_CASE).exit_code == 0
    before = run("case", "export").json()
    out = tmp_path / f"backup.{fmt[2:]}"
    assert run("case", "export", fmt, "--out", str(out)).exit_code == 0
    if fmt == "--csv":  # a column of its own, after the released ones
        header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header.index("听证会举行日期") > header.index("参保地区")
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "other"))
    r = run("case", "import", str(out))
    assert r.exit_code == 0, r.stderr
    after = run("case", "export").json()
    assert after["cases"] == before["cases"] and after["cases"][0]["hearing_held"] == "2024-05-10"


def test_a_journal_made_before_the_event_gains_its_column(run, monkeypatch, data_copy, tmp_path):
    import sqlite3

    from conftest import FULL

    assert run("case", "add", *FULL).exit_code == 0
    assert run("case", "result", "1", "--received", "2024-06-05", "--today", "2024-06-06").exit_code == 0
    before = run("case", "export").json()["cases"][0]
    f = data_copy / "deadlines.yaml"  # then the data gains the event
    edit(f, "\ntracks:\n", "\n" + NEW_EVENT + "\ntracks:\n")
    edit(f, "\nrules:\n", "\nrules:\n" + NEW_RULE)
    monkeypatch.setenv("YBGUIDE_DATA_DIR", str(data_copy))
    assert run("case", "export").json()["cases"][0] == before  # read as it is: no date of the new event
    r = run("case", "edit", "1", "--hearing-held", "2024-06-10", "--today", "2024-06-11", "--json")
    assert r.exit_code == 0, r.stderr
    db = tmp_path / "home" / "cases.sqlite3"
    conn = sqlite3.connect(db)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(cases)")]
    assert columns[-1] == "hearing_held" and conn.execute("PRAGMA user_version").fetchone()[0] == 5
    conn.close()
    after = run("case", "export").json()["cases"][0]
    kept = {k: v for k, v in after.items() if k not in ("hearing_held", "updated", "history")}
    assert kept == {k: v for k, v in before.items() if k not in ("updated", "history")}
    assert after["hearing_held"] == "2024-06-10" and after["result_received"] == "2024-06-05"
