"""A checklist's file takes seconds to make: it is made off the event loop (other pages are served
meanwhile) and kept once for both text sizes (the file is the same in 大字)."""

from __future__ import annotations

import asyncio

import pytest


@pytest.fixture()
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


@pytest.fixture()
def made(monkeypatch):
    """Each file made: (its format, whether it was made on the event loop's thread)."""
    from yb_guide.letter import paper

    calls, real = [], paper.render

    def render(built, suffix):
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        calls.append((suffix, on_loop))
        return real(built, suffix)

    monkeypatch.setattr(paper, "render", render)
    return calls


def test_a_checklist_file_is_made_off_the_event_loop(client, made):
    r = client.get("/checklists/mail-letter/paper.docx")
    assert r.status_code == 200 and made == [(".docx", False)]


def test_big_text_gets_the_same_file_without_making_it_again(client, made):
    normal = client.get("/checklists/mail-letter/paper.docx?acting=1")
    client.cookies.set("ybguide_text", "big")
    big = client.get("/checklists/mail-letter/paper.docx?acting=1")
    assert normal.status_code == big.status_code == 200 and normal.content == big.content
    assert len(made) == 1


def test_an_unknown_checklist_is_still_a_chinese_404(client, made):
    r = client.get("/checklists/no-such/paper.docx")
    assert r.status_code == 404 and "找不到" in r.text and made == []


def test_the_pdf_made_apart_is_the_one_the_command_line_writes(client, run, tmp_path):
    out = tmp_path / "清单.pdf"
    assert run("checklist", "hall-visit", "--out", str(out)).exit_code == 0
    r = client.get("/checklists/hall-visit/paper.pdf")
    assert r.status_code == 200 and r.content == out.read_bytes()


def test_a_missing_font_is_said_in_chinese_on_the_page(client, monkeypatch):
    monkeypatch.setenv("YBGUIDE_PDF_FONT", "/no/such/font.ttf")
    r = client.get("/checklists/hall-visit/paper.pdf")
    assert r.status_code == 400 and "字体文件" in r.text and "fonts-noto-cjk" in r.text
