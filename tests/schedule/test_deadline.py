"""`ybguide deadline`: stages, period rules, estimates, interfaces and bad input."""

import datetime as dt

import pytest


def stages(run, *args):
    r = run("deadline", *args, "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    return d, {s["id"]: s for s in d["stages"]}


def test_filed_2024_05_06(run):
    d, s = stages(run, "--filed", "2024-05-06", "--today", "2024-05-07")
    assert d["filed"] == "2024-05-06"
    assert [x["id"] for x in d["stages"]] == ["accept", "investigate", "feedback", "typical-reply",
                                             "petition-notice", "petition-conclude"]
    assert [t["id"] for t in d["tracks"]] == ["service", "petition"]
    assert s["accept"]["due"] == "2024-05-08" and s["accept"]["weekday"] == "周三"
    assert s["investigate"]["due"] == "2024-05-28"  # counts Saturday 2024-05-11 (调休上班)
    assert s["feedback"]["due"] == "2024-06-04"
    assert s["typical-reply"]["due"] == "2024-05-24"
    assert s["accept"]["workdays_left"] == 1 and not s["accept"]["passed"]
    assert all(x["estimated"] is False for x in d["stages"])
    assert s["accept"]["source"].startswith("网络文章《")  # a source a person can look up, not a file name
    assert (s["accept"]["track"], s["accept"]["status"], s["accept"]["basis"]) == ("service", "unverified", None)
    assert set(s["accept"]) >= {"id", "title", "due", "rule", "source", "estimated", "track", "basis", "status"}
    # the 信访 bound: 15 calendar days, then 60 (+30) from acceptance
    assert s["petition-notice"]["due"] == "2024-05-21"
    # 60 days from the notice's last day is Sat 07-20: the 条例 has no rule moving it, so it stays, and
    # the next working day beside it is the tool's inference
    assert s["petition-conclude"]["due"] == "2024-07-20" and s["petition-conclude"]["moved_due"] == "2024-07-22"
    assert s["petition-conclude"]["extended_due"] == "2024-08-19"


def test_table_shows_weekday_and_source(run):
    r = run("deadline", "--filed", "2024-05-06", "--today", "2024-05-07", env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "2024-05-08 周三" in r.stdout and "受理登记" in r.stdout and "来源" in r.stdout


@pytest.mark.parametrize("form", ["2024-05-06", "2024/5/6", "2024.5.6", "20240506", "2024年5月6日", "２０２４－０５－０６"])
def test_date_forms(run, form):
    d, s = stages(run, "--filed", form)
    assert d["filed"] == "2024-05-06"


def test_saturday_filing(run):
    _, s = stages(run, "--filed", "2024-05-04")
    assert s["accept"]["due"] == "2024-05-07"  # Mon 05-06 is the 1st working day, Tue the 2nd


def test_complex_case_uses_30_working_days(run):
    _, s = stages(run, "--filed", "2024-05-06", "--complex")
    assert s["investigate"]["amount"] == 30 and s["typical-reply"]["amount"] == 30
    assert s["investigate"]["due"] == "2024-06-19"  # 30 working days after 05-08 (端午 06-10 off)


def test_hotline_window(run):
    _, s = stages(run, "--filed", "2024-05-06", "--channel", "hotline-12393")
    w = s["hotline-reply"]
    # 5th working day is Saturday 2024-05-11 (调休上班); the 15th is 2024-05-24
    assert (w["window_start"], w["due"]) == ("2024-05-11", "2024-05-24")


def test_unknown_channel(run):
    r = run("deadline", "--filed", "2024-05-06", "--channel", "hotline")
    assert r.exit_code == 2 and "hotline-12393" in r.stderr


def test_result_received_adds_the_review_but_not_reconsideration_or_lawsuit(run):
    d, s = stages(run, "--filed", "2024-05-06", "--result-received", "2024-06-05")
    assert s["review-request"]["due"] == "2024-07-05"  # 30 days: Fri 07-05 (信访工作条例 第三十五条)
    assert s["review-request"]["basis"] == {"law": "信访工作条例", "article": "第三十五条"}
    # 复议/诉讼 run from the decision, not from the complaint's reply: asked for, not computed from it
    assert "reconsideration" not in s and "lawsuit" not in s
    assert any(p["needs"] == "decision-known" for p in d["pending"])
    assert any("投诉、信访不会让行政复议和行政诉讼的期限停下来" in w for w in d["warnings"])
    assert d["decision_needed"] and any("知道原决定的日期" in w for w in d["warnings"])


def test_reconsideration_and_lawsuit_run_from_the_decision(run):
    """The issue's case: the refusal was known on 2026-02-27, the complaint made on 2026-03-02."""
    d, s = stages(run, "--filed", "2026-03-02", "--decision-known", "2026-02-27")
    rc, ls = s["reconsideration"], s["lawsuit"]
    assert (rc["start"], rc["due"], rc["amount"], rc["unit"]) == ("2026-02-27", "2026-04-28", 60, "day")
    assert (ls["start"], ls["due"], ls["amount"], ls["unit"]) == ("2026-02-27", "2026-08-27", 6, "month")
    assert rc["track"] == ls["track"] == "administrative" and rc["status"] == ls["status"] == "verified"
    assert rc["basis"] == {"law": "中华人民共和国行政复议法", "article": "第二十条第一款、第二十四条"}
    assert ls["basis"] == {"law": "中华人民共和国行政诉讼法", "article": "第四十六条第一款"}
    assert s["reconsideration-uninformed"]["due"] == "2027-03-01"  # one year: 2027-02-27 is a Saturday
    assert d["administrative"] and any("不会让行政复议和行政诉讼的期限停下来" in w for w in d["warnings"])
    text = run("deadline", "--filed", "2026-03-02", "--decision-known", "2026-02-27", "--full").stdout.replace("\n", "")
    assert "《中华人民共和国行政复议法》第二十条第一款" in text and "已核实 2026-11-25" in text


def test_a_60_day_reconsideration_rolls_past_a_holiday(run):
    # known 2024-08-02: +60 days = 2024-10-01 (国庆) -> the first working day after the break, 10-08
    _, s = stages(run, "--decision-known", "2024-08-02")
    assert s["reconsideration"]["due"] == "2024-10-08"
    assert "accept" not in s  # no complaint given: only the decision's own periods


def test_review_reply_and_lawsuit_after_reconsideration(run):
    _, s = stages(run, "--filed", "2024-05-06", "--result-received", "2024-06-05",
                  "--review-requested", "2024-06-20", "--decision-known", "2024-06-05",
                  "--reconsideration-decided", "2024-09-20")
    assert s["review-reply"]["due"] == "2024-07-20"  # 30 days = Sat 07-20, kept (信访工作条例: no moving rule)
    assert s["review-reply"]["moved_due"] == "2024-07-22" and s["review-reply"]["basis_kind"] == "statute"
    late = s["lawsuit-after-decision"]
    assert late["due"] == "2024-10-08"  # 15 days = 10-05 (国庆) -> 10-08
    assert late["basis"]["article"] == "第四十五条" and "收到复议决定书" in late["rule"]
    assert "lawsuit" not in s and "reconsideration" not in s  # the 复议 has been decided


def test_reconsideration_filed_counts_the_decision_period(run):
    _, s = stages(run, "--decision-known", "2024-06-05", "--reconsideration-filed", "2024-06-20")
    assert s["reconsideration-accept"]["due"] == "2024-06-27"  # 5 working days (复议法 第八十八条)
    assert s["reconsideration-decision"]["due"] == "2024-08-26"  # +60 days = Mon 08-26
    assert s["reconsideration-decision"]["extended_due"] == "2024-09-25"  # at most 30 more
    assert s["lawsuit-after-reconsideration"]["due"] == "2024-09-10"  # 15 days after 复议期满
    assert "lawsuit" not in s  # while the 复议 runs, no direct lawsuit (复议法 第二十九条)


def test_mail_letter_is_a_petition_with_its_review_steps(run):
    d, s = stages(run, "--channel", "mail-letter", "--filed", "2024-05-06", "--result-received", "2024-07-01",
                  "--review-requested", "2024-07-10", "--review-replied", "2024-08-05",
                  "--reexam-requested", "2024-08-12")
    assert [t["id"] for t in d["tracks"]][:1] == ["petition"] and "accept" not in s
    expect = {"petition-notice": ("第二十三条第二款", 15), "petition-conclude": ("第三十四条", 60),
              "review-request": ("第三十五条", 30), "review-reply": ("第三十五条", 30),
              "reexam-request": ("第三十六条第一款", 30), "reexam-reply": ("第三十六条", 30)}
    for rule_id, (article, days) in expect.items():
        assert s[rule_id]["basis"] == {"law": "信访工作条例", "article": article}, rule_id
        assert (s[rule_id]["amount"], s[rule_id]["unit"]) == (days, "day"), rule_id
    assert s["petition-conclude"]["extended_due"] is not None
    assert s["reexam-reply"]["due"] == "2024-09-11"  # 30 days after 08-12
    text = run("deadline", "--channel", "mail-letter", "--filed", "2024-05-06", "--full").stdout.replace("\n", "")
    assert "信访事项的法定期限" in text and "延长后最晚" in text and "第二十三条第二款" in text


def test_fraud_report_is_not_a_complaint_timeline(run):
    d, s = stages(run, "--channel", "fraud-report", "--filed", "2024-05-06")
    assert s == {} and [t["id"] for t in d["tracks"]] == ["fund-report"]
    notes = d["tracks"][0]["notes"]
    assert any("5个工作日内告知举报人" in n["text"] and n["source"]["status"] == "unverified" for n in notes)
    text = run("deadline", "--channel", "fraud-report", "--filed", "2024-05-06", "--full").stdout.replace("\n", "")
    assert "欺诈骗保举报的期限" in text and "受理登记" not in text


def test_a_petition_day_on_a_holiday_stays_and_the_moved_day_is_an_inference(run):
    # Result received 2024-09-01: +30 days = 2024-10-01 (国庆). The 条例 counts 日 and has no rule for a
    # last day on a holiday: 10-01 is the last day; 10-08 is shown as the tool's inference only.
    d, s = stages(run, "--filed", "2024-08-01", "--result-received", "2024-09-01", "--today", "2024-09-02")
    assert s["review-request"]["due"] == "2024-10-01" and s["review-request"]["moved_due"] == "2024-10-08"
    text = run("deadline", "--filed", "2024-08-01", "--result-received", "2024-09-01",
               "--today", "2024-09-02").stdout.replace("\n", "")
    assert "2024-10-01" in text and "可能顺延至 2024-10-08" in text and "本工具的推论" in text and "放假前" in text


def test_month_period_ends_on_month_end(run):
    # 6 months after 2025-08-31 -> 2026-02-28 (no 31st): a makeup Saturday, a working day
    _, s = stages(run, "--decision-known", "2025-08-31")
    assert s["lawsuit"]["due"] == "2026-02-28"


def test_filing_on_2026_12_18_is_flagged_estimated(run):
    d, s = stages(run, "--filed", "2026-12-18")
    assert s["accept"]["estimated"] is False  # 12-22, still 2026
    assert s["investigate"]["estimated"] is True
    assert d["estimated_years"] == [2027]
    assert any("2027" in w and "推算" in w for w in d["warnings"])
    r = run("deadline", "--filed", "2026-12-18")
    assert "推算" in r.stdout and "本工具尚未收录2027年的官方放假安排" in r.stdout.replace("\n", "")


def test_passed_stages_marked_with_today(run):
    d, s = stages(run, "--filed", "2024-05-06", "--today", "2024-06-01")
    assert s["accept"]["passed"] and s["investigate"]["passed"]
    assert not s["feedback"]["passed"] and s["feedback"]["workdays_left"] == 2
    r = run("deadline", "--filed", "2024-05-06", "--today", "2024-06-01")
    assert "已过" in r.stdout


@pytest.mark.parametrize("value,words", [
    ("2024-02-30", "2024年2月没有30日"),
    ("2024-13-01", "没有13月"),
    ("", "是空的"),
    ("tomorrow", "看不懂"),
    ("2003-06-01", "超出日历范围"),
    ("2099-01-01", "超出日历范围"),
])
def test_bad_dates(run, value, words):
    r = run("deadline", "--filed", value)
    assert r.exit_code == 2
    assert words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_reversed_dates(run):
    r = run("deadline", "--filed", "2024-05-06", "--result-received", "2024-05-01")
    assert r.exit_code == 2 and "早于" in r.stderr and "2024-05-01" in r.stderr


def test_ics_export(run, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "期限.ics"
    r = run("deadline", "--filed", "2024-05-06", "--ics", str(out), "--json")
    assert r.exit_code == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e.get("uid")).split("-", 3)[-1].rsplit("-", 1)[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {"accept", "investigate", "feedback", "typical-reply", "petition-notice", "petition-conclude"}
    assert "依据：中共中央、国务院《信访工作条例》第二十三条第二款" in str(events["petition-notice"].get("description"))
    accept = events["accept"]
    assert accept.decoded("dtstart") == dt.date(2024, 5, 8)
    # a usual handling time is no legal deadline: no reminder, and the event says so
    assert accept.walk("VALARM") == [] and "不是法定期限" in str(accept.get("description"))
    notice = events["petition-notice"]  # legal: due Tue 2024-05-21 (15 days from 05-06)
    assert notice.decoded("dtstart") == dt.date(2024, 5, 21)
    triggers = sorted(a.decoded("trigger") for a in notice.walk("VALARM"))
    # reminders at 09:00 seven days before and on the working day before (Mon 05-20)
    assert triggers == [dt.timedelta(days=-7, hours=9), dt.timedelta(days=-1, hours=9)]
    assert all(a.get("action") == "DISPLAY" for a in notice.walk("VALARM"))


def test_ics_replaces_an_existing_file_only_with_force(run, tmp_path):
    out = tmp_path / "期限.ics"
    out.write_text("old", encoding="utf-8")
    r = run("deadline", "--filed", "2024-05-06", "--ics", str(out))
    assert r.exit_code == 2 and "已经存在，没有改动它" in r.stderr and out.read_text(encoding="utf-8") == "old"
    r = run("deadline", "--filed", "2024-05-06", "--ics", str(out), "--force")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    r = run("deadline", "--filed", "2024-05-06", "--force")
    assert r.exit_code == 2 and "--force 只和 --out 或 --ics 一起用" in r.stderr


def test_ics_reminder_skips_the_weekend(run, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "a.ics"
    # filed Thu 2024-05-09: accept due Sat 05-11 (working Saturday); investigate due... find a Monday due
    run("deadline", "--filed", "2024-05-16", "--ics", str(out))
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    checked = 0
    for ev in cal.walk("VEVENT"):
        due = ev.decoded("dtstart")
        alarms = ev.walk("VALARM")
        if not alarms:  # a usual handling time
            assert "不是法定期限" in str(ev.get("description"))
            continue
        trigger = max(a.decoded("trigger") for a in alarms)  # the later one: the working day before
        remind_day = due + dt.timedelta(days=trigger.days)
        from yb_guide.calendar.workdays import get_calendar

        c = get_calendar()
        assert c.is_workday(remind_day) and c.add_workdays(remind_day, 1) == due
        assert min(a.decoded("trigger") for a in alarms) == dt.timedelta(days=-7, hours=9)
        checked += 1
    assert checked >= 2


def test_calendar_override_file(run, tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("closures:\n  - {date: 2024-05-07, name: 系统升级停办, source: 某市医保局公告}\n", encoding="utf-8")
    _, s = stages(run, "--filed", "2024-05-06", "--calendar", str(f))
    assert s["accept"]["due"] == "2024-05-09"


def test_calendar_override_can_declare_a_year_official(run, tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("official_years: [2027]\n", encoding="utf-8")
    d, _ = stages(run, "--filed", "2026-12-18", "--calendar", str(f))
    assert d["estimated_years"] == []


def test_malformed_calendar_file(run, tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("holidays:\n  - {date: 2024-02-30, name: x, source: y}\n", encoding="utf-8")
    r = run("deadline", "--filed", "2024-05-06", "--calendar", str(f))
    assert r.exit_code == 2 and "bad.yaml:2" in r.stderr
    f.write_text("holidays: [\n", encoding="utf-8")
    r = run("deadline", "--calendar", str(f))
    assert r.exit_code == 2 and "bad.yaml" in r.stderr and "YAML" in r.stderr
    r = run("deadline", "--calendar", str(tmp_path / "missing.yaml"))
    assert r.exit_code == 2 and "不存在" in r.stderr


def test_cache_is_rebuilt_when_overrides_change(run, tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("closures: []\n", encoding="utf-8")
    _, s1 = stages(run, "--filed", "2024-05-06", "--calendar", str(f))
    from yb_guide.base.cache import reset_caches

    reset_caches()  # a new process: only the on-disk cache remains
    f.write_text("closures:\n  - {date: 2024-05-08, name: 停办, source: 公告}\n", encoding="utf-8")
    _, s2 = stages(run, "--filed", "2024-05-06", "--calendar", str(f))
    assert (s1["accept"]["due"], s2["accept"]["due"]) == ("2024-05-08", "2024-05-09")


def test_corrupt_cache_is_rebuilt(run, tmp_path, monkeypatch):
    from yb_guide.base.cache import reset_caches

    stages(run, "--filed", "2024-05-06")
    from yb_guide.base.cache import cache_dir

    files = list(cache_dir().glob("calendar-*.pickle"))
    assert files
    for f in files:
        f.write_bytes(b"not a pickle")
    reset_caches()
    _, s = stages(run, "--filed", "2024-05-06")
    assert s["accept"]["due"] == "2024-05-08"


def test_cached_start_does_not_import_holidays(sh, tmp_path):
    env = {"YBGUIDE_CACHE_DIR": str(tmp_path / "c")}
    sh("deadline", "--filed", "2024-05-06", "--json", env=env)  # builds the cache
    import subprocess
    import sys

    code = ("import sys; from yb_guide.cli.app import main; sys.argv=['ybguide','deadline','--filed','2024-05-06','--json'];\n"
            "try:\n    main()\nexcept SystemExit: pass\nprint('HOLIDAYS' if 'holidays' in sys.modules else 'NO-HOLIDAYS', file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**__import__("os").environ, **env}, cwd=tmp_path)
    assert "NO-HOLIDAYS" in p.stderr


def test_data_dir_brings_its_own_calendar_yaml(run, tmp_path):
    import shutil

    from conftest import DATA

    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    (d / "calendar.yaml").write_text(
        "closures:\n  - {date: 2024-05-07, name: 系统升级停办, source: 某市医保局公告}\n", encoding="utf-8")
    r = run("--data-dir", str(d), "workday", "2024-05-07", "--json")
    assert r.json()["office_closed"] is True and r.json()["workday"] is True  # the law still counts it
    r = run("--data-dir", str(d), "deadline", "--filed", "2024-05-06", "--json")
    assert {x["id"]: x["due"] for x in r.json()["stages"]}["accept"] == "2024-05-09"
    assert run("--data-dir", str(d), "data", "check", "--json").json()["counts"]["calendar_days"] == 1
    (d / "calendar.yaml").write_text("holidays: [\n", encoding="utf-8")
    r = run("--data-dir", str(d), "data", "check")
    assert r.exit_code == 2 and "calendar.yaml" in r.stderr


def test_contradictory_calendar_entries_are_refused(run, tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("holidays:\n  - {date: 2027-02-08, name: 春节, source: 通知}\n"
                 "workdays:\n  - {date: 2027-02-08, name: 上班, source: 通知}\n", encoding="utf-8")
    r = run("workday", "2027-02-08", "--calendar", str(f))
    assert r.exit_code == 2 and "my.yaml:4" in r.stderr and "只能写一次" in r.stderr
    f.write_text("official_years: [1990]\n", encoding="utf-8")
    r = run("workday", "2027-02-08", "--calendar", str(f))
    assert r.exit_code == 2 and "1990" in r.stderr


def test_due_date_on_a_makeup_saturday_says_so(run):
    d, s = stages(run, "--filed", "2024-05-06")
    assert s["typical-reply"]["due_note"] is None
    _, s = stages(run, "--filed", "2024-04-25")  # accept: 2nd working day after Thu 04-25 is Sun 04-28
    assert s["accept"]["due"] == "2024-04-28" and s["accept"]["due_note"] == "调休上班日"
    r = run("deadline", "--filed", "2024-04-25", "--full")
    assert "2024-04-28 周日（调休上班日）" in r.stdout


def test_review_filed_after_the_review_deadline_warns(run):
    d, _ = stages(run, "--filed", "2024-05-06", "--result-received", "2024-06-05", "--review-requested", "2024-08-20")
    assert any("提出复查请求的日期 2024-08-20 晚于最后一天 2024-07-05" in w for w in d["warnings"])
    old, _ = stages(run, "--filed", "2024-05-06", "--result-received", "2024-06-05", "--review-filed", "2024-08-20")
    assert old["events"]["review-requested"] == "2024-08-20"  # the old option name still works


def test_two_exports_of_the_same_day_do_not_share_event_ids(run, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    run("deadline", "--filed", "2024-05-06", "--ics", str(a))
    run("deadline", "--filed", "2024-05-06", "--ics", str(b))
    uids = [str(e.get("uid")) for f in (a, b) for e in icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 12
    titles = [str(e.get("summary")) for e in icalendar.Calendar.from_ical(a.read_bytes()).walk("VEVENT")]
    assert "受理登记截止" in titles


def test_usage_errors_are_chinese(run):
    r = run("deadline", "--filed")
    assert r.exit_code == 2 and "后面要写一个值" in r.stderr
    r = run("calendar", "--year", "abc")
    assert r.exit_code == 2 and "不是有效的整数" in r.stderr


def test_full_disk_and_closed_stdout(tmp_path):
    import os
    import subprocess

    from conftest import installed_ybguide

    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            p = subprocess.run([installed_ybguide(), "channels"], stdout=full, stderr=subprocess.PIPE, text=True)
        assert p.returncode == 1 and "磁盘已满" in p.stderr and "Traceback" not in p.stderr
    p = subprocess.run(f"'{installed_ybguide()}' channels >&-", shell=True, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 1 and "标准输出已关闭" in p.stderr


def test_the_compiled_knowledge_follows_a_one_character_change_even_with_the_same_size_and_time(sh, data_copy):
    """The cache key is the data files' bytes, not their size or time: an edit that keeps both
    (a fixed-width correction, a file copied with its old time stamp) is never served stale."""
    import os

    f = data_copy / "channels.yaml"
    before = sh("channels", "--json", env={"YBGUIDE_DATA_DIR": str(data_copy)}).json()
    assert any("医保服务热线" in c["name"] for c in before["channels"])
    st = f.stat()
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("name: 全国统一医保服务热线", "name: 全国统一医保咨询热线", 1), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    after = sh("channels", "--json", env={"YBGUIDE_DATA_DIR": str(data_copy)}).json()
    assert any("医保咨询热线" in c["name"] for c in after["channels"])


def test_the_deadline_payload_has_the_shape_it_declares(run):
    """views.dates.Deadline and its parts (TypedDicts) name every key the JSON has, and no other."""
    from yb_guide.views.dates import Deadline, PendingStage, SituationAnswer, SituationNote, Stage, TrackBlock

    p = run("deadline", "--filed", "2026-11-02", "--result-received", "2026-11-20", "--decision-known", "2026-11-20",
            "--today", "2026-11-23", "--full", "--json").json()
    assert set(p) == set(Deadline.__annotations__) - {"ics"}  # ics: only with --ics
    from shape import problems

    assert problems(p, Deadline) == []  # every value of its declared kind, nested parts too
    assert p["stages"] and p["pending"] and p["notes"] and p["tracks"]
    assert all(set(s) == set(Stage.__required_keys__) for s in p["stages"] + [p["next"]])  # the optional: case show's
    assert all(set(x) == set(PendingStage.__annotations__) for x in p["pending"])
    assert all(set(n) == set(SituationNote.__annotations__) for n in p["notes"])
    assert all(set(t) == set(TrackBlock.__annotations__) for t in p["tracks"])
    assert all(set(a) == set(SituationAnswer.__annotations__) for a in p["situation"].values())
