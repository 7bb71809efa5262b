"""Files to print from the web page: a checklist as .docx or .pdf (what ``ybguide checklist --out``
writes), and the 授权委托书 from the letter form's fields (POST, made in memory, never stored).
No "today" on a checklist; ID numbers are not asked on a page: the 委托书 has lines for them."""

from __future__ import annotations

from urllib.parse import quote

from yb_guide.web.render import PageNotFound, knowledge

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "txt": "text/plain; charset=utf-8"}


def _download(data: bytes, fmt: str, name: str, *, private: bool):
    from starlette.responses import Response

    headers = {"Content-Disposition": f"attachment; filename=\"paper.{fmt}\"; filename*=UTF-8''{quote(name)}.{fmt}"}
    if private:
        headers["Cache-Control"] = "no-store"
    return Response(data, media_type=MEDIA[fmt], headers=headers)


def checklist_file(request):
    """/checklists/{id}/paper.docx or .pdf (?acting=1: with what someone acting also brings)."""
    from yb_guide.base.errors import UnknownIdError
    from yb_guide.calendar.dates import today_in_china
    from yb_guide.letter import paper

    fmt = request.path_params["fmt"]
    if "." + fmt not in paper.FORMATS:
        raise PageNotFound("没有这种文件：只有 .docx 和 .pdf。", back="/checklists")
    acting = request.query_params.get("acting") == "1"
    try:
        built = paper.checklist_paper(knowledge(), request.path_params["checklist_id"], today_in_china(), acting=acting)
    except UnknownIdError as err:
        raise PageNotFound(err.message, back="/checklists") from None
    if fmt == "pdf":  # seconds and ~200 MiB: in a process of its own, which gives the memory back
        from yb_guide.web import pdf_apart

        data = pdf_apart.make(built)
    else:
        data = paper.render(built, "." + fmt)
    return _download(data, fmt, built.title, private=False)


def poa_file(k, fields: dict, papers: dict, today, kind: str, special: bool, fmt: str):
    """The 授权委托书 from the letter form's checked, cleaned names (``forms.letter_poa``, the button
    of that form); for 行政复议 when the form is set to the 行政复议申请书 (its matter and powers,
    特别授权 only when ticked)."""
    from yb_guide.cases import journal
    from yb_guide.letter import formats
    from yb_guide.letter.poa import build_poa

    case = journal.with_changes(k, None, fields, today)
    purpose = "reconsideration" if kind == "reconsideration" else "complaint"
    built = build_poa(k, case, today, reveal=True, purpose=purpose, special=purpose == "reconsideration" and special,
                      respondent=papers.get("respondent"), number=papers.get("decision_number"))
    return _download(formats.render(built, "." + fmt), fmt, built.blocks[0].text, private=True)
