"""The letter form and the page cache through the app's test client: what a person types survives
every step (大字, an error, a preview), odd characters never break a download, the three forms of
the letter agree, and the page cache cannot be grown by junk in addresses."""

from __future__ import annotations

import html
import io
import re

import pytest
from webpage import Page

ODD = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\ufffe\uffff\u202e\U0010ffff"
TYPED = {"name": "张三", "agent_name": "张小红", "agent_relation": "女儿", "institution": "太原市某医院",
         "incident_date": "2024-04-28", "place": "太原市", "amount": "1280.50",
         "summary": "第一行\r\n第二行", "asks": "重新报销\r\n说明理由", "evidence": "票据复印件",
         "phone": "13912345678", "address": "太原市小店区某街1号"}


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def post(client, fields: dict, **extra):
    return client.post("/letter", data={**fields, **extra})


def preview_text(r) -> str:
    return html.unescape(re.search(r'<pre class="letter">(.*?)</pre>', r.text, re.S).group(1))


@pytest.mark.parametrize("field", sorted(TYPED))
def test_odd_characters_in_any_letter_field_give_a_letter_not_an_error(client, field):
    import docx

    value = ODD.join(TYPED[field]) if field != "incident_date" else TYPED[field]  # a date is checked, not cleaned
    fields = {**TYPED, field: value}
    word = post(client, fields, format="docx")
    assert word.status_code == 200, word.text[:500]
    doc = docx.Document(io.BytesIO(word.content))  # a valid Word file
    body = "\n".join(p.text for p in doc.paragraphs)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u202e\U0010ffff]", body)
    txt = post(client, fields, format="txt")
    assert txt.status_code == 200 and txt.content.startswith(b"\xef\xbb\xbf")
    text = txt.content[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")  # CRLF, for Notepad
    shown = post(client, fields, format="preview")
    assert shown.status_code == 200
    assert preview_text(shown) == text.replace("\r\n", "\n")  # the preview is the .txt, line for line
    seen = {"amount": "1,280.50元", "incident_date": "2024年4月28日"}.get(field, TYPED[field].split("\r\n")[0])
    assert seen in body and seen in text  # what was typed, without the odd characters


def test_a_typed_line_break_is_one_break_in_every_form(client):
    word = post(client, TYPED, format="docx")
    xml = re.sub(r"\s", "", __import__("zipfile").ZipFile(io.BytesIO(word.content)).read("word/document.xml").decode())
    assert re.search(r"第一行</w:t><w:br/><w:t>第二行", xml)  # one break in Word, not a blank line
    text = post(client, TYPED, format="txt").content.decode("utf-8-sig")
    assert "第一行\r\n第二行" in text
    assert "第一行\n第二行" in preview_text(post(client, TYPED, format="preview"))


def test_errors_big_text_and_preview_keep_everything_typed(client):
    def kept(r):
        page = Page(r.text)
        form = next(f for f in page.forms if f["action"] == "/letter")
        for name, value in fields.items():
            if name in ("summary", "asks", "evidence"):
                assert html.escape(value.replace("\r\n", "\n"), quote=False) in r.text.replace("\r\n", "\n"), name
            else:
                assert form["inputs"][name] == value, name
        return form

    fields = {**TYPED, "incident_date": "2024-02-30"}
    r = post(client, fields, format="preview")
    assert r.status_code == 400 and "有 1 处需要改一改" in r.text
    form = kept(r)
    assert form["checked"] == "preview"  # the chosen format too
    assert "可用的写法" not in r.text  # one short message; the hint says the accepted forms once
    r = post(client, fields, format="preview", size="big")  # 大字 pressed halfway: no error yet, bigger
    assert r.status_code == 200 and '<html lang="zh-CN" class="big">' in r.text and "需要改一改" not in r.text
    assert r.headers["cache-control"] == "no-store" and "ybguide_text=big" in r.headers["set-cookie"]
    kept(r)
    fields["incident_date"] = "2024-04-28"
    r = post(client, fields, format="preview")
    assert r.status_code == 200 and "张三" in preview_text(r)
    kept(r)
    buttons = re.findall(r'<button[^>]*form="letter-form"[^>]*name="download" value="(\w+)"', r.text)
    assert buttons == ["docx", "txt"]  # both downloads beside the preview
    r = post(client, fields, format="preview", download="txt")
    assert r.headers["content-type"].startswith("text/plain") and "张三".encode() in r.content


def test_the_letter_fields_bring_the_right_keyboard(client):
    r = client.get("/letter").text
    assert re.search(r'type="tel" id="phone"[^>]*inputmode="tel"', r)
    assert re.search(r'id="amount"[^>]*inputmode="decimal"', r)
    assert re.search(r'id="incident_date"[^>]*inputmode="numeric"', r)
    d = client.get("/deadline").text
    assert re.search(r'id="filed"[^>]*\n?\s*inputmode="numeric"', d) and re.search(r'id="amount"[^>]*inputmode="decimal"', d)


def test_a_date_error_opens_only_its_field_with_one_short_message(client):
    r = client.get("/deadline?filed=2024-05-06&review-requested=2024-02-30&go=1")
    assert r.status_code == 400
    assert "<details class=\"more\">" in r.text  # the other dates stay folded
    assert r.text.count('class="error-message"') == 1 and "可用的写法" not in r.text
    page = Page(r.text)
    assert "review-requested" in page.ids and page.link("提出复查") == "#review-requested"
    bad_today = client.get("/deadline?today=abc&go=1")
    assert bad_today.status_code == 400 and 'href="#today"' in bad_today.text and 'id="today"' in bad_today.text


def test_big_text_on_the_deadline_form_keeps_the_dates_and_computes_nothing(client):
    r = client.get("/deadline?go=1&filed=2024-05-06&channel=hotline-12393&size=big")
    assert r.status_code == 200 and 'class="big"' in r.text and "各个期限" not in Page(r.text).h1()
    assert 'value="2024-05-06"' in r.text and 'value="hotline-12393" selected' in r.text
    assert 'form="deadline-form" name="size" value="normal"' in r.text  # the switch sends the form back


def test_big_text_on_a_question_keeps_the_choice(client):
    r = client.get("/choose?asked=problem&answer=problem:fraud&size=big")
    assert r.status_code == 200 and 'class="big"' in r.text
    assert Page(r.text).forms[-1]["checked"] == "problem:fraud"


def test_every_flow_page_has_start_again_and_outcomes_and_checklists_print(client):
    for url in ["/choose", "/choose?answer=problem:reimbursement-dispute", "/choose/answers?answer=problem:fraud",
                "/choose/result?answer=problem:fraud"]:
        page = Page(client.get(url).text)
        assert page.link("重新开始") == "/", url
    for url in ["/choose/result?answer=problem:fraud", "/checklists/hall-visit", "/deadline?filed=2024-05-06"]:
        r = client.get(url).text
        assert 'class="button secondary print"' in r and '<script src="/static/print.js" defer>' in r, url
    assert "window.print()" in client.get("/static/print.js").text


def test_unknown_parameters_go_to_the_clean_address_and_are_never_kept(client):
    r = client.get("/choose?from=singlemessage&answer=problem:fraud&junk=" + "x" * 5000, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/choose?answer=problem:fraud"
    r = client.get("/deadline?filed=2024-05-06&utm_source=wechat", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/deadline?filed=2024-05-06"


def test_the_page_cache_is_bounded_in_bytes():
    from yb_guide.web.app import PAGE_BYTES, PageCache

    cache = PageCache(limit=100_000)
    for i in range(200):
        cache.put(("/p", str(i)), [("content-type", "text/html")], b"x" * 3000)
        assert cache.size <= 100_000
    assert 25 <= len(cache.pages) <= 33 and cache.get(("/p", "199")) is not None and cache.get(("/p", "0")) is None
    cache.get(("/p", "170"))  # used: kept longer than the others
    for i in range(200, 225):
        cache.put(("/p", str(i)), [], b"x" * 3000)
    assert cache.get(("/p", "170")) is not None and cache.get(("/p", "171")) is None
    cache.put(("/big",), [], b"x" * (PAGE_BYTES + 1))
    assert cache.get(("/big",)) is None


def test_the_served_pages_are_kept_once_by_their_parameters(client):
    from yb_guide.web.app import create_app

    app = create_app().app
    route = next(r for r in app.routes if getattr(r, "path", "") == "/{flow_id}/result")
    cache = route.endpoint.cache
    from starlette.testclient import TestClient

    c = TestClient(app, base_url="http://127.0.0.1:8765")
    for n in range(30):
        c.get(f"/choose/result?answer=problem:fraud&x{n}=" + "y" * 2000)
    c.get("/choose/result?answer=problem:fraud")
    assert len(cache.pages) == 1 and cache.size < 200_000


def test_error_pages_say_their_heading_once_and_a_405_says_what_is_allowed(client):
    r = client.get("/nope")
    assert r.status_code == 404 and r.text.count("找不到这个页面") == 2  # the title and the heading, not the text
    r = client.post("/channels")
    assert r.status_code == 405 and "GET" in r.headers["allow"]
