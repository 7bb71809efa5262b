"""The two forms: the deadline calculator (GET, so a result can be bookmarked) and the complaint
letter (POST, so what a person writes is never in an address or a log; the file is made in memory
and sent, never stored).

Bad input follows the GOV.UK pattern: a summary of the errors at the top linking to each field,
the message again beside the field, and everything typed kept in the form."""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.web.render import calendar as served_calendar, html, knowledge, size_asked
from yb_guide.web.render import plan as served_plan

# How much one field of the letter form may hold, in characters (after cleaning: a line break is one):
# the form says it (``maxlength``, and a counter under the long ones), and more is an error beside the
# field with everything typed kept, never a letter with its end cut off.  All of them full of Chinese
# fit in one request (``app.MAX_BODY``).
LONG_FIELDS = {"summary": 3000, "reason": 3000, "asks": 1000, "evidence": 1000}
MAX_SHORT = 100  # a name, a date, a number, an institution
LIMITS = {"address": 200, **LONG_FIELDS}


def limit(name: str) -> int:
    return LIMITS.get(name, MAX_SHORT)


def over_limit(typed: dict[str, str], label) -> dict[str, str]:
    """The fields of ``typed`` longer than their limit -> the message said beside each."""
    errors = {}
    for name, value in typed.items():
        n, most = len(value.strip()), limit(name)
        if n > most:
            errors[name] = (f"{label(name)}最多 {most} 字，现在有 {n} 字，多了 {n - most} 字：请删短一些再提交"
                            f"（您写的内容都还在下面，一个字也没有删）。")
    return errors


def _message(err: UserError) -> str:
    return err.message + (f"（{err.hint}）" if err.hint else "")


def _short(err: UserError) -> str:
    """A date's error without the list of accepted forms: the form's hint says them once."""
    return err.message


# ---------------------------------------------------------------- deadlines

def deadline_params() -> tuple[str, ...]:
    """What the deadline page reads from an address: the dates, the situation, the form's fields."""
    from yb_guide.schedule.situation import FIELDS

    return (*served_plan().events.ids, *FIELDS, "channel", "complex", "today", "show", "go")


def _deadline_form(request) -> dict:
    """What the deadline form was sent: the values as typed, and which fields to show."""
    from yb_guide.schedule.situation import FIELDS

    events = served_plan().events
    q = request.query_params
    values = {e: (q.get(e) or "").strip() for e in events.ids}  # kept whole: _schedule says when too long
    return {
        "values": values,
        "situation": {f: (q.get(f) or "").strip() for f in FIELDS},
        "channel": (q.get("channel") or "").strip(),
        "complex": q.get("complex") == "1",
        "today": (q.get("today") or "").strip(),
        "show": [e for e in q.getlist("show") if e in events],
        # the 大字 switch sends the form back: show what was typed in the new size, compute nothing yet
        "sent": (any(values.values()) or "go" in q) and size_asked(request) is None,
    }


def _schedule(form: dict):
    """The schedule of the dates in the form, or the errors by field (None: the whole form): the
    library's one deadline request (``schedule.request``), as ``ybguide deadline`` makes it."""
    from yb_guide.schedule.request import DeadlineRequest, schedule_request

    events = served_plan().events
    typed = {**form["values"], **form["situation"], "channel": form["channel"], "today": form["today"]}
    long = over_limit(typed, lambda f: "今天" if f == "today" else "渠道" if f == "channel" else (
        events.date_label(f) if f in events else "涉及金额" if f == "amount" else "这一项"))
    if long:  # more than a date, a channel or an answer takes: said beside the field, never cut
        return None, None, None, long
    given = {e: text or None for e, text in form["values"].items()}  # an empty field is one not filled in
    answer = schedule_request(DeadlineRequest(events=given, situation=form["situation"],
                                              channel=form["channel"] or None, complex_case=form["complex"],
                                              today=form["today"] or None),
                              served_calendar(), plan=served_plan(),
                              name_of=lambda field: "今天" if field == "today" else events.date_label(field))
    # a date's error is one short line: the form's hint says the accepted forms once
    return answer.schedule, answer.plan, answer.calendar, {
        f: _short(e) if f == "today" or f in events else _message(e) for f, e in answer.errors.items()}


def deadline_payload(query: dict[str, str]) -> dict | None:
    """The payload the deadline page shows for these form fields (None: the form has errors)."""
    from yb_guide.views import dates as views

    form = _deadline_form(_Query(query))
    sched, plan, _, errors = _schedule(form)
    return views.deadline(sched, plan) if sched is not None else None


class _Query:
    """Form fields as a request's ``query_params`` (for ``deadline_payload``)."""

    def __init__(self, fields: dict[str, str]):
        self.query_params = _Params(fields)


class _Params(dict):
    def getlist(self, key: str) -> list[str]:
        return [self[key]] if key in self else []


def _dated(request, form: dict, sched):
    """The redirect to this address with each date as the day it means (ISO), when one was written
    another way (昨天, 5月6日, 2024/5/6): a bookmark or the .ics link then gives the same dates
    tomorrow; None when every date is ISO already."""
    from urllib.parse import urlencode

    from starlette.responses import RedirectResponse

    days = {e: sched.events[e].isoformat() for e, text in form["values"].items() if text and e in sched.events}
    if form["today"] and sched.today is not None:
        days["today"] = sched.today.isoformat()
    items = request.query_params.multi_items()
    dated = [(k, days.get(k, v) if v.strip() else v) for k, v in items]
    if dated == items:
        return None
    return RedirectResponse(request.url.path + "?" + urlencode(dated, safe=":"), status_code=303)


def deadline(request):
    from yb_guide.views import dates as views

    form = _deadline_form(request)
    p, errors, plan = None, {}, None
    if form["sent"]:
        sched, plan, _, errors = _schedule(form)
        if sched is not None:
            redirect = _dated(request, form, sched)
            if redirect is not None:
                return redirect
            p = views.deadline(sched, plan)
    shown = list(dict.fromkeys([*(form["show"] or ["filed"]), *(e for e, v in form["values"].items() if v),
                                *(e for e in errors if e in served_plan().events)]))
    title = ("错误：" if errors else "") + ("各个期限" if p else "算期限")
    channels = tuple((c.id, c.name) for c in knowledge().channels)
    ics = "/deadline.ics?" + request.url.query if p else None
    # the form's pieces are made once for each value (render.fragment): only strings, tuples and the plan
    return html(request, "deadline.html", 400 if errors else 200, title=title, p=p, form=form, errors=errors,
                shown=shown, labels=served_plan().events.labels, channels=channels, ics=ics,
                plan=plan or served_plan(), situation_chosen=tuple(form["situation"].items()),
                situation_errors=tuple((f, errors[f]) for f in form["situation"] if f in errors),
                size=size_asked(request), page_form="deadline-form", printable=p is not None)


def deadline_ics(request):
    """The same schedule as a calendar file (``ybguide deadline --ics``), made in memory."""
    from starlette.responses import RedirectResponse, Response

    from yb_guide.schedule.ics import build_ics

    form = _deadline_form(request)
    sched, plan, cal, errors = _schedule(form) if form["sent"] else (None, None, None, {None: ""})
    if sched is None:
        return RedirectResponse("/deadline?" + request.url.query, status_code=303)  # the form says what is wrong
    redirect = _dated(request, form, sched)
    if redirect is not None:
        return redirect
    return Response(build_ics(sched, plan, cal), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=\"deadlines.ics\"; "
                                                    "filename*=UTF-8''%E5%8C%BB%E4%BF%9D%E6%9C%9F%E9%99%90.ics",
                             "Cache-Control": "no-store"})


# ---------------------------------------------------------------- the letter

# The fields of `ybguide letter` a page may ask for: the letter's fields but the ID and card numbers.
from yb_guide.cases.model import LETTER_FIELDS as _ALL_LETTER_FIELDS, NUMBER_FIELDS  # noqa: E402

LETTER_FIELDS = tuple(f for f in _ALL_LETTER_FIELDS if f not in NUMBER_FIELDS)
LISTS = ("asks", "evidence")  # one item a line
# What the page writes: the complaint letter, or the 行政复议申请书 (``ybguide letter --kind …``).
KINDS = ("complaint", "reconsideration")
# The 行政复议申请书's own fields: case fields (the decision's dates, why the person disagrees) …
DECISION_FIELDS = ("decision_made", "decision_known", "reason")
# … and what is the letter's alone (``--respondent``, ``--decision-number``, ``--to``): free text.
PAPER_FIELDS = ("respondent", "decision_number", "to")
TYPED_FIELDS = (*LETTER_FIELDS, *DECISION_FIELDS, *PAPER_FIELDS)


def _letter_fields(raw: dict, names=LETTER_FIELDS) -> dict:
    out = {}
    for name in names:
        value = (raw.get(name) or "").strip()
        if name in LISTS:
            items = [line.strip() for line in value.splitlines() if line.strip()]
            if items:
                out[name] = items
        elif value:
            out[name] = value
    return out


def _docx_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("docx") is not None


SHORT = ("incident_date", "amount", "phone", "decision_made", "decision_known")  # the hint says their forms once
FORMATS = ("docx", "txt", "preview")


def _build(k, kind: str, fields: dict, papers: dict, today):
    """The letter of ``kind`` from the form's checked fields (what ``ybguide letter`` writes)."""
    from yb_guide.cases import journal
    from yb_guide.letter import build

    case = journal.with_changes(k, None, fields, today)
    if kind == "reconsideration":
        from yb_guide.letter.reconsideration import build_reconsideration

        return build_reconsideration(k, case, today, respondent=papers.get("respondent"), to=papers.get("to"),
                                     number=papers.get("decision_number"), more=fields.get("asks"))
    return build.build(k, case, today)


POA_FIELDS = ("name", "agent_name", "agent_relation", "institution", "phone")  # the 授权委托书's names


def _field_errors(k, fields: dict, today) -> dict:
    """Each field checked alone, so that its message sits beside it (as ``ybguide letter`` checks it)."""
    from yb_guide.cases import journal

    errors = {}
    for name, value in fields.items():
        alone = {name: value, **({"agent_name": fields["agent_name"]} if name == "agent_relation"
                                 and "agent_name" in fields else {})}  # a relation needs its person
        try:
            journal.with_changes(k, None, alone, today)
        except UserError as err:
            errors[name] = _short(err) if name in SHORT else _message(err)
    return errors


async def letter_poa(request):
    """POST /letter/poa: the 授权委托书 button of the letter form; checked and cleaned as the letter
    is, and a mistake is shown on the letter form beside its field, with everything typed kept."""
    return await letter(request, poa=True)


async def letter(request, poa: bool = False):
    from urllib.parse import parse_qs, quote

    from yb_guide.calendar.dates import today_in_china
    from yb_guide.letter import clean, formats
    from yb_guide.views import cases as views

    k = knowledge()
    today = today_in_china()
    typed = {name: "" for name in TYPED_FIELDS}
    errors: dict[str | None, str] = {}
    preview, size = None, None
    fmt = "docx" if _docx_available() else "txt"
    kind = request.query_params.get("kind") if request.query_params.get("kind") in KINDS else "complaint"
    special = False
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", "replace")
        raw = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
        # what was typed, cleaned as every letter is (letter.clean): the checks, the form shown again,
        # the preview and the files all see the same text
        raw.update({name: clean.text(raw.get(name) or "") for name in TYPED_FIELDS})
        typed.update({name: raw[name] for name in TYPED_FIELDS})
        kind = raw.get("kind") if raw.get("kind") in KINDS else "complaint"
        special = raw.get("special") == "1"
        # a download button beside the preview names its format; else the chosen one
        fmt = raw.get("download") if raw.get("download") in ("docx", "txt") else (
            raw.get("format") if raw.get("format") in FORMATS else "txt")
        size = size_asked(request, raw)
    if request.method == "POST" and size is None:  # the 大字 switch only shows the form again, bigger
        from yb_guide.cases.model import label

        names = POA_FIELDS if poa else (*LETTER_FIELDS, *(DECISION_FIELDS if kind == "reconsideration" else ()))
        papers = _letter_fields(raw, PAPER_FIELDS) if kind == "reconsideration" else {}
        errors.update(over_limit({n: typed[n] for n in (*names, *(PAPER_FIELDS if kind == "reconsideration" else ()))},
                                 lambda n: {"respondent": "被申请人", "decision_number": "决定书的文号",
                                            "to": "复议机关"}.get(n) or label(n)))
        fields = _letter_fields(raw, [n for n in names if n not in errors])
        errors.update(_field_errors(k, fields, today))
        made = "txt" if poa and fmt == "preview" else fmt  # the 委托书 has no preview: a file to print
        if made == "docx" and not _docx_available():
            errors["format"] = "这台电脑上没有安装生成 Word 文件需要的 python-docx；请选文本文件（.txt）。"
        if poa and not errors:
            from yb_guide.web.paper import poa_file

            return poa_file(k, fields, papers, today, kind, special, made)
        if not errors:
            try:
                built = _build(k, kind, fields, papers, today)
            except UserError as err:
                errors[err.field] = _message(err)
        if not errors and fmt != "preview":
            from starlette.responses import Response

            data = formats.render(built, "." + fmt)
            kinds = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "txt": "text/plain; charset=utf-8"}
            quoted = quote(built.blocks[0].text)  # 投诉信, 行政复议申请书
            return Response(data, media_type=kinds[fmt], headers={
                "Content-Disposition": f"attachment; filename=\"letter.{fmt}\"; filename*=UTF-8''{quoted}.{fmt}",
                "Cache-Control": "no-store"})
        if not errors:
            preview = views.letter(k, built, formats.to_text(built), None)
    blank = _build(k, "complaint", {}, {}, today)
    about = views.letter(k, blank, "", None)  # the envelope and the posting advice, as `ybguide letter` prints
    advice = _build(k, "reconsideration", {}, {}, today).advice  # how to hand in the 行政复议申请书
    from yb_guide.cases.model import LABELS

    what = k.letter_file.reconsideration.title if kind == "reconsideration" else k.letter.title
    title = ("错误：" if errors else "") + ("信的样子" if preview else "写" + what)
    response = html(request, "letter.html", 400 if errors else 200, title=title, typed=typed, errors=errors,
                    labels=LABELS, about=about, preview=preview, docx=_docx_available(), fmt=fmt,
                    fields=LETTER_FIELDS, lists=LISTS, size=size, page_form="letter-form", kind=kind,
                    what=what, decision_fields=DECISION_FIELDS, paper_fields=PAPER_FIELDS, special=special,
                    reconsideration_advice=advice, reconsideration_title=k.letter_file.reconsideration.title,
                    complaint_title=k.letter.title, limit=limit, counters=True)
    if request.method == "POST":  # it shows what was typed: no browser or proxy may keep it
        response.headers["Cache-Control"] = "no-store"
    return response
