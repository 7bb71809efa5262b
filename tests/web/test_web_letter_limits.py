"""Nothing cut silently, one cleaning for every paper: the letter form says its limits, a long 经过
comes out whole in the preview, the .txt and the .docx, text over a limit comes back in the form with
a message beside its field, and the 授权委托书 button is checked and cleaned as the letter is."""

from __future__ import annotations

import html
import io
import re

import pytest

INVISIBLE = "\x00\x1b\x85\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2060\ufeff"
KEY_FACT = "最后这一句是关键事实和诉求。"


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


def field_error(r, name) -> str:
    m = re.search(rf'<p class="error-message" id="{name}-error">(.*?)</p>', r.text, re.S)
    return html.unescape(re.sub("<[^>]+>", "", m.group(1))) if m else ""


def field_value(r, name) -> str:
    m = re.search(rf'<textarea[^>]* id="{name}"[^>]*>(.*?)</textarea>', r.text, re.S) or \
        re.search(rf'<input[^>]* id="{name}"[^>]* value="([^"]*)"', r.text)
    return html.unescape(m.group(1))


def test_a_long_complaint_comes_out_whole_in_preview_txt_and_docx(client):
    import docx

    summary = "经" * 2500 + KEY_FACT
    fields = {"name": "张三", "summary": summary}
    shown = client.post("/letter", data={**fields, "format": "preview"})
    assert shown.status_code == 200 and KEY_FACT in shown.text
    txt = client.post("/letter", data={**fields, "format": "txt"}).content.decode("utf-8-sig")
    assert summary in txt
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(
        client.post("/letter", data={**fields, "format": "docx"}).content)).paragraphs)
    assert summary in body


def test_the_form_says_each_limit_and_counts_the_long_fields(client):
    page = client.get("/letter").text
    for name in ("summary", "asks", "evidence", "reason"):
        assert re.search(rf'<textarea[^>]* id="{name}"[^>]* maxlength="\d+"', page), name
        assert re.search(rf'id="{name}-count"[^>]*>最多 \d+ 字', page), name
    for name in ("name", "phone", "amount", "address", "respondent"):
        assert re.search(rf'<input[^>]* id="{name}"[^>]* maxlength="\d+"', page), name
    assert '<script src="/static/form.js"' in page
    assert client.get("/static/form.js").status_code == 200


@pytest.mark.parametrize("button", ["/letter", "/letter/poa"])
def test_text_over_a_limit_comes_back_whole_with_a_message_beside_it(client, button):
    limit = int(re.search(r'id="name"[^>]* maxlength="(\d+)"', client.get("/letter").text).group(1))
    name = "张" * (limit + 7)
    r = client.post(button, data={"name": name, "summary": "经过" * 10, "format": "txt"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")  # the form, not a file
    assert field_value(r, "name") == name  # nothing cut
    assert f"最多 {limit} 字" in field_error(r, "name") and "多了 7 字" in field_error(r, "name")
    assert field_value(r, "summary") == "经过" * 10


def test_over_limit_in_big_text_keeps_everything(client):
    summary = "经" * 3200
    r = client.post("/letter", data={"summary": summary, "size": "big"})
    assert r.status_code == 200 and field_value(r, "summary") == summary


def test_a_form_over_the_size_limit_goes_back_to_the_form(client):
    r = client.post("/letter", data={"summary": "经" * 20000})
    assert r.status_code == 413
    assert re.search(r'<a class="button" href="/letter" data-history-back>返回</a>', r.text)
    assert "几段文字还在" in r.text


def test_a_full_letter_form_at_every_limit_is_not_too_large(client):
    page = client.get("/letter?kind=reconsideration").text
    limits = dict(re.findall(r'id="(\w+)"[^>]* maxlength="(\d+)"', page))
    fields = {name: "经" * int(most) for name, most in limits.items()}
    fields.update(name="张三", agent_name="", agent_relation="", incident_date="", amount="", phone="",
                  decision_made="", decision_known="", kind="reconsideration", format="preview")
    r = client.post("/letter", data=fields)
    assert r.status_code != 413 and "内容太长" not in r.text


def test_poa_bad_phone_is_shown_beside_the_phone_on_the_letter_form(client):
    typed = {"name": "张三", "agent_name": "张小红", "agent_relation": "女儿", "phone": "call me",
             "summary": "第一行\r\n第二行", "kind": "complaint", "format": "txt"}
    r = client.post("/letter/poa", data=typed)
    assert r.status_code == 400 and 'id="letter-form"' in r.text
    assert "联系电话" in field_error(r, "phone")
    assert field_value(r, "agent_name") == "张小红" and field_value(r, "summary") == "第一行\n第二行"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_poa_removes_control_and_direction_characters_as_the_letter_does(client, fmt):
    import docx

    names = {"name": "张三", "agent_name": "张小红", "agent_relation": "女儿", "institution": "太原市某医院"}
    odd = {k: INVISIBLE.join(v) for k, v in names.items()}
    r = client.post("/letter/poa", data={**odd, "format": fmt})
    assert r.status_code == 200, r.text[:300]
    text = (r.content.decode("utf-8-sig") if fmt == "txt"
            else "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs))
    assert not re.search("[" + INVISIBLE + "]", text)
    assert all(v in text for v in names.values())


def test_invisible_characters_never_reach_the_letter(client):
    r = client.post("/letter", data={"name": INVISIBLE.join("张三"), "summary": INVISIBLE.join("经过"),
                                     "format": "txt"})
    text = r.content.decode("utf-8-sig")
    assert "张三" in text and "经过" in text and not re.search("[" + INVISIBLE + "]", text)


def test_cli_letters_drop_invisible_characters(run, tmp_path):
    out = tmp_path / "poa.txt"
    r = run("letter", "--kind", "poa", "--name", "张\u202e三", "--agent-name", "李\u200b四\u2067",
            "--out", str(out))
    assert r.exit_code == 0, r.stderr
    text = out.read_text("utf-8-sig")
    assert "张三" in text and "李四" in text and not re.search("[\u202e\u200b\u2067]", text)
