"""The written complaint letter (书面投诉信) to the bureau's 信访办, built from a case.

The fixed wording is ``data/letter.yaml`` (the ``letter`` template in the
knowledge base); recipient, address and postcode come from the mail-letter
channel; the reminders printed with it come from the channel's notes and the
address correction.  A letter is a list of blocks; ``to_text``, ``to_markdown``
and ``write_docx`` lay the same blocks out for each format.

User text is put into the template in one pass (``fill``), so ``{name}`` typed
by a user stays ``{name}``; nothing here prints or knows about rich.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from yb_guide.cases import personal
from yb_guide.base.errors import UserError
from yb_guide.base.files import write_private

FORMATS = (".txt", ".md", ".docx")
INDENT = "\u3000\u3000"  # two full-width spaces: a Chinese paragraph's first-line indent
SIGN_INDENT = "\u3000" * 12  # signature and date sit on the right half of the page
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values) -> str:
    """Replace {name} placeholders in data text with values, once: a value is never read again,
    so user text containing braces comes out as typed."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def date_zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass
class Block:
    kind: str  # title, mark, addressee, salutation, para, heading, item, numbered, closing, sign
    text: str
    n: int | None = None  # a numbered item's number …
    item: str | None = None  # … and its text without the number (for Markdown's own lists)


@dataclass
class Letter:
    blocks: list[Block]
    envelope: list[str]
    advice: list[str]
    masked: bool  # the ID or card number is shown masked
    date: dt.date
    case_id: int | None = None
    facts: list[str] = field(default_factory=list)


def _facts(k, case) -> list[str]:
    """The facts in the order they happened: the incident, the complaint, each contact, the result."""
    t = k.letter.facts
    found: list[tuple[str, int, str]] = []  # (ISO date, order on that day, sentence)

    def sentence(parts) -> str:
        text = "，".join(p for p in parts if p)
        return text if text.endswith(("。", "！", "？", "…")) else text + "。"

    if case.incident_date or case.place or case.institution or case.summary or case.amount:
        where = case.place or case.institution
        parts = [date_zh(case.incident_date) if case.incident_date else None,
                 fill(t.incident_place, place=where) if where else None,
                 case.institution if case.place and case.institution and case.institution != case.place else None,
                 case.summary]
        text = sentence(parts) if any(parts) else ""
        if case.amount:
            text += sentence([fill(t.amount, amount=personal.amount_text(case.amount))])
        day = (case.incident_date or case.filed or dt.date.min).isoformat()
        found.append((day, 0, text))
    # A case filed by letter is this letter itself: no "I complained on…" line for it.
    if case.filed and case.channel and k.channel(case.channel).kind != "mail":
        parts = [date_zh(case.filed), fill(t.filed, channel=k.channel(case.channel).name),
                 fill(t.ticket, ticket=case.ticket) if case.ticket else None,
                 fill(t.staff, staff=case.staff) if case.staff else None]
        found.append((case.filed.isoformat(), 1, sentence(parts)))
    from yb_guide.cases.journal import LOG_KINDS

    for entry in case.log:
        if entry.auto:
            continue  # ybguide's own notes (closed, letter written) are not facts
        day = dt.date.fromisoformat(entry.at[:10])
        found.append((entry.at, 2, sentence([date_zh(day) + fill(t.log, kind=LOG_KINDS[entry.kind], text=entry.text)])))
    if case.result_received:
        found.append((case.result_received.isoformat() + " 99", 3, sentence([date_zh(case.result_received), t.result])))
    found.sort(key=lambda f: (f[0][:10], f[1], f[0]))
    return [text for _, _, text in found]


def build(k, case, today: dt.date, *, reveal: bool = False, subject: str | None = None) -> Letter:
    """The letter for ``case`` (a stored case, or one made from options), dated ``today``."""
    t = k.letter
    channel = k.channel(t.channel)
    contact = channel.contact
    blank = t.blank

    def shown(number):
        if not number:
            return blank
        return number if reveal else personal.mask(number)

    if subject is None:
        subject = fill(t.subject_institution, institution=case.institution) if case.institution else t.subject_default
    b: list[Block] = [
        Block("title", t.title),
        Block("mark", t.mark),
        Block("addressee", fill(t.addressee, recipient=contact.recipient, address=contact.address,
                                postcode=contact.postcode)),
        Block("salutation", fill(t.salutation, recipient=contact.recipient)),
        Block("para", fill(t.opening, name=case.name or blank, subject=subject)),
        Block("heading", t.headings.complainant),
        Block("item", f"{t.labels.name}：{case.name or blank}"),
        Block("item", f"{t.labels.id_number}：{shown(case.id_number)}"),
        Block("item", f"{t.labels.card_number}：{shown(case.card_number)}"),
        Block("heading", t.headings.respondent),
        Block("item", case.institution or blank),
        Block("heading", t.headings.facts),
    ]
    facts = _facts(k, case)
    if facts:
        b += [Block("numbered", fill(t.numbered_item, n=i, item=f), i, f) for i, f in enumerate(facts, 1)]
    else:
        b.append(Block("item", t.facts.none))
    b.append(Block("heading", t.headings.demands))
    if case.asks:
        b += [Block("numbered", fill(t.numbered_item, n=i, item=a), i, a) for i, a in enumerate(case.asks, 1)]
    else:
        examples = "、".join(k.note(t.demands_note).examples)
        b.append(Block("item", fill(t.demands_hint, examples=examples)))
        b += [Block("numbered", fill(t.numbered_item, n=i, item=blank), i, blank) for i in (1, 2)]
    b.append(Block("heading", t.headings.evidence))
    evidence = case.evidence or [blank] * 3
    b += [Block("item", fill(t.evidence_item, n=i, item=e)) for i, e in enumerate(evidence, 1)]
    b += [
        Block("heading", t.headings.contact),
        Block("para", t.contact_intro),
        Block("item", f"{t.labels.phone}：{case.phone or blank}"),
        Block("item", f"{t.labels.address}：{case.address or blank}"),
        Block("para", t.truth),
        *(Block("closing", line) for line in t.closing),
        Block("sign", t.signature + blank),
        Block("sign", date_zh(today)),
    ]
    envelope = [fill(line, postcode=contact.postcode, address=contact.address, recipient=contact.recipient,
                     name=case.name or blank, phone=case.phone or blank, sender_address=case.address or blank)
                for line in t.envelope]
    advice = [*channel.notes, k.correction(t.correction).advice]
    masked = not reveal and bool(case.id_number or case.card_number)
    return Letter(b, envelope, advice, masked, today, case.id, facts)


# ---------------------------------------------------------------- layouts


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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: str) -> str:
    """Escape Markdown's special characters, so text shows as typed when the file is rendered."""
    return _MD_SPECIAL.sub(r"\\\1", text)


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
            out += [f"<p align=\"right\">{text}</p>", ""]
        else:
            out += ["", text, ""]
    md = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", md).strip() + "\n"


def write_docx(letter: Letter, path: Path) -> None:
    """A Word file that prints well (宋体, centred title, indented paragraphs)."""
    try:
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Pt
    except ImportError:
        raise UserError("要生成 Word 文件（.docx），需要先安装 python-docx。",
                        hint='运行 .venv/bin/pip install ".[docx]"；或改用 --out 投诉信.txt / 投诉信.md') from None
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    closing = 0
    for block in letter.blocks:
        p = doc.add_paragraph()
        run = p.add_run(block.text)
        if block.kind in ("title", "mark"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(18 if block.kind == "title" else 12)
        elif block.kind == "heading":
            run.bold = True
        elif block.kind in ("para", "item", "numbered"):
            p.paragraph_format.first_line_indent = Pt(24)
        elif block.kind == "closing":
            if closing == 0:
                p.paragraph_format.first_line_indent = Pt(24)
            closing += 1
        elif block.kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(path))


def save(letter: Letter, path: Path) -> Path:
    """Write the letter as .txt, .md or .docx, privately (0600) and whole (a temporary file, then renamed)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"不支持的文件类型「{path.suffix or path.name}」。", hint="--out 的文件名以 .txt、.md 或 .docx 结尾")

    def write(tmp: Path) -> None:
        if suffix == ".docx":
            write_docx(letter, tmp)
        else:
            text = to_text(letter) if suffix == ".txt" else to_markdown(letter)
            # A .txt gets a BOM so that Windows Notepad shows the Chinese text correctly.
            tmp.write_text(text, encoding="utf-8-sig" if suffix == ".txt" else "utf-8")

    return write_private(path, write)
