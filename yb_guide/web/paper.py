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
    data = pdf_apart(built) if fmt == "pdf" else paper.render(built, "." + fmt)
    return _download(data, fmt, built.title, private=False)


_APART = None


def pdf_apart(built) -> bytes:
    """The PDF of the paper ``built``, made in a process of its own that ends after it: fpdf2 reads
    the 20 MB Chinese font whole for each file (~200 MiB while it works), and memory a process has
    used is not given back to the system until it ends, so the server's own stays small (the page
    caches the file for the day: a few processes a day).  Called from the one thread that makes the
    heavy files (``app.cached``), so one such process at a time."""
    global _APART
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from yb_guide.base.errors import UserError

    if _APART is None:
        # forkserver: each process forks from a small one that has imported fpdf2 already (a
        # fraction of a second, not a whole start-up); Windows has only spawn
        kinds = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in kinds else "spawn")
        if "forkserver" in kinds:
            context.set_forkserver_preload(["yb_guide.letter.paper", "yb_guide.letter.pdf", "fpdf"])
        _APART = ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1)
    try:
        made, value = _APART.submit(_pdf, built).result()
    except BrokenProcessPool:  # the process was killed (out of memory): the next file starts another
        _APART = None
        raise
    if not made:
        raise UserError(value[0], hint=value[1])
    return value


def _pdf(built) -> tuple[bool, object]:
    """In the process of its own: the PDF's bytes, or a missing font's message and hint."""
    from yb_guide.base.errors import UserError
    from yb_guide.letter import paper

    try:
        return True, paper.render(built, ".pdf")
    except UserError as err:
        return False, (err.message, err.hint)


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
