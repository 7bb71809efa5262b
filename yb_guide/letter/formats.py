"""A letter's blocks laid out as plain text, Markdown or Word, and saved whole and privately."""

from __future__ import annotations

import html
import re
from pathlib import Path

from yb_guide.base.errors import UserError
from yb_guide.base.files import write_atomic
from yb_guide.letter.build import Letter

FORMATS = (".txt", ".md", ".docx", ".pdf")
INDENT = "\u3000\u3000"  # two full-width spaces: a Chinese paragraph's first-line indent
SIGN_INDENT = "\u3000" * 12  # signature and date sit on the right half of the page


def to_text(letter: Letter) -> str:
    out: list[str] = []
    closing, signed, prev = 0, False, None
    for block in letter.blocks:
        if block.kind == "title":
            out.append("\u3000" * 8 + block.text)
        elif block.kind == "mark":
            out += ["\u3000" * 8 + block.text, ""]
        elif block.kind == "addressee":
            out += [block.text, ""]
        elif block.kind == "heading":
            out += ["", block.text]
        elif block.kind in ("para", "item", "numbered"):
            if block.kind == "para" and prev in ("item", "numbered"):
                out.append("")  # a paragraph after a list stands apart
            out.append(INDENT + block.text)
        elif block.kind == "closing":
            # 此致 is indented, 敬礼 starts the next line at the margin (the usual letter form).
            out += ([""] if closing == 0 else []) + [(INDENT if closing == 0 else "") + block.text]
            closing += 1
        elif block.kind == "sign":
            out += ([] if signed else [""]) + [SIGN_INDENT + block.text]
            signed = True
        else:
            out.append(block.text)
        prev = block.kind
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~#&]")
_MD_RUN = re.compile(r"\*{3,}|_{3,}")  # a masked number (1101****002X) or a line to fill in (____)
_FULL_WIDTH = str.maketrans("*_", "＊＿")


def _md(text: str) -> str:
    """Text that shows as typed both in a Markdown viewer and in Notepad: masks and blanks in
    full-width characters (which Markdown leaves alone), other special characters as character
    references (&#42;), never as backslash escapes, which show as "\\_" in a plain editor."""
    text = _MD_RUN.sub(lambda m: m.group().translate(_FULL_WIDTH), text)
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def to_markdown(letter: Letter) -> str:
    out: list[str] = []
    for block in letter.blocks:
        text = _md(block.text)
        if block.kind == "title":
            out += [f"# {text}", ""]
        elif block.kind == "mark":
            out += [f"**{text}**", ""]
        elif block.kind == "heading":
            out += ["", f"## {text}", ""]
        elif block.kind == "numbered":
            out.append(f"{block.n}. {_md(block.item)}")  # Markdown numbers the list itself
        elif block.kind == "item":
            out.append(f"- {text}")
        elif block.kind == "sign":
            # Inside HTML Markdown escapes do not apply (they would show as "\_"): escape as HTML.
            out += [f'<p align="right">{html.escape(block.text)}</p>', ""]
        else:
            out += ["", text, ""]
    md = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", md).strip() + "\n"


BODY_FONT, TITLE_FONT = "仿宋", "宋体"  # a Chinese official letter: 仿宋 body, 宋体 title


def _east_asian(run_or_style, font: str) -> None:
    """Set the font Word uses for Chinese characters (w:eastAsia), not just the Latin one."""
    from docx.oxml.ns import qn

    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _page_numbers(section) -> None:
    """第 N 页 in the footer, centred (a PAGE field Word fills in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("第 ")
    run = p.add_run()
    for tag, attrs in (("w:fldChar", {"w:fldCharType": "begin"}), ("w:instrText", {}),
                       ("w:fldChar", {"w:fldCharType": "end"})):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._r.append(el)
    p.add_run(" 页")


def _properties(doc, title: str, date) -> None:
    """The file's own properties: this document's title and date, Chinese; not python-docx's
    template (author "python-docx", created 2013, its thumbnail picture)."""
    import datetime as dt

    props = doc.core_properties
    props.language = "zh-CN"
    props.title = title
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.subject = props.category = ""
    when = dt.datetime.combine(date, dt.time(9, 0))
    props.created = props.modified = when
    props.revision = 1
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)


def new_document(title: str, date, *, body_pt: float = 14, font: str = BODY_FONT):
    """An empty Word document for Chinese on A4: the body font for Chinese characters too
    (w:eastAsia), language zh-CN, page numbers, the file's properties."""
    try:
        import docx
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt
    except ImportError:
        raise UserError("要生成 Word 文件（.docx），需要先安装 python-docx。",
                        hint="安装时应当已经装好；请重新运行 README 第一行的安装命令（或 .venv/bin/pip install python-docx）；或改用 --out 投诉信.txt / 投诉信.md") from None
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's US Letter
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(28)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(body_pt)
    _east_asian(normal, font)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for key in ("w:val", "w:eastAsia"):
        lang.set(qn(key), "zh-CN")
    _properties(doc, title, date)
    _page_numbers(section)
    return doc


def docx_bytes(doc) -> bytes:
    import io

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def to_docx(letter: Letter) -> bytes:
    """A Word file that prints well on A4 in Chinese (仿宋 body, 宋体 title, language zh-CN, page
    numbers), made in memory: a full disk then fails in one place (the file write), not inside
    the zip library."""
    doc = new_document(letter.blocks[0].text if letter.blocks else "", letter.date)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    closing = 0
    for block in letter.blocks:
        p = doc.add_paragraph()
        run = p.add_run(block.text)
        if block.kind in ("title", "mark"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(22 if block.kind == "title" else 14)
            if block.kind == "title":
                run.font.name = TITLE_FONT
                _east_asian(run, TITLE_FONT)
        elif block.kind == "heading":
            run.bold = True
        elif block.kind in ("para", "item", "numbered"):
            p.paragraph_format.first_line_indent = Pt(28)
        elif block.kind == "closing":
            if closing == 0:
                p.paragraph_format.first_line_indent = Pt(28)
            closing += 1
        elif block.kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return docx_bytes(doc)


def render(letter: Letter, suffix: str) -> bytes:
    """The letter's file content for .txt (with a BOM, for Windows Notepad), .md, .docx or .pdf."""
    if suffix == ".docx":
        return to_docx(letter)
    if suffix == ".pdf":
        from yb_guide.letter import pdf

        return pdf.render(letter.blocks, letter.blocks[0].text if letter.blocks else "", letter.date)
    if suffix == ".txt":
        return to_text(letter).replace("\n", "\r\n").encode("utf-8-sig")  # CRLF: Notepad's line ends
    return to_markdown(letter).encode("utf-8")


def save(letter: Letter, path: Path, *, overwrite: bool = False) -> Path:
    """Write the letter as .txt, .md, .docx or .pdf, privately (0600) and whole (a temporary file, then
    renamed); an existing file is replaced only when ``overwrite``."""
    return save_as(path, FORMATS, lambda suffix: render(letter, suffix), "以 .txt、.md、.docx 或 .pdf 结尾",
                   private=True, overwrite=overwrite)


def save_as(path: Path, formats: tuple[str, ...], make, endings: str, *, private: bool, overwrite: bool) -> Path:
    """Write ``make(suffix)`` to ``path`` whole (``base.files.write_atomic``), when its suffix is one
    of ``formats``; ``private``: readable only by the user (personal data)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in formats:
        raise UserError(f"不支持的文件类型「{path.suffix or path.name}」。", hint=f"--out 的文件名{endings}")
    data = make(suffix)
    return write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), private=private, overwrite=overwrite)
