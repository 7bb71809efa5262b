"""What the pages say matches what they do: every phone number written in advice is a number to tap
(``tel:``), and the FAQ search's label says what the search takes (a question as typed)."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


@pytest.mark.parametrize("path", ["/channels", "/checklists/hall-visit", "/choose/result?answer=problem:fraud"])
def test_the_number_to_call_before_going_is_a_tel_link(client, path):
    page = client.get(path).text
    line = re.search(r"办事前先打电话确认：(.*?)</p>", page, re.S).group(1)
    assert re.search(r'<a href="tel:12393">12393</a>', line), line


def test_tel_links_keep_text_escaped():
    from yb_guide.web.render import tel_links

    out = str(tel_links("<b>拨打 0351-1234567 或 12393，13912345678</b> 2024年"))
    assert out.startswith("&lt;b&gt;") and '<a href="tel:03511234567">0351-1234567</a>' in out
    assert '<a href="tel:12393">12393</a>' in out and '<a href="tel:13912345678">' in out and "tel:2024" not in out


def test_the_faq_label_says_a_question_can_be_typed_as_it_is(client):
    page = client.get("/faq").text
    label = re.search(r'<label for="q">(.*?)</label>', page).group(1)
    assert "空格" not in label and "挂号费能报销吗" in label
    found = client.get("/faq", params={"q": "挂号费能报销吗"}).text
    assert "挂号费" in re.sub("<[^>]+>", "", found.split('<label for="q">')[1])
