"""Issue 28, item 6: a date typed without a year (12月10日, 12/10) means the NEXT such day in a
command about the future (a visit, the hall's hours, a power of attorney's end) and the LAST such
day in a command about the past (a filing, a reply, an event).  `calendar.dates.parse_date` is the
one place; `toward` says which."""

from __future__ import annotations

import datetime as dt

import pytest

DEC8 = dt.date(2026, 12, 8)


@pytest.mark.parametrize("typed,past,future", [
    ("12月10日", "2025-12-10", "2026-12-10"),
    ("12/10", "2025-12-10", "2026-12-10"),
    ("１２月１０日", "2025-12-10", "2026-12-10"),  # typed with a Chinese input method
    ("12月8日", "2026-12-08", "2026-12-08"),  # today is both
    ("12-1", "2026-12-01", "2027-12-01"),
    ("1月5日", "2026-01-05", "2027-01-05"),
    ("2月29日", "2024-02-29", "2028-02-29"),  # the nearest leap day either way
])
def test_the_direction_decides_the_year(typed, past, future):
    from yb_guide.calendar.dates import FUTURE, PAST, parse_date

    assert parse_date(typed, today=DEC8).isoformat() == past  # the default: a day that has happened
    assert parse_date(typed, today=DEC8, toward=PAST).isoformat() == past
    assert parse_date(typed, today=DEC8, toward=FUTURE).isoformat() == future


def test_relative_words_follow_the_direction():
    from yb_guide.calendar.dates import FUTURE, DateError, parse_date

    assert parse_date("明天", today=DEC8, toward=FUTURE) == dt.date(2026, 12, 9)
    assert parse_date("后天", today=DEC8, toward=FUTURE) == dt.date(2026, 12, 10)
    assert parse_date("昨天", today=DEC8) == dt.date(2026, 12, 7)
    with pytest.raises(DateError) as err:
        parse_date("前天", "--on", today=DEC8, toward=FUTURE)
    assert "下一个这一天" in err.value.hint and "明天" in err.value.hint  # what a future date accepts


def test_checklist_day_12_10_on_2026_12_08_is_this_week(run, tmp_path):
    from paperkit import docx_text

    out = tmp_path / "清单.docx"
    r = run("checklist", "hall-visit", "--out", str(out), "--day", "12/10", "--today", "2026-12-08")
    assert r.exit_code == 0, r.stderr
    assert "已经过去" not in r.stderr
    _, text = docx_text(out)
    assert "2026-12-10 周四 是工作日" in text
    # a full date in the past is still refused
    r = run("checklist", "hall-visit", "--out", str(out), "--day", "2026-12-01", "--today", "2026-12-08", "--force")
    assert r.exit_code == 2 and "已经过去了" in r.stderr


def test_hall_hours_on_a_yearless_day_is_the_next_one(run):
    d = run("hall-hours", "--on", "12月10日", "--today", "2026-12-08", "--json").json()
    assert d["on"] == "2026-12-10" and d["open_that_day"] is True
    d = run("hall-hours", "--on", "1月1日", "--today", "2026-12-08", "--json").json()
    assert d["on"] == "2027-01-01" and d["open_that_day"] is False and d["estimated"] is True
    assert "推算" in d["text"]  # 元旦 2027 rests on an estimate, in the one sentence a paper prints too


def test_event_dates_stay_the_last_such_day(run):
    d = run("deadline", "--filed", "12月10日", "--today", "2026-12-08", "--json").json()
    assert d["events"]["filed"] == "2025-12-10"
    r = run("case", "add", "--channel", "信件", "--filed", "12/10", "--today", "2026-12-08", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["filed"] == "2025-12-10"


def test_power_of_attorney_until_a_yearless_day_is_the_next_one(run, tmp_path):
    r = run("letter", "--kind", "授权委托书", "--until", "1月31日", "--today", "2026-12-08", "--json")
    assert r.exit_code == 0, r.stderr
    assert "2027年1月31日" in r.stdout and "早于委托书的日期" not in r.stderr
