"""Reading the paper ybguide writes (.pdf, .docx) in tests, and the fixture for the Chinese font a PDF
needs; shared by the letter tests and the window-day walk."""

import re

import pytest

A4_PT = (595.28, 841.89)  # 210 × 297 mm in points


def pdf_text(path) -> tuple[list, str]:
    """(page sizes, the text without the spaces, and the NULs, pypdf puts between Chinese characters;
    poppler's pdftotext reads the same files cleanly)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    sizes = [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages]
    return sizes, re.sub(r"[\s\x00]+", "", "".join(p.extract_text() for p in reader.pages))


def docx_text(path) -> tuple[object, str]:
    import docx

    doc = docx.Document(str(path))
    return doc, "\n".join(p.text for p in doc.paragraphs)


NO_COMMANDS = re.compile(r"ybguide|--\w")


@pytest.fixture
def cjk_font():
    """A PDF needs a Chinese font of the computer: a machine without one skips these tests (naming
    the package), CI (which installs fonts-noto-cjk) must run them."""
    import os

    from yb_guide.base.errors import UserError
    from yb_guide.letter import pdf

    try:
        return pdf.find_font()
    except UserError:
        if os.environ.get("CI"):
            raise
        pytest.skip("没有中文字体：sudo apt install fonts-noto-cjk")
