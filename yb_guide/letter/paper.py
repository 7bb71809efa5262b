"""A checklist on paper for a resident to take home: A4, large print, a box to tick for each thing
to bring, where to go and how to reach the channel (with whether anybody confirmed it), the notes
and the source.  No command line and no "today" on it: the day to go is there only when asked.

The items come from data/channels.yaml; the paper's own words from ``checklist_paper`` in
data/letter.yaml.  Saved as .docx (python-docx) or .pdf (``letter.pdf``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from yb_guide.letter.build import Block, fill

FORMATS = (".docx", ".pdf")
HIDDEN_CONTACT = ("hours_open", "hours_close")  # numbers for hall-hours; the paper shows ``hours``


@dataclass
class Paper:
    title: str
    blocks: list[Block]
    date: dt.date  # the file's date (its properties), never printed
    box: str = "□"  # before each thing to bring, where the box is a character (Word)


def checklist_paper(k, checklist_id: str, today: dt.date, *, acting: bool = False,
                    day_line: str | None = None) -> Paper:
    """The checklist ``checklist_id`` (an id or a name people use) as a printed page.  ``acting``:
    with what someone acting for the insured person also brings; ``day_line``: whether the hall is
    open on the day the person means to go (a sentence the caller makes), printed only when given."""
    from yb_guide.knowledge.labels import CONTACT_LABELS, FORM_LABELS, NEED_LABELS
    from yb_guide.knowledge.lookup import find_checklist
    from yb_guide.knowledge.sources import STATUS_LABELS, cite

    t = k.letter_file.checklist_paper
    cl = k.checklist(find_checklist(k, checklist_id))
    b = [Block("title", cl.title), Block("para", without_commands(cl.purpose)), Block("heading", t.items_heading)]
    for item in cl.items:
        if item.when == "acting" and not acting:
            continue
        b.append(Block("check", fill(t.item, item=item.item, form=FORM_LABELS[item.form], need=NEED_LABELS[item.need])))
        b.append(Block("why", without_commands(item.why)))
    left = [i.item for i in cl.items if i.when == "acting"] if not acting else []
    if left:
        b.append(Block("para", fill(t.acting_also, items="、".join(left))))
    if cl.channel:
        channel = k.channel(cl.channel)
        contact = channel.contact
        b += [Block("heading", t.contact_heading), Block("para", channel.name)]
        shown = [(key, getattr(contact, key)) for key in CONTACT_LABELS if getattr(contact, key, None)
                 and key not in HIDDEN_CONTACT]
        b += [Block("item", f"{CONTACT_LABELS[key]}：{value}") for key, value in shown]
        if shown:
            status = STATUS_LABELS[channel.status]
            if channel.status == "verified":
                b.append(Block("item", fill(t.checked, status=status, checked=channel.checked.isoformat())))
            else:
                b.append(Block("warn", fill(t.unchecked, what=t.unchecked_what, status=status,
                                             confirm_by=k.main.scope.confirm_by)))
    if day_line:
        b += [Block("heading", t.day_heading), Block("para", day_line)]
    if cl.notes:
        b += [Block("heading", t.notes_heading), *(Block("item", f"· {without_commands(n)}") for n in cl.notes)]
    b.append(Block("small", fill(t.source, source=cite(k.document(cl.source.doc), cl.source),
                                 status=STATUS_LABELS[cl.status])))
    return Paper(cl.title, b, today, t.box)


_CLAUSE = re.compile(r"[^；。]*[；。]?")


def without_commands(text: str) -> str:
    """A resident's paper names no command: the clauses of ``text`` that do (…；ybguide letter … 可以写好。)
    are left out, and what is left ends as a sentence."""
    kept = [c for c in _CLAUSE.findall(text) if c and "ybguide" not in c]
    out = "".join(kept).rstrip("；")
    return out + "。" if out and not out.endswith(("。", "！", "？")) else out


# ---------------------------------------------------------------- files

BODY_PT, TITLE_PT = 16, 24  # large print: 三号 body, 小一 title


def to_docx(paper: Paper) -> bytes:
    """Word, A4, 黑体 (plain strokes read best in large print), a □ before each thing to bring."""
    from yb_guide.letter.formats import _east_asian, docx_bytes, new_document

    doc = new_document(paper.title, paper.date, body_pt=BODY_PT, font="黑体")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for block in paper.blocks:
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        run = p.add_run(f"{paper.box} {block.text}" if block.kind == "check" else block.text)
        if block.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold, run.font.size = True, Pt(TITLE_PT)
        elif block.kind in ("heading", "check", "warn"):
            run.bold = True
            fmt.space_before = Pt(10 if block.kind != "warn" else 6)
            if block.kind == "heading":
                run.font.size = Pt(BODY_PT + 2)
        elif block.kind in ("why", "item"):
            fmt.left_indent = Pt(BODY_PT * 2)
            if block.kind == "why":
                run.font.size = Pt(BODY_PT - 2)
        elif block.kind == "small":
            run.font.size = Pt(12)
            fmt.space_before = Pt(12)
        _east_asian(run, "黑体")
    return docx_bytes(doc)


def render(paper: Paper, suffix: str) -> bytes:
    if suffix == ".docx":
        return to_docx(paper)
    from yb_guide.letter import pdf

    return pdf.render(paper.blocks, paper.title, paper.date)


def save(paper: Paper, path: Path, *, overwrite: bool = False) -> Path:
    """Write the paper as .docx or .pdf, whole (a temporary file, then renamed); an existing file
    is replaced only when ``overwrite``."""
    from yb_guide.letter.formats import save_as

    return save_as(path, FORMATS, lambda suffix: render(paper, suffix), "以 .docx 或 .pdf 结尾，如 清单.pdf",
                   private=False, overwrite=overwrite)
