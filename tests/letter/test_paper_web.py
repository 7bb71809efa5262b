"""The web page's paper: the checklist page links to the same .pdf/.docx as `checklist --out`, and the
letter form makes the 授权委托书."""

import pytest

from test_paper import A4_PT, NO_COMMANDS, cjk_font, docx_text, pdf_text  # noqa: F401 (cjk_font: a fixture)


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def test_checklist_page_links_to_the_paper(client, tmp_path, cjk_font):
    page = client.get("/checklists/hall-visit?acting=1").text
    assert 'href="/checklists/hall-visit/paper.pdf?acting=1"' in page
    r = client.get("/checklists/hall-visit/paper.pdf?acting=1")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "attachment" in r.headers["content-disposition"]
    out = tmp_path / "清单.pdf"
    out.write_bytes(r.content)
    sizes, text = pdf_text(out)
    assert all(s == A4_PT for s in sizes) and "授权委托书（参保人签名或按手印）" in text
    assert not NO_COMMANDS.search(text) and "工作日，服务大厅" not in text


def test_checklist_docx_and_unknown_addresses(client, tmp_path):
    r = client.get("/checklists/mail-letter/paper.docx")
    assert r.status_code == 200
    out = tmp_path / "清单.docx"
    out.write_bytes(r.content)
    assert "邮编：030024" in docx_text(out)[1]
    assert client.get("/checklists/mail-letter/paper.txt").status_code == 404
    assert client.get("/checklists/no-such/paper.pdf").status_code == 404


def test_letter_form_makes_the_power_of_attorney(client, tmp_path):
    form = client.get("/letter").text
    assert 'formaction="/letter/poa"' in form
    r = client.post("/letter/poa", data={"name": "王秀英", "agent_name": "李强", "agent_relation": "儿子",
                                         "institution": "太原市某医院", "format": "docx"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    out = tmp_path / "委托书.docx"
    out.write_bytes(r.content)
    text = docx_text(out)[1]
    assert "委托人王秀英现委托李强为代理人" in text and "与委托人的关系：儿子" in text
    assert "身份证号：____" in text  # not asked on a page: written by hand
    r = client.post("/letter/poa", data={"agent_relation": "儿子", "format": "txt"})
    assert r.status_code == 400  # a relation without the person who acts
