"""Every page of `ybguide serve` through the app's test client: the payloads the commands print,
bad addresses and bad input, the security headers, the size limit, escaping and the downloads."""

from __future__ import annotations

import io
import re
from urllib.parse import urlencode

import pytest
from webpage import Page, flat

HEADERS = {"content-security-policy": "default-src 'self'", "x-content-type-options": "nosniff",
           "referrer-policy": "no-referrer", "x-frame-options": "DENY"}
PAGES = ["/", "/choose", "/reimburse", "/choose?answer=problem:reimbursement-dispute",
         "/choose/answers?answer=problem:fraud", "/choose/result?answer=problem:fraud",
         "/deadline", "/deadline?filed=2024-05-06&today=2024-05-20", "/channels", "/channels/hotline-12393",
         "/channels/热线", "/checklists", "/checklists/hall-visit", "/checklists/hall-visit?acting=1", "/checklists/manual-claim", "/faq", "/faq?q=行政复议",
         "/faq/2", "/calendar", "/calendar?month=2026-10", "/calendar/2026", "/sources", "/sources?unverified=1",
         "/letter", "/static/site.css"]


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def check_headers(r):
    for name, value in HEADERS.items():
        assert r.headers.get(name, "").startswith(value), (r.url, name, r.headers.get(name))


def test_every_page_opens_in_chinese_with_the_security_headers(client):
    for url in PAGES:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        check_headers(r)
        if url.startswith("/static"):
            continue
        assert '<html lang="zh-CN"' in r.text and "style=" not in r.text, url
        assert set(re.findall(r"<script[^>]*>", r.text)) <= {'<script src="/static/print.js" defer>',
                                                             '<script src="/static/form.js" defer>'}, url  # none inline
        assert 'href="/static/site.css"' in r.text
    for url in ["/nope", "/channels/nope", "/choose?answer=problem:nope"]:
        r = client.get(url)
        assert r.status_code == 404
        check_headers(r)
    r = client.post("/channels")
    assert r.status_code == 405 and "不能这样打开" in r.text
    check_headers(r)


def test_reference_pages_show_the_payloads_of_the_commands(client, run):
    for url, args, texts in [
        ("/channels", ["channels"], lambda p: [c["name"] for c in p["channels"]] + [l for c in p["channels"] for l in c["contact_lines"]]),
        ("/channels/mail-letter", ["channels", "show", "mail-letter"], lambda p: [p["name"], *p["steps"], *p["notes"], p["source"]["text"]]),
        ("/checklists/hall-visit", ["checklist", "hall-visit"], lambda p: [p["title"], *(i["item"] for i in p["items"]), *(i["why"] for i in p["items"])]),
        ("/faq?q=行政复议", ["faq", "行政复议"], lambda p: [e["question"] for e in p["faq"]] + [e["answer"] for e in p["faq"]]),
        ("/faq", ["faq"], lambda p: [e["question"] for e in p["faq"]]),
        ("/faq/4", ["faq", "--show", "4"], lambda p: [p["question"], p["answer"]]),
        ("/calendar?month=2026-10", ["calendar", "2026-10"], lambda p: [f"{d['date']} {d['weekday']}：{d['name']}" for d in p["days"] if d["name"]] + [f"本月工作日：{p['workdays']} 天"]),
        ("/calendar/2026", ["calendar", "--year", "2026"], lambda p: [b["name"] for b in p["breaks"]] + [d["date"] for d in p["makeup_workdays"]]),
        ("/sources", ["sources"], lambda p: [d["text"] for d in p["documents"]]),
        ("/deadline?filed=2026-03-02&decision-known=2026-02-27&today=2026-03-03",
         ["deadline", "--filed", "2026-03-02", "--decision-known", "2026-02-27", "--today", "2026-03-03"],
         lambda p: [s["title"] for s in p["stages"]] + [f"{s['due']} {s['weekday']}" for s in p["stages"]]
         + [s["rule"] for s in p["stages"]] + [s["source"] for s in p["stages"]] + p["warnings"]
         + [t["title"] for t in p["tracks"]] + [t["kind_label"] for t in p["tracks"]]),
    ]:
        r = run(*args, "--json")
        assert r.exit_code == 0, r.stderr
        text = flat(Page(client.get(url).text).text)
        missing = [t for t in texts(r.json()) if flat(t) not in text]
        assert not missing, (url, missing)


def test_checkboxes_are_real_and_the_checklist_prints_without_navigation(client):
    r = client.get("/checklists/hall-visit")
    assert r.text.count('type="checkbox"') >= 5
    css = client.get("/static/site.css").text
    assert "@media print" in css and "size: A4" in css
    assert ".top, .foot" in css.split("@media print", 1)[1]


def test_the_checklist_for_someone_acting_for_a_parent(client):
    plain = client.get("/checklists/hall-visit").text
    assert plain.count('type="checkbox"') == client.get("/checklists/hall-visit?acting=1").text.count('type="checkbox"') - 2
    assert "替家人代办时还要准备" in plain and 'href="/checklists/hall-visit?acting=1"' in plain
    acting = Page(client.get("/checklists/hall-visit?acting=1").text)
    assert "授权委托书" in acting.text and "代办人本人的身份证" in acting.text and "民法典第一百六十五条" in acting.text


def test_deadline_states_and_status_words(client):
    page = Page(client.get("/deadline?channel=mail-letter&filed=2026-11-02&today=2026-11-25").text)
    assert "已过" in page.text and "还剩" in page.text and "推算" in page.text
    assert "法定期限" in page.text and "依据：" in page.text
    # the channel is chosen by name too, as `deadline --channel 信件`
    assert "信访事项办结" in Page(client.get("/deadline?channel=信件&filed=2026-11-02").text).text


def test_a_bad_date_gives_the_error_summary_and_keeps_the_input(client):
    r = client.get("/deadline?filed=2024-02-30&result-received=<b>x</b>&go=1")
    assert r.status_code == 400
    page = Page(r.text)
    assert "有 2 处需要改一改" in page.text and "<title>错误：" in r.text
    assert page.link("提交投诉的日期「2024-02-30」无效") == "#filed"
    assert 'id="filed-error"' in r.text and 'value="2024-02-30"' in r.text
    assert "&lt;b&gt;x&lt;/b&gt;" in r.text and "<b>x</b>" not in r.text
    # a later event before an earlier one: the message sits at the later date
    r = client.get("/deadline?filed=2024-05-06&result-received=2024-05-01")
    assert r.status_code == 400 and 'id="result-received-error"' in r.text and "日期顺序不对" in r.text
    r = client.get("/deadline?filed=1990-01-01")
    assert r.status_code == 400 and "超出日历范围" in r.text
    r = client.get("/deadline?filed=2024-05-06&channel=飞鸽传书")
    assert r.status_code == 400 and 'id="channel-error"' in r.text
    r = client.get("/calendar?month=2026-13")
    assert r.status_code == 400 and "没有13月" in r.text and 'value="2026-13"' in r.text


@pytest.mark.parametrize("typed", ["2024-05-06", "2024/5/6", "2024年5月6日"])
def test_dates_as_people_write_them(client, typed):
    page = Page(client.get(f"/deadline?filed={typed}&today=2024-05-20").text)
    assert "提交投诉 2024-05-06" in page.text


def test_today_and_month_day_use_the_same_parser_as_the_command_line(client):
    assert "提交投诉 2024-05-19" in Page(client.get("/deadline?filed=昨天&today=2024-05-20").text).text
    assert "提交投诉 2024-05-06" in Page(client.get("/deadline?filed=5月6日&today=2024-05-20").text).text
    assert "提交投诉 2024-05-20" in Page(client.get("/deadline?go=1&today=2024-05-20").text).text  # no date: today


def test_ics_download_parses(client):
    from icalendar import Calendar

    r = client.get("/deadline.ics?filed=2024-05-06&today=2024-05-20")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"] and r.headers["cache-control"] == "no-store"
    check_headers(r)
    events = Calendar.from_ical(r.content).walk("VEVENT")
    assert len(events) >= 3 and any("受理登记" in str(e["summary"]) for e in events)
    bad = client.get("/deadline.ics?filed=2024-02-30", follow_redirects=False)
    assert bad.status_code == 303 and bad.headers["location"].startswith("/deadline?")


def test_user_text_is_always_escaped(client):
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    for r in [client.get("/faq", params={"q": evil}), client.get("/deadline", params={"filed": evil}),
              client.get("/calendar", params={"month": evil}),
              client.post("/letter", data={"name": evil, "summary": evil, "format": "preview"})]:
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, r.url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text, r.url


def test_the_letter_downloads_as_word_and_text_and_is_never_stored(client, tmp_path):
    import docx

    fields = {"name": "张三", "institution": "太原市某医院", "incident_date": "2024-04-28", "place": "太原",
              "amount": "1280.5", "summary": "住院费用中部分项目未按规定报销", "asks": "重新报销\n道歉",
              "evidence": "住院费用票据复印件", "phone": "13912345678", "address": "太原市小店区某街1号"}
    r = client.post("/letter", data={**fields, "format": "docx"})
    assert r.status_code == 200, r.text[:500]
    assert r.headers["cache-control"] == "no-store" and "attachment" in r.headers["content-disposition"]
    check_headers(r)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    for value in ("张三", "太原市某医院", "住院费用中部分项目未按规定报销", "重新报销", "道歉", "13912345678", "2024年4月28日"):
        assert value in text, value
    r = client.post("/letter", data={**fields, "format": "txt"})
    assert r.content.startswith("\ufeff".encode()) and "张三" in r.content.decode("utf-8-sig")
    home = tmp_path / "home"
    assert not home.exists() or not any(home.rglob("*")), list(home.rglob("*"))  # nothing kept on the server


def test_a_letter_written_for_a_parent(client):
    r = client.post("/letter", data={"name": "王秀英", "agent_name": "李娜", "agent_relation": "女儿",
                                     "summary": "门诊费用未按规定报销", "format": "preview"})
    assert r.status_code == 200, r.text[:500]
    text = Page(r.text).text
    assert "本人李娜，系参保人王秀英的女儿，受王秀英委托" in text and "授权委托书" in text
    assert "代办人（签名）" in text


def test_bad_letter_input_is_shown_beside_its_field_and_kept(client):
    r = client.post("/letter", data={"name": "张三", "incident_date": "2024-02-30", "amount": "很多", "phone": "12",
                                     "summary": "经过", "format": "docx"})
    assert r.status_code == 400
    page = Page(r.text)
    assert "有 3 处需要改一改" in page.text
    for field in ("incident_date", "amount", "phone"):
        assert f'id="{field}-error"' in r.text and f"#{field}" in [h for h, _ in page.links]
    assert 'value="张三"' in r.text and 'value="2024-02-30"' in r.text and ">经过</textarea>" in r.text
    assert r.headers["cache-control"] == "no-store"  # a page showing what was typed is never kept


def test_the_letter_page_shows_the_envelope_and_advice_of_the_letter_command(client, run):
    r = run("letter", "--json", "--today", "2024-06-10")
    p = r.json()
    text = flat(Page(client.get("/letter").text).text)
    assert all(flat(x) in text for x in p["envelope"] + p["advice"])


def test_request_bodies_over_128_kib_are_refused(client):
    big = {"summary": "经" * 50000}  # 150 KB in UTF-8
    r = client.post("/letter", data=big)
    assert r.status_code == 413 and "内容太长" in r.text
    check_headers(r)

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(140):
            yield b"x" * 1024

    r = client.post("/letter", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert client.post("/letter", data={"summary": "经" * 1000, "format": "preview"}).status_code == 200


def test_big_text_is_kept_by_a_cookie_and_never_leaves_the_site(client):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    c = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    assert 'class="big"' not in c.get("/faq").text and 'class="big"' not in c.get("/choose").text
    switch = Page(c.get("/faq?q=复议").text).forms[0]  # a button (a little form) in the header
    assert switch["action"] == "/text-size" and "大字" in c.get("/faq").text
    r = c.get("/text-size?" + urlencode([*switch["hidden"], ("size", "big")]), follow_redirects=False)
    from urllib.parse import unquote

    assert r.status_code == 303 and unquote(r.headers["location"]) == "/faq?q=复议"
    assert '<html lang="zh-CN" class="big">' in c.get("/channels").text
    assert '<html lang="zh-CN" class="big">' in c.get("/choose").text  # a kept page is kept per text size
    assert "标准字号" in c.get("/channels").text
    c.get("/text-size?size=normal&back=/")
    assert 'class="big"' not in c.get("/channels").text and 'class="big"' not in c.get("/choose").text
    for back in ["https://example.com/", "//example.com/", "/\\example.com"]:
        r = c.get("/text-size", params={"size": "big", "back": back}, follow_redirects=False)
        assert r.headers["location"] == "/"


def test_the_start_page_says_the_case_journal_stays_on_the_command_line(client):
    text = Page(client.get("/").text).text
    assert "ybguide case" in text and "不保存" in text
    hrefs = [h for h, _ in Page(client.get("/").text).links]
    for href in ["/choose", "/reimburse", "/deadline", "/channels", "/checklists", "/faq", "/calendar", "/sources", "/letter"]:
        assert href in hrefs


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1:8765", True), ("localhost:8765", True), ("[::1]:8765", True), ("192.168.1.5:8765", True),
    ("192.168.1.5", True), ("evil.example:8765", False), ("evil.example", False), ("", False),
])
def test_only_addresses_a_person_typed_are_served(client, host, ok):
    """A page asked for under another site's name (DNS rebinding) is refused, the letter form too."""
    r = client.get("/", headers={"host": host})
    assert (r.status_code == 200) == ok, (host, r.status_code)
    if not ok:
        assert r.status_code == 400 and "IP 地址" in r.text
        check_headers(r)
        post = client.post("/letter", data={"name": "张三"}, headers={"host": host})
        assert post.status_code == 400 and "张三" not in post.text


def test_the_deadline_page_asks_the_situation_and_leads_with_the_next_legal_step(client):
    from urllib.parse import quote

    r = client.get("/deadline?decision-known=2026-08-31&today=2026-09-01&decision=" + quote("不予报销（拒付）"))
    assert r.status_code == 200
    page = Page(r.text)
    text = page.text
    assert text.index("先做这件事") < text.index("复议前置") < text.index("直接提起行政诉讼的最后一天")
    assert "申请行政复议的最后一天：2026-10-30 周五" in text and "本工具的推论" in text
    assert "只在不需要先申请复议时适用" in text
    form = page.forms[-1]
    assert {"amount"} <= set(form["inputs"]) and 'name="decision"' in r.text and 'name="matter"' in r.text
    # the same schedule as the command line for the same inputs
    d = client.get("/deadline?reconsideration-filed=2026-01-05&today=2026-01-06&amount=2999.99")
    assert "2026-02-11" in flat(d.text) and "2026-02-26" in flat(d.text) and "2026-03-13" in flat(d.text)


def test_a_wrong_situation_answer_marks_its_field_and_keeps_what_was_typed(client):
    r = client.get("/deadline?decision-known=2026-08-31&amount=" + "三千元")
    assert r.status_code == 400
    assert 'id="amount-error"' in r.text or "金额「三千元」" in flat(r.text)
    assert 'value="三千元"' in r.text and 'value="2026-08-31"' in r.text
