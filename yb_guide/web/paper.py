"""Files to print from the web page: a checklist as .docx or .pdf (what ``ybguide checklist --out``
writes), and the 授权委托书 from the letter form's fields (POST, made in memory, never stored).
No "today" on a checklist; ID numbers are not asked on a page: the 委托书 has lines for them."""

from __future__ import annotations

from urllib.parse import quote

from yb_guide.base.errors import UserError
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
    return _download(paper.render(built, "." + fmt), fmt, built.title, private=False)


POA_FIELDS = ("name", "agent_name", "agent_relation", "institution", "phone")


async def poa(request):
    """POST /letter/poa: the 授权委托书 from the letter form's names (a button of that form); for 行政复议
    when the form is set to the 行政复议申请书 (its matter and powers, 特别授权 only when ticked)."""
    from urllib.parse import parse_qs

    from yb_guide.calendar.dates import today_in_china
    from yb_guide.cases import journal
    from yb_guide.letter import clean, formats
    from yb_guide.letter.poa import build_poa
    from yb_guide.web.forms import MAX_FIELD, _docx_available

    body = (await request.body()).decode("utf-8", "replace")
    raw = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
    fields = {name: clean.text(raw[name]).strip()[:MAX_FIELD] for name in POA_FIELDS if (raw.get(name) or "").strip()}
    k, today = knowledge(), today_in_china()
    case = journal.with_changes(k, None, fields, today)  # a UserError is the form's error page
    # the form's kind says what the 委托书 is for: the 行政复议申请书's is for 复议 (its matter and powers)
    purpose = "reconsideration" if raw.get("kind") == "reconsideration" else "complaint"
    papers = {name: clean.text(raw.get(name) or "").strip()[:MAX_FIELD] or None
              for name in ("respondent", "decision_number")} if purpose == "reconsideration" else {}
    built = build_poa(k, case, today, reveal=True, purpose=purpose, special=purpose == "reconsideration"
                      and raw.get("special") == "1", respondent=papers.get("respondent"),
                      number=papers.get("decision_number"))
    fmt = raw.get("format") if raw.get("format") in ("docx", "txt") else "txt"
    if fmt == "docx" and not _docx_available():
        raise UserError("这台电脑上没有安装生成 Word 文件需要的 python-docx；请选文本文件（.txt）。")
    return _download(formats.render(built, "." + fmt), fmt, built.blocks[0].text, private=True)
