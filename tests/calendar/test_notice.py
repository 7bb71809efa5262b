"""`ybguide calendar import`: the State Council's holiday notice read into the calendar.

The notices in tests/calendar/notices/ are the published texts for 2024–2026 (half-width
punctuation as the news copies print them, full-width for 2026) and the 2021–2023 arrangements
written in the standard form from the published dates.  Each must give, day for day, the calendar
the `holidays` package holds for that year.
"""

import datetime as dt
from pathlib import Path

import pytest

NOTICES = Path(__file__).parent / "notices"
YEARS = [2021, 2022, 2023, 2024, 2025, 2026]


def notice_text(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", YEARS)
def test_a_notice_gives_the_official_calendar_day_for_day(year, tmp_path):
    from yb_guide.calendar.notice import overrides_yaml, parse_notice
    from yb_guide.calendar.workdays import build_calendar, load_overrides

    notice = parse_notice(notice_text(year))
    assert notice.year == year
    path = tmp_path / "o.yaml"
    path.write_text(overrides_yaml(notice), encoding="utf-8")  # the very file `calendar import` writes
    from_notice = build_calendar([load_overrides(path)], year - 1, year + 1)
    from_library = build_calendar([], year - 1, year + 1)
    d = dt.date(year, 1, 1)
    while d.year == year:
        assert from_notice.is_workday(d) == from_library.is_workday(d), d
        assert (from_notice.kind(d) == 3) == (from_library.kind(d) == 3), d  # makeup days (调休上班) alike
        d += dt.timedelta(days=1)
    assert year in from_notice.official_years


def test_the_2026_notice_reads_as_published():
    from yb_guide.calendar.notice import parse_notice

    n = parse_notice(notice_text(2026))
    spring = [d for d, name in n.holidays if name == "春节"]
    assert (min(spring), max(spring), len(spring)) == (dt.date(2026, 2, 15), dt.date(2026, 2, 23), 9)
    assert [d for d, _ in n.workdays] == [dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28),
                                         dt.date(2026, 5, 9), dt.date(2026, 9, 20), dt.date(2026, 10, 10)]
    assert parse_notice(notice_text(2024)).number == "国办发明电〔2023〕7号"


def test_older_forms_and_a_notice_without_its_title(tmp_path):
    from yb_guide.calendar.notice import parse_notice

    text = "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n" \
           "三、清明节：4月5日放假，与周末连休。\n"
    n = parse_notice(text, year=2019)
    assert [d for d, _ in n.holidays] == [dt.date(2018, 12, 30), dt.date(2018, 12, 31), dt.date(2019, 1, 1),
                                         dt.date(2019, 4, 5)]
    assert [d for d, _ in n.workdays] == [dt.date(2018, 12, 29)]
    with pytest.raises(Exception, match="没有找到年份"):
        parse_notice(text)


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
