"""What people type in Chinese is understood everywhere: names and short names for ids, dates and
times as people say them, several words to search with; a near miss gets 您是不是要找."""

import datetime as dt

import pytest


@pytest.mark.parametrize("args,expect", [
    (["channels", "show", "现场", "--json"], "hall-visit"),
    (["channels", "show", "１２３９３", "--json"], "hotline-12393"),
    (["channels", "show", "医保服务大厅现场投诉", "--json"], "hall-visit"),
    (["checklist", "信件", "--json"], "mail-letter"),
    (["checklist", "现场投诉要带的材料", "--json"], "hall-visit"),
])
def test_names_and_short_names_stand_for_ids(run, args, expect):
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    assert r.json()["id"] == expect


def test_deadline_and_case_take_channel_names(run):
    d = run("deadline", "--channel", "信件", "--filed", "2024-05-06", "--json").json()
    assert d["channel"] == "mail-letter" and [t["id"] for t in d["tracks"]] == ["petition"]
    r = run("case", "add", "--channel", "热线", "--filed", "前天", "--today", "2024-05-08", "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["channel"], r.json()["filed"]) == ("hotline-12393", "2024-05-06")


@pytest.mark.parametrize("typed,near", [("大厅X", "大厅"), ("hotline", "hotline-12393")])
def test_a_near_miss_is_suggested(run, typed, near):
    r = run("channels", "show", typed)
    assert r.exit_code == 2 and f"您是不是要找「{near}」" in r.stderr


def test_log_kinds_in_chinese_and_did_you_mean(run):
    assert run("case", "add", "--channel", "现场", "--filed", "2024-05-06").exit_code == 0
    r = run("case", "log", "1", "打了电话", "--kind", "电话", "--at", "2024-05-07 9点05", "--json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["kind"], r.json()["at"]) == ("call", "2024-05-07 09:05")
    r = run("case", "log", "1", "打了电话", "--kind", "cal")
    assert r.exit_code == 2 and "您是不是要找「电话」" in r.stderr and "call" not in r.stderr


@pytest.mark.parametrize("typed,day", [("5月6日", "2026-05-06"), ("昨天", "2026-11-24"), ("前天", "2026-11-23"),
                                       ("今天", "2026-11-25"), ("２０２６年１１月２日", "2026-11-02")])
def test_dates_as_people_say_them(run, typed, day):
    d = run("deadline", "--filed", typed, "--today", "2026-11-25", "--json").json()
    assert d["filed"] == day


def test_a_month_and_day_in_the_journal_is_the_last_such_day(run):
    """In January, "12月18日" for something that has happened is last December, not next."""
    r = run("case", "add", "--channel", "信件", "--filed", "12月1日", "--today", "2027-01-05", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["filed"] == "2026-12-01"
    d = run("case", "result", "1", "--received", "12月18日", "--today", "2027-01-05", "--json").json()
    assert d["result_received"] == "2026-12-18"
    from yb_guide.cases.model import parse_at

    assert parse_at("12月20日 9点", dt.date(2027, 1, 5)) == "2026-12-20 09:00"
    # the one rule, for every form without a year: the most recent such day not after today
    from yb_guide.calendar.dates import parse_date

    jan5 = dt.date(2027, 1, 5)
    for typed in ("12月31日", "12/31", "12.31", "12-31", "１２月３１日"):
        assert parse_date(typed, today=jan5) == dt.date(2026, 12, 31), typed
    assert parse_date("1月5日", today=jan5) == jan5 and parse_date("26年11月10日") == dt.date(2026, 11, 10)
    assert parse_date("2月29日", today=jan5) == dt.date(2024, 2, 29)  # the last leap day


@pytest.mark.parametrize("typed,time", [("9:5", "09:05"), ("9点05", "09:05"), ("21时30分", "21:30"), ("9点半", "09:30")])
def test_times_as_people_say_them(typed, time):
    from yb_guide.cases.model import parse_at

    assert parse_at(f"2024-05-07 {typed}", dt.date(2024, 5, 8)) == f"2024-05-07 {time}"


def test_faq_with_several_words_and_synonyms(run):
    d = run("faq", "挂号", "报销", "--json").json()
    assert d["count"] >= 1
    assert run("faq", "挂号费", "--json").json()["count"] >= 1
    r = run("faq", "挂号", "报销")
    assert r.exit_code == 0 and "多出了参数" not in r.stderr
