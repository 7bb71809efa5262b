"""One deadline request for both front ends: the same raw inputs through ``ybguide deadline`` and
the web page's form give the same schedule payload."""

from __future__ import annotations

import datetime as dt

import pytest

from yb_guide.schedule.request import DeadlineRequest, schedule_request

CASES = [
    {"filed": "2026-09-28"},
    {"filed": "2026-09-28", "channel": "信件", "complex": True},
    {"decision-known": "2026-10-08", "decision": "refusal", "amount": "2800"},
    {"filed": "2026-09-01", "result-received": "9月30日", "review-requested": "2026-10-09", "matter": "request"},
]


def _cli_args(raw: dict) -> list[str]:
    args = ["deadline", "--today", "2026-11-02", "--json"]
    for key, value in raw.items():
        if key == "complex":
            args.append("--complex")
        elif key in ("decision", "matter", "amount", "channel"):
            args += [f"--{key.replace('decision', 'decision-kind')}", value]
        else:
            args += [f"--{key}", value]
    return args


def _web_fields(raw: dict) -> dict:
    fields = {"today": "2026-11-02", "go": "1"}
    for key, value in raw.items():
        fields[key] = "1" if key == "complex" else value
    return fields


@pytest.mark.parametrize("raw", CASES)
def test_cli_and_web_give_the_same_schedule(run, raw):
    from yb_guide.web.forms import deadline_payload

    r = run(*_cli_args(raw))
    assert r.exit_code == 0, r.stderr
    cli = r.json()
    cli.pop("full")
    web = deadline_payload(_web_fields(raw))
    assert web is not None
    assert web == cli
    assert cli["stages"] or cli.get("pending")  # the comparison compared a real schedule


def test_errors_come_back_by_field_not_one_at_a_time():
    answer = schedule_request(DeadlineRequest(events={"filed": "2026-02-30", "decision-known": "tomorrow"},
                                              channel="飞鸽传书", today=dt.date(2026, 11, 2)))
    assert answer.schedule is None
    assert list(answer.errors) == ["filed", "decision-known", "channel"]
    assert "2026年2月没有30日" in answer.errors["filed"].message


def test_no_date_means_filed_today():
    answer = schedule_request(DeadlineRequest(today=dt.date(2026, 11, 2)))
    assert not answer.errors and answer.schedule.events == {"filed": dt.date(2026, 11, 2)}
