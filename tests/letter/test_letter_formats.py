"""The letter as a Word file and as Markdown: paper, language, fonts, page numbers, no escapes."""

import html
import re

import pytest

from conftest import FULL


@pytest.fixture
def case1(run):
    assert run("case", "add", *FULL).exit_code == 0


def test_docx_is_a4_in_chinese_with_chinese_fonts_and_page_numbers(run, case1, tmp_path):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    out = tmp_path / "投诉信.docx"
    assert run("letter", "--case", "1", "--today", "2024-06-10", "--out", str(out)).exit_code == 0
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert doc.core_properties.language == "zh-CN"
    rpr = doc.styles["Normal"].element.rPr
    lang = rpr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "zh-CN" and lang.get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.rFonts.get(qn("w:eastAsia")) == "仿宋"  # the body's Chinese font, not only the Latin one
    title = doc.paragraphs[0].runs[0]
    assert title.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "第" in footer_xml and "页" in footer_xml
    # the file's own properties: this letter, not python-docx's template
    props = doc.core_properties
    assert props.title == "投诉信" and props.author == "" and props.created.date().isoformat() == "2024-06-10"
    import zipfile

    assert not [n for n in zipfile.ZipFile(out).namelist() if "thumbnail" in n]


def test_markdown_letter_has_no_backslash_escapes(run, case1, tmp_path):
    out = tmp_path / "投诉信.md"
    assert run("letter", "--case", "1", "--today", "2024-06-10", "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "\\" not in text  # no \_\_\_ where the signature line is
    sign = [ln for ln in text.splitlines() if "签名" in ln]
    assert sign and "____" in sign[0] and 'align="right"' in sign[0]
    assert re.search(r'<p align="right">2024年6月10日</p>', text)
    # masks and blanks in full-width characters, which Markdown shows as they are
    assert "参保人身份证号：1101＊＊＊＊＊＊＊＊＊＊002X" in text and "＿＿＿＿" in text


def test_markdown_keeps_user_text_as_text(run, tmp_path):
    out = tmp_path / "l.md"
    evil = "<script>alert(1)</script> *星号* _下划线_"
    assert run("letter", "--summary", evil, "--name", "<b>王</b>", "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "<script>" not in text and "<b>王</b>" not in text and "\\" not in text
    # character references: a Markdown viewer shows exactly what was typed
    assert evil in html.unescape(text) and "本人<b>王</b>" in html.unescape(text)
