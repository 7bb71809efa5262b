"""Addresses mean the same for everyone on every day: a date written 昨天, 5月6日 or 2024/5/6 is
turned into the day it means before a page or an .ics link is made, so a bookmark of the page, or a
link sent to a relative, gives the same dates tomorrow."""

from __future__ import annotations

import datetime as dt
import re

import pytest


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def yesterday() -> str:
    from yb_guide.calendar.dates import today_in_china

    return (today_in_china() - dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("path", ["/deadline", "/deadline.ics"])
def test_yesterday_in_an_address_becomes_its_date(client, path):
    r = client.get(path + "?filed=昨天&channel=hotline-12393", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"{path}?filed={yesterday()}&channel=hotline-12393"


def test_the_page_and_its_ics_link_carry_the_iso_date(client):
    r = client.get("/deadline?filed=昨天")
    assert str(r.url).endswith(f"/deadline?filed={yesterday()}")
    assert re.search(rf'href="/deadline\.ics\?filed={yesterday()}"', r.text)
    assert "昨天" not in re.search(r'href="/deadline\.ics[^"]*"', r.text).group(0)


@pytest.mark.parametrize("typed", ["5月6日", "2024/5/6", "2024年5月6日"])
def test_other_ways_of_writing_a_day_are_made_iso_too(client, typed):
    r = client.get(f"/deadline?filed={typed}&today=2024-05-20", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/deadline?filed=2024-05-06&today=2024-05-20"


def test_a_relative_today_is_made_a_date_and_iso_addresses_are_served_as_they_are(client):
    r = client.get("/deadline?filed=昨天&today=2024-05-20", follow_redirects=False)
    assert r.headers["location"] == "/deadline?filed=2024-05-19&today=2024-05-20"
    assert client.get("/deadline?filed=2024-05-19&today=2024-05-20", follow_redirects=False).status_code == 200


def test_a_future_filing_date_is_warned_on_the_page_as_on_the_command_line(client, run):
    cli = run("deadline", "--filed", "2030-01-01")
    warning = next(line for line in cli.stdout.replace("\n", "").split("注意：") if "2030-01-01 在今天" in line)
    page = client.get("/deadline?filed=2030-01-01").text
    text = re.sub(r"\s+", "", re.sub("<[^>]+>", "", page))
    assert re.sub(r"\s+", "", warning.split("。")[0]) in text
    top = page[:page.index('class="track"')]  # before the tracks of dates: where one looks first
    assert "2030-01-01 在今天" in top


def test_a_long_date_is_said_to_be_too_long_not_cut(client):
    typed = "2024-05-06" + "x" * 120
    r = client.get("/deadline", params={"filed": typed})
    assert r.status_code == 400 and "最多 100 字" in r.text and f'value="{typed}"' in r.text


def test_the_deadline_form_says_its_limit(client):
    page = client.get("/deadline?show=filed&show=decision-known").text
    for name in ("filed", "decision-known", "amount"):
        assert re.search(rf'<input[^>]* id="{name}"[^>]* maxlength="100"', page, re.S), name
