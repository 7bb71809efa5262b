"""Amounts as people type them: one parser (base.money) with a range, one Chinese error for anything
else, on the command line and on the web page alike, never a crash."""

from __future__ import annotations

import re

import pytest

from yb_guide.base.errors import UserError
from yb_guide.base.money import amount

HUGE = ["1e30", "100000000000000000000000000.5", "1" * 2000, "100000000.01", "-1e30", "NaN", "1e-30"]


@pytest.mark.parametrize("typed, kept", [("1,280.5元", "1280.50"), ("￥1280", "1280.00"), ("0.5", "0.50"),
                                          ("１２８０．５", "1280.50"), ("100000000", "100000000.00"),
                                          ("1280.50 元", "1280.50")])
def test_amounts_people_write(typed, kept):
    assert amount(typed) == kept


@pytest.mark.parametrize("typed, said", [("1e30", "看不懂"), ("100000000000000000000000000.5", "最多 1亿元"),
                                         ("1" * 2000, "最多 1亿元"), ("100000000.01", "最多 1亿元"),
                                         ("0", "大于 0"), ("-5", "大于 0"), ("1.234", "两位小数")])
def test_amounts_out_of_range_say_why_in_chinese(typed, said):
    with pytest.raises(UserError) as caught:
        amount(typed)
    assert said in caught.value.message
    assert len(caught.value.message) < 80  # 2,000 digits are not written back whole


@pytest.mark.parametrize("typed", HUGE)
def test_cli_gives_one_line_error(run, typed):
    for args in (("deadline", "--filed", "2026-11-02", "--amount", typed),
                 ("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06", "--amount", typed)):
        r = run(*args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert r.stderr.startswith("错误：金额") and r.stderr.count("\n") == 1, r.stderr


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


@pytest.mark.parametrize("typed", HUGE)
def test_web_forms_show_the_error_beside_the_amount(client, typed):
    letter = client.post("/letter", data={"name": "张三", "amount": typed, "format": "preview"})
    deadline = client.get("/deadline", params={"filed": "2026-11-02", "amount": typed})
    for page in (letter, deadline):
        assert page.status_code == 400, page.text[:300]
        said = re.search(r'<p class="error-message" id="amount-error">(.*?)</p>', page.text, re.S)
        assert said and "金额" in said.group(1)  # its range, or (2,000 digits) the field's length
