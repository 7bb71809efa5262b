"""`ybguide calendar import`: the State Council's holiday notice read into the calendar.

The notices in tests/calendar/notices/ are the published texts for 2008–2020 and 2024–2026 (each
year's wording: the 2008–2009 explanations 其中，…公休日调至…, 补休, 放假公休, 放假1天, two festivals
in one item, a 元旦 break across the new year) and the 2021–2023 arrangements written in the
standard form from the published dates.  Each must give, day for day, the calendar of the
`chinesecalendar` package (the test's independent oracle) for that year.
"""

import datetime as dt
from pathlib import Path

import pytest

NOTICES = Path(__file__).parent / "notices"
YEARS = list(range(2008, 2027))
# Days a later, separate notice changed after the year's notice came out; the oracle holds the
# changed calendar, the year's notice (rightly) does not.  Each of these days must differ.
AMENDED = {
    # 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知（国发明电〔2015〕3号）
    2015: ["2015-09-03", "2015-09-04", "2015-09-06"],
    # 国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）
    2019: ["2019-04-28", "2019-05-02", "2019-05-03", "2019-05-05"],
    # 国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）
    2020: ["2020-01-31", "2020-02-01"],
}


def notice_text(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", YEARS)
def test_a_notice_gives_the_official_calendar_day_for_day(year, tmp_path):
    """Read alone, the yearly notice holds the year as it was first published (the AMENDED days
    differ from the oracle); merged with the later notices the tool ships, as `calendar import`
    does, it gives the oracle's calendar for every day of the year."""
    import chinese_calendar

    from yb_guide.calendar.notice import merge_later, overrides_yaml, parse_notice
    from yb_guide.calendar.workdays import MAKEUP, build_calendar, later_notices, load_overrides

    def calendar_of(merge: bool):
        # The next year's notice may set days of this one (2012's: 2011年12月31日（星期六）上班), so
        # both are imported, as the very files `calendar import` writes.
        overrides = []
        for y in (year, year + 1):
            if (NOTICES / f"{y}.txt").exists():
                notice = parse_notice(notice_text(y))
                if merge:
                    merge_later(notice, later_notices())
                path = tmp_path / f"{y}-{merge}.yaml"
                path.write_text(overrides_yaml(notice), encoding="utf-8")
                overrides.append(load_overrides(path))
        return build_calendar(overrides, year - 1, year + 1)

    assert parse_notice(notice_text(year)).year == year
    alone, merged = calendar_of(False), calendar_of(True)
    amended = {dt.date.fromisoformat(s) for s in AMENDED.get(year, [])}
    d = dt.date(year, 1, 1)
    while d.year == year:
        official = chinese_calendar.is_workday(d)
        assert merged.is_workday(d) == official, d
        assert (merged.kind(d) == MAKEUP) == (official and d.weekday() >= 5), d  # 调休上班 alike
        assert alone.is_workday(d) == (official != (d in amended)), d
        d += dt.timedelta(days=1)
    assert year in merged.official_years


# Named days of the three later notices, each against the oracle: (day, a working day?)
LATER_DAYS = [
    ("2015-09-03", False), ("2015-09-04", False), ("2015-09-06", True),  # 抗战胜利70周年纪念日
    ("2019-04-28", True), ("2019-05-02", False), ("2019-05-03", False), ("2019-05-05", True),  # 劳动节调整
    ("2020-01-31", False), ("2020-02-01", False), ("2020-02-03", True),  # 春节延长至2月2日
]


@pytest.mark.parametrize("year", sorted(AMENDED))
def test_importing_a_yearly_notice_never_undoes_a_later_notice(run, tmp_path, year):
    import chinese_calendar

    f = tmp_path / f"{year}.txt"
    f.write_text(notice_text(year), encoding="utf-8")
    r = run("calendar", "import", str(f))
    assert r.exit_code == 0, r.stderr
    text = "".join(r.stdout.split())  # the terminal's line breaks aside
    assert "后来还有《" in text and "以它为准" in text
    for s in AMENDED[year]:  # each day the later notice changed is named, with what it became
        assert f"{s}周" in text and "后来的通知改为" in text, s
    d = run("calendar", "import", str(f), "--json", "--force").json()
    assert [c["date"] for c in d["changed"]] == AMENDED[year] and len(d["later"]) == 1
    for s, works in LATER_DAYS:
        if s.startswith(str(year)):
            assert chinese_calendar.is_workday(dt.date.fromisoformat(s)) is works  # the oracle agrees
            assert run("workday", s, "--json").json()["workday"] is works, s
    saved = (tmp_path / "home" / "calendar" / f"{year}.yaml").read_text(encoding="utf-8")
    assert "并入了后来的通知" in saved


def test_a_yearly_notice_imported_before_the_merge_still_yields_to_the_later_notice(run, tmp_path):
    """A file written by an older ybguide holds only the yearly notice: the later one still wins."""
    from yb_guide.calendar.notice import overrides_yaml, parse_notice

    folder = tmp_path / "home" / "calendar"
    folder.mkdir(parents=True)
    (folder / "2020.yaml").write_text(overrides_yaml(parse_notice(notice_text(2020))), encoding="utf-8")
    assert "2020-02-01" in (folder / "2020.yaml").read_text(encoding="utf-8")  # 调休上班 in the yearly notice
    assert run("workday", "2020-02-01", "--json").json()["workday"] is False
    assert run("workday", "2020-01-31", "--json").json()["workday"] is False
    assert run("workday", "2020-01-23", "+1", "--json").json()["result"]["date"] == "2020-02-03"


def test_print_shows_the_merged_days_with_their_notice(run, tmp_path):
    import yaml

    f = tmp_path / "n.txt"
    f.write_text(notice_text(2020), encoding="utf-8")
    r = run("calendar", "import", str(f), "--print")
    assert r.exit_code == 0 and "并入了后来的通知：国务院办公厅关于延长2020年春节假期的通知" in r.stdout
    data = yaml.safe_load(r.stdout)
    feb1 = [x for x in data["holidays"] if x["date"] == dt.date(2020, 2, 1)]
    assert feb1 and "延长2020年春节假期" in feb1[0]["source"]
    assert dt.date(2020, 2, 1) not in {x["date"] for x in data["workdays"]}
    assert not (tmp_path / "home" / "calendar").exists()


def test_a_web_page_is_refused_with_what_to_do(run, tmp_path):
    f = tmp_path / "通知.html"
    f.write_text("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><div class=\"article\">"
                 + notice_text(2026).replace("\n", "<br>\n") + "</div></body></html>", encoding="utf-8")
    r = run("calendar", "import", str(f))
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "网页" in r.stderr and "请把网页的正文另存为文本" in r.stderr
    assert not (tmp_path / "home" / "calendar").exists()


def test_a_file_too_big_to_be_a_notice_is_refused_unread(run, tmp_path):
    f = tmp_path / "big.txt"
    f.write_text(notice_text(2026) + "。" * 1_000_000, encoding="utf-8")  # about 3 MB
    r = run("calendar", "import", str(f))
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "MB" in r.stderr and "不像放假通知" in r.stderr and "没有导入" in r.stderr
    assert not (tmp_path / "home" / "calendar").exists()


def test_the_2026_notice_reads_as_published():
    from yb_guide.calendar.notice import parse_notice

    n = parse_notice(notice_text(2026))
    spring = [d for d, name in n.holidays if name == "春节"]
    assert (min(spring), max(spring), len(spring)) == (dt.date(2026, 2, 15), dt.date(2026, 2, 23), 9)
    assert [d for d, _ in n.workdays] == [dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28),
                                         dt.date(2026, 5, 9), dt.date(2026, 9, 20), dt.date(2026, 10, 10)]
    assert parse_notice(notice_text(2024)).number == "国办发明电〔2023〕7号"


def test_older_forms_and_a_notice_without_its_title():
    from yb_guide.calendar.notice import parse_notice

    text = notice_text(2019).split("\n", 1)[1]  # without its title line
    n = parse_notice(text, year=2019)
    assert [d for d, name in n.holidays if name in ("元旦", "清明节")] == [
        dt.date(2018, 12, 30), dt.date(2018, 12, 31), dt.date(2019, 1, 1), dt.date(2019, 4, 5)]
    assert n.workdays[0] == (dt.date(2018, 12, 29), "调休上班（元旦）")
    with pytest.raises(Exception, match="没有找到年份"):
        parse_notice(text)


def test_the_2008_notice_explains_each_break_clause_by_clause():
    from yb_guide.calendar.notice import parse_notice

    n = parse_notice(notice_text(2008))
    new_year = [d for d, name in n.holidays if name == "元旦"]
    assert new_year == [dt.date(2007, 12, 30), dt.date(2007, 12, 31), dt.date(2008, 1, 1)]
    # 国庆节 names its makeup days only as "9月27日、9月28日两个公休日调至9月29日、30日"; each day once.
    assert [d for d, _ in n.workdays] == [dt.date(2007, 12, 29), dt.date(2008, 2, 2), dt.date(2008, 2, 3),
                                         dt.date(2008, 5, 4), dt.date(2008, 9, 27), dt.date(2008, 9, 28)]
    assert "“五一”国际劳动节" in {name for _, name in n.holidays}
    n09 = parse_notice(notice_text(2009))  # 其中…, and 1月4日（星期日）上班 on lines of their own
    assert dt.date(2009, 1, 4) in {d for d, _ in n09.workdays}
    assert {d for d, name in n09.holidays if name == "国庆节、中秋节"} == {dt.date(2009, 10, i) for i in range(1, 9)}


def test_2014_and_2017_forms():
    from yb_guide.calendar.notice import parse_notice

    n14 = parse_notice(notice_text(2014))
    assert [d for d, name in n14.holidays if name in ("元旦", "清明节")] == [
        dt.date(2014, 1, 1), dt.date(2014, 4, 5), dt.date(2014, 4, 7)]  # 放假1天; 4月7日（星期一）补休
    n17 = parse_notice(notice_text(2017))
    assert len([d for d, name in n17.holidays if name == "中秋节、国庆节"]) == 8


@pytest.mark.parametrize("damage,words", [
    (("其中，4月4日（清明节）为法定节假日", "其中，4月7日为法定节假日"), "不在这一项的放假日期里"),
    (("9月27日（星期六）、9月28日（星期日）两个公休日调至9月29日（星期一）、30日（星期二）",
      "9月27日（星期六）、9月28日（星期日）两个公休日调至9月29日（星期一）、30日（星期三）"), "星期和日期对不上"),
    (("5月4日（星期日）公休日调至5月2日（星期五）", "5月4日（星期日）公休日挪到5月2日（星期五）"), "有一句看不懂"),
])
def test_a_damaged_2008_explanation_is_refused(damage, words):
    from yb_guide.calendar.notice import parse_notice

    old, new = damage
    text = notice_text(2008)
    assert old in text
    with pytest.raises(Exception, match=words):
        parse_notice(text.replace(old, new))


@pytest.mark.parametrize("damage,words", [
    (("1月1日（周四）至3日（周六）", "1月1日（周五）至3日（周六）"), "星期和日期对不上"),
    (("放假调休，共9天", "放假调休，共8天"), "共8天"),
    (("5月9日（周六）上班", "5月9日（周六）照常上班"), "有一句看不懂"),
    (("2月15日（农历腊月二十八、周日）至23日", "2月30日至23日"), "日期不存在"),
])
def test_a_damaged_notice_is_refused_with_its_line_and_nothing_is_imported(run, tmp_path, damage, words):
    old, new = damage
    text = notice_text(2026)
    assert old in text
    f = tmp_path / "通知.txt"
    f.write_text(text.replace(old, new), encoding="utf-8")
    r = run("calendar", "import", str(f))
    assert r.exit_code == 2 and words in r.stderr and "第" in r.stderr and "行" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "home" / "calendar").exists()  # never a half-imported year


def test_a_notice_missing_holidays_is_refused_and_the_calendar_is_unchanged(run, tmp_path):
    f = tmp_path / "2027年放假通知.txt"
    f.write_text("国务院办公厅关于2027年部分节假日安排的通知\n\n"
                 "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\n"
                 "二、春节：2月6日（周六）至12日（周五）放假调休，共7天。\n", encoding="utf-8")
    before = run("calendar", "--year", "2027", "--json").stdout
    r = run("calendar", "import", str(f))
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "清明节、劳动节、端午节、中秋节、国庆节" in r.stderr and "没有导入" in r.stderr
    assert "元旦" not in r.stderr and "春节" not in r.stderr  # names only what is missing
    assert not (tmp_path / "home" / "calendar").exists()
    assert run("calendar", "--year", "2027", "--json").stdout == before
    assert run("calendar", "import", str(f), "--print").exit_code == 2  # nor shown as if it were whole


def test_import_then_the_year_is_official_and_counted_by_it(run, tmp_path):
    f = tmp_path / "2026年放假通知.txt"
    f.write_bytes(notice_text(2026).encode("gbk"))  # saved by Windows Notepad
    r = run("calendar", "import", str(f))
    assert r.exit_code == 0, r.stderr
    assert "已导入《国务院办公厅关于2026年部分节假日安排的通知》" in r.stdout
    saved = tmp_path / "home" / "calendar" / "2026.yaml"
    assert saved.exists() and "official_years: [2026]" in saved.read_text(encoding="utf-8")
    assert run("workday", "2026-02-15", "--json").json()["workday"] is False
    assert run("workday", "2026-02-14", "--json").json()["workday"] is True  # 调休上班
    again = run("calendar", "import", str(f))
    assert again.exit_code == 2 and "已经导入过" in again.stderr and "--force" in again.stderr
    assert run("calendar", "import", str(f), "--force").exit_code == 0


def test_print_shows_the_yaml_and_saves_nothing(run, tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(notice_text(2025), encoding="utf-8")
    r = run("calendar", "import", str(f), "--print")
    assert r.exit_code == 0 and r.stdout.startswith("# 国务院办公厅关于2025年部分节假日安排的通知")
    assert "replace_years: [2025]" in r.stdout and not (tmp_path / "home" / "calendar").exists()
    import yaml

    data = yaml.safe_load(r.stdout)
    assert {"date": dt.date(2025, 1, 1), "name": "元旦", "source": "国务院办公厅关于2025年部分节假日安排的通知"} in data["holidays"]


def test_year_view_reads_breaks_as_the_notice_does(run):
    d = run("calendar", "--year", "2026", "--json").json()
    spring = next(b for b in d["breaks"] if b["name"] == "春节")
    assert (spring["start"]["date"], spring["end"]["date"], spring["days"]) == ("2026-02-15", "2026-02-23", 9)
    text = run("calendar", "--year", "2026").stdout
    assert "春节：2026-02-15 周日 至 2026-02-23 周一，共9天" in text
    assert "端午节：2026-06-19 周五 至 2026-06-21 周日，共3天" in text
    d24 = run("calendar", "--year", "2024", "--json").json()
    new_year = d24["breaks"][0]  # 1月1日放假，与周末连休: the weekend before is part of the break
    assert (new_year["name"], new_year["start"]["date"], new_year["end"]["date"]) == ("元旦", "2023-12-30", "2024-01-01")


def test_a_later_notice_naming_a_day_twice_is_refused_with_its_line(run, tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("later:\n  - source: 某通知\n    holidays:\n      - {date: 2026-03-02, name: 放假}\n"
                 "    workdays:\n      - {date: 2026-03-02, name: 上班}\n", encoding="utf-8")
    r = run("workday", "2026-03-02", "--calendar", str(f))
    assert r.exit_code == 2 and "my.yaml:6" in r.stderr and "写了两次" in r.stderr
    f.write_text("later:\n  - source: 某通知\n    holidays:\n      - {date: 2026-03-02, name: 某纪念日}\n", encoding="utf-8")
    d = run("workday", "2026-03-02", "--calendar", str(f), "--json").json()
    assert d["workday"] is False and d["name"] == "某纪念日"


def test_a_150_mb_file_or_an_endless_one_is_refused_without_reading_it(run, tmp_path):
    import os

    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.truncate(150 * 1024 * 1024)  # sparse: 150 MiB on paper, nothing on disk
    r = run("calendar", "import", str(f))
    assert r.exit_code == 2 and "157.3 MB" in r.stderr and "不像放假通知" in r.stderr
    if os.path.exists("/dev/zero"):  # stat says 0 bytes, reading never ends
        r = run("calendar", "import", "/dev/zero")
        assert r.exit_code == 2 and "超过 2 MB" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "home" / "calendar").exists()
