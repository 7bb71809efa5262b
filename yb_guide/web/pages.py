"""The reference pages: start, channels, checklists, FAQ, calendar, sources, and the 大字 switch.

Each page takes the payload the matching command prints (``views.<subject>.<function>``) and hands
it to the template of the same name."""

from __future__ import annotations

import datetime as dt

from yb_guide.base.errors import UnknownIdError, UserError
from yb_guide.web.render import PageNotFound, calendar, html, knowledge, set_size


def start(request):
    return html(request, "start.html", title="首页")


def text_size(request):
    """大字 on or off: a cookie for a year, then back to the page the link was on (this site only)."""
    from starlette.responses import RedirectResponse

    back = request.query_params.get("back") or "/"
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"  # never send anyone to another site
    response = RedirectResponse(back, status_code=303)
    set_size(response, "big" if request.query_params.get("size") == "big" else "normal")
    return response


def choose_region(request):
    """The region: the list to choose from (GET /region), or the choice (GET /region?set=CN), a
    cookie for a year, then back to the page the link was on."""
    from starlette.responses import RedirectResponse

    from yb_guide.base.paths import data_dir
    from yb_guide.knowledge.packs import available, names, resolve
    from yb_guide.web.render import REGION_COOKIE

    wanted = (request.query_params.get("set") or "").upper()
    if not wanted:
        return html(request, "region.html", title="选择参保地", regions=names(data_dir()),
                    back=request.query_params.get("back") or "/")
    back = request.query_params.get("back") or "/"
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"  # never send anyone to another site
    response = RedirectResponse(back, status_code=303)
    try:
        wanted = resolve(data_dir(), wanted)  # a name (全国) → its id (CN)
    except UserError:
        wanted = ""
    if wanted in available(data_dir()):
        response.set_cookie(REGION_COOKIE, wanted, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    return response


def _not_found(err: UserError, back: str):
    return PageNotFound(err.message, back=back)


def channels_list(request):
    from yb_guide.views import channels as views

    return html(request, "channels_list.html", title="投诉渠道", p=views.channels_list(knowledge()))


def channel_detail(request):
    from yb_guide.views import channels as views

    try:
        p = views.channel_detail(knowledge(), request.path_params["channel_id"])
    except UnknownIdError as err:
        raise _not_found(err, "/channels") from None
    return html(request, "channel_detail.html", title=p["name"], p=p)


def checklists_list(request):
    from yb_guide.views import channels as views

    return html(request, "checklists_list.html", title="材料清单", p=views.checklists_list(knowledge()))


def checklist_detail(request):
    from yb_guide.calendar.dates import now_in_china
    from yb_guide.views import channels as views

    try:
        # ?acting=1: the items someone acting for the insured person (代办) also brings; in the address,
        # so the page can be bookmarked and shared like every other answer
        acting = request.query_params.get("acting") == "1"
        p = views.checklist_page(knowledge(), request.path_params["checklist_id"], now_in_china().replace(tzinfo=None),
                                 acting=acting)
    except UnknownIdError as err:
        raise _not_found(err, "/checklists") from None
    return html(request, "checklist_detail.html", title=p["title"], p=p, printable=True)


def faq_list(request):
    from yb_guide.views import channels as views

    query = (request.query_params.get("q") or "").strip()[:100]
    return html(request, "faq_list.html", title="常见问答", p=views.faq_list(knowledge(), query or None))


def faq_one(request):
    from yb_guide.views import channels as views

    try:
        p = views.faq_one(knowledge(), request.path_params["which"])
    except UserError as err:
        raise _not_found(err, "/faq") from None
    return html(request, "faq_one.html", title=p["question"], e=p)


def month(request):
    """A month of the calendar (?month=2026-10, as `ybguide calendar 2026-10` reads it)."""
    from yb_guide.calendar.dates import parse_month, today_in_china
    from yb_guide.views import dates as views

    cal = calendar()
    typed = (request.query_params.get("month") or "").strip()
    today = today_in_china()
    try:
        y, m = parse_month(typed) if typed else (today.year, today.month)
        cal.check(dt.date(y, m, 1), "月份")
    except UserError as err:
        errors = {"month": err.message + (f"（{err.hint}）" if err.hint else "")}
        return html(request, "month.html", 400, title="错误：月历", p=None, typed=typed, errors=errors)
    p = views.month(cal, y, m)
    before, after = dt.date(y, m, 1) - dt.timedelta(days=1), dt.date(y, m, 28) + dt.timedelta(days=4)
    nav = {"prev": f"{before.year}-{before.month:02d}" if before >= cal.first else None,
           "next": f"{after.year}-{after.month:02d}" if after.replace(day=1) <= cal.last else None}
    return html(request, "month.html", title=f"{y}年{m}月", p=p, typed=typed, errors={}, nav=nav)


def year(request):
    from yb_guide.views import dates as views

    cal = calendar()
    y = request.path_params["year"]
    try:
        cal.check(dt.date(y, 1, 1), f"{y} 年")
    except (UserError, ValueError, OverflowError) as err:
        raise PageNotFound(getattr(err, "message", f"没有 {y} 年的日历。"), back="/calendar") from None
    return html(request, "year.html", title=f"{y}年放假与调休安排", p=views.year(cal, y),
                years=[x for x in (y - 1, y + 1) if cal.first.year <= x <= cal.last.year])


def sources(request):
    from yb_guide.views import sources as views

    unverified = request.query_params.get("unverified") == "1"
    p = views.sources(knowledge(), unverified_only=unverified)
    return html(request, "sources.html", title="来源", p=p)
