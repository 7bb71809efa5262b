"""The guided flows as pages: one question a page, the answers kept in the address.

A flow's state is its list of answers (``knowledge.flows.resolve`` does the rest), written in the
query as ``answer=question:option`` (``/choose?answer=problem:fraud``), so the back button, bookmarks
and a link sent to a relative all work, with no session and nothing stored.  The pages:

- ``/choose?answer=…``: the next question (``&change=q`` asks ``q`` again, its answer ticked);
  the question's form sends the answers so far as hidden fields and ``asked=q``, then is redirected
  to the clean address of where the answers lead;
- ``/choose/answers?answer=…``: 您的回答, each with a 修改 link;
- ``/choose/result?answer=…``: the outcome (``views.flows.flow_result``, as ``ybguide choose`` shows it).
"""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.knowledge.flows import resolve
from yb_guide.web.render import PageNotFound, flow_url, html, knowledge, size_asked

PARAMS = ("answer", "change", "asked")  # what the flow pages read from an address (and 大字's size)


def _flow(request):
    try:
        return knowledge().flow(request.path_params["flow_id"])
    except UserError:
        raise PageNotFound("找不到这个页面：地址可能抄错了，或者链接已经过时。") from None


def _answers(request, flow) -> list[tuple[str, str]]:
    from yb_guide.knowledge.flows import parse_answer

    out = []
    for text in request.query_params.getlist("answer"):
        try:
            out.append(parse_answer(text))  # the command line's reader: problem:fraud or problem=fraud
        except UserError:
            raise PageNotFound(f"地址里的回答「{text}」看不懂。", back=f"/{flow.id}") from None
    return out


def _position(flow, answers):
    """Where the answers lead; an unknown question or option (a mistyped or outdated link) is a 404."""
    try:
        return resolve(flow, answers)
    except UserError as err:
        raise PageNotFound(f"地址里的回答有误：{err.message}", back=f"/{flow.id}") from None


def _redirect(url: str):
    from starlette.responses import RedirectResponse

    return RedirectResponse(url, status_code=303)


def _clean_url(flow, pos) -> str:
    """Where a state belongs: the question it asks (answers given for later questions kept, so a
    changed answer does not lose them), or the 您的回答 page with only the answers used."""
    if pos.asking is None:
        return flow_url(flow.id, pos.answers, "answers")
    return flow_url(flow.id, [*pos.answers, *pos.unused])


def question(request):
    from yb_guide.views import flows as views

    flow = _flow(request)
    answers = _answers(request, flow)
    change = request.query_params.get("change")
    asked = request.query_params.get("asked")
    pos = _position(flow, answers)
    if change is not None:  # 修改: ask this question again with its answer ticked
        given = dict(answers)
        others = [a for a in answers if a[0] != change]
        done = pos.outcome is not None
        pos = _position(flow, others)
        if change not in given or pos.asking is None or pos.asking.id != change:
            raise PageNotFound("地址里要修改的问题不在这次的回答里。", back=flow_url(flow.id, answers, "answers"))
        # 返回 goes where the person came from: 您的回答 when every question was answered, else the
        # question before this one (its answer ticked too)
        return _page(request, flow, pos, views.flow_question(pos), selected=given[change], hidden=others,
                     back=flow_url(flow.id, answers, "answers") if done else _back(flow, pos))
    size = size_asked(request)
    if asked is not None and size is not None:  # 大字 pressed on the question: ask it again, the choice kept
        others = [a for a in answers if a[0] != asked]
        pos = _position(flow, others)
        if pos.question is not None and pos.question.id == asked:
            return _page(request, flow, pos, views.flow_question(pos), selected=dict(answers).get(asked),
                         hidden=others, back=_back(flow, pos), size=size)
    if asked is not None:
        if pos.asking is not None and pos.asking.id == asked:  # sent without choosing
            return _page(request, flow, pos, views.flow_question(pos), hidden=answers, status=400,
                         error="请选择一项。", back=_back(flow, pos))
        return _redirect(_clean_url(flow, pos))
    if pos.asking is None:  # the outcome and the facts it asks (acting for someone …) are known
        return _redirect(_clean_url(flow, pos))
    return _page(request, flow, pos, views.flow_question(pos), hidden=answers, back=_back(flow, pos))


def _back(flow, pos) -> str:
    """The page before this question: the question before it with its answer ticked (the later
    answers kept), or the start page."""
    if not pos.path:
        return "/"
    return flow_url(flow.id, [*pos.answers, *pos.unused], change=pos.answers[-1][0])


def _page(request, flow, pos, q: dict, *, hidden, back: str, selected=None, error=None, status=200, size=None):
    title = ("错误：" if error else "") + f"{q['text']} · {flow.title}"
    return html(request, "flow_question.html", status, title=title, q=q, hidden=hidden, selected=selected,
                error=error, back=back, action=f"/{flow.id}", page_form="question-form", size=size)


def _outcome(request, flow, page: str):
    from yb_guide.views import flows as views

    pos = _position(flow, _answers(request, flow))
    if pos.asking is not None or pos.unused:
        return None, _redirect(_clean_url(flow, pos) if pos.asking is not None else flow_url(flow.id, pos.answers, page))
    from yb_guide.calendar.dates import today_in_china

    from yb_guide.web.render import calendar, plan

    return views.flow_result(knowledge(), pos, today=today_in_china(), plan=plan(), calendar=calendar()), None


def answers(request):
    """您的回答: every answer with a link to change it, then the way on to the advice."""
    flow = _flow(request)
    p, redirect = _outcome(request, flow, "answers")
    if redirect is not None:
        return redirect
    given = [tuple(a) for a in p["replay"]["answers"]]
    rows = [{**a, "change": flow_url(flow.id, given, change=a["question"])} for a in p["answers"]]
    return html(request, "flow_answers.html", title=f"您的回答 · {flow.title}", p=p, rows=rows,
                result=flow_url(flow.id, given, "result"), back=flow_url(flow.id, given, change=given[-1][0]))


def result(request):
    flow = _flow(request)
    p, redirect = _outcome(request, flow, "result")
    if redirect is not None:
        return redirect
    given = [tuple(a) for a in p["replay"]["answers"]]
    changes = {a["question"]: flow_url(flow.id, given, change=a["question"]) for a in p["answers"]}
    return html(request, "flow_result.html", title=f"{p['outcome']['title']} · {flow.title}", p=p, changes=changes,
                answers_url=flow_url(flow.id, given, "answers"), printable=True)
