"""letter.clean: what a person typed made fit for every form of the letter (Word refuses control
characters; a browser sends CRLF), in one place that build() goes through."""

from __future__ import annotations

import datetime as dt
import io

import pytest


@pytest.mark.parametrize("typed, clean", [
    ("第一行\r\n第二行", "第一行\n第二行"),  # a textarea's CRLF: one line break
    ("第一行\r第二行\u2028第三行", "第一行\n第二行\n第三行"),
    ("张\x00三\x01\x1b[31m", "张三[31m"),  # NUL, control characters, an escape sequence's ESC
    ("金额\t1280", "金额 1280"),
    ("abc\ufffe\uffff\U0010ffffd", "abcd"),  # non-characters
    ("\u202e反向\u202c文字", "反向文字"),  # invisible direction overrides
    ("普通的字 ABC 123，。😀", "普通的字 ABC 123，。😀"),  # everything else stays
])
def test_clean_text(typed, clean):
    from yb_guide.letter.clean import text

    assert text(typed) == clean


def test_a_case_with_control_characters_gives_a_word_file_and_a_notepad_text(run):
    import docx

    from yb_guide.cases import journal
    from yb_guide.knowledge import loader
    from yb_guide.letter import build, formats

    k = loader.get()
    today = dt.date(2024, 6, 10)
    case = journal.with_changes(k, None, {"name": "王\x00五", "summary": "没给报销\x1b\r\n第二天又去\ufffe"}, today)
    letter = build.build(k, case, today)
    doc = docx.Document(io.BytesIO(formats.render(letter, ".docx")))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "王五" in body and "没给报销\n第二天又去" in body
    txt = formats.render(letter, ".txt")
    assert txt.startswith(b"\xef\xbb\xbf") and b"\r\n" in txt and b"\n" not in txt.replace(b"\r\n", b"")
    assert txt[3:].decode("utf-8").replace("\r\n", "\n") == formats.to_text(letter)
