"""Templates: one Jinja2 environment (autoescape on: user text is always escaped), the context every
page shares (the 大字 setting, the address of the page) and the web's form of a next step (a link
where the command line shows a command)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

from yb_guide.views.common import UNVERIFIED_MARK, confirm_text, left_text, phone_first_text, status_text

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
BIG_COOKIE = "ybguide_text"  # "big": 大字, kept across pages without JavaScript
REGION_COOKIE = "ybguide_region"  # the region the person chose (/region): CN-SX, CN …
_env = None
_PLAIN = re.compile(r"[A-Za-z0-9_.~:-]*").fullmatch  # what quote_plus(safe=":") leaves as it is


class PageNotFound(Exception):
    """An address that names no page: an unknown question, option, channel, checklist or FAQ."""

    def __init__(self, message: str, back: str = "/"):
        super().__init__(message)
        self.message, self.back = message, back


def env():
    global _env
    if _env is None:
        from jinja2 import FileSystemLoader

        _env = _environment()(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                           lstrip_blocks=True, auto_reload=False)
        _env.filters["tel_links"] = tel_links
        _env.globals.update(MARK=UNVERIFIED_MARK, status_text=status_text, confirm_text=confirm_text,
                            left_text=left_text, phone_first_text=phone_first_text, flow_url=flow_url, next_link=next_link, deadline_url=deadline_url,
                            fragment=fragment)
    return _env


def _environment():
    """Jinja2's Environment, reading ``p.title`` of a payload (a dict) straight from its key.

    Jinja tries the attribute first and the key after it; a dict has no attribute ``title``, so each
    such lookup raised and caught an AttributeError (some hundreds a page).  A name that is not an
    attribute of dict is looked up as a key at once: the same value (or the same undefined) as before."""
    from jinja2 import Environment

    dict_attributes = frozenset(dir(dict))

    class PayloadEnvironment(Environment):
        def getattr(self, obj, attribute):
            if type(obj) is dict and attribute not in dict_attributes:
                try:
                    return obj[attribute]
                except (KeyError, TypeError):  # missing, or not a str key: Jinja's own way, its undefined
                    pass
            return super().getattr(obj, attribute)

    return PayloadEnvironment


# A phone number written in advice: a hotline (12393, 12345), a mobile, a fixed line with its area code.
_PHONE = re.compile(r"(?<![\d-])(12\d{3}|1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?![\d-])")


def tel_links(text: str):
    """``text`` escaped, with each phone number in it a ``tel:`` link (a tap calls it on a phone)."""
    from markupsafe import Markup, escape

    return Markup(_PHONE.sub(lambda m: f'<a href="tel:{m.group(1).replace("-", "")}">{m.group(1)}</a>',
                             str(escape(text))))


FRAGMENTS = 4096  # pieces of pages kept (a few hundred bytes each): bounded, whoever asks
_fragments: dict = {}


def fragment(template: str, **context):
    """A piece of a page (``template``) made from ``context`` alone, kept and reused while the page
    is served: a deadline page is new for each address, but its form is mostly the same fields with
    the same labels, options and (empty) values, and making them again was a third of the page's time.

    ``context`` holds strings, numbers, None and tuples of them, which are the key as they are, or
    objects kept for as long as the server serves them (the plan's questions, the knowledge's
    channels), which count by identity and are held by the piece so that identity stays theirs.
    Oldest pieces go first past FRAGMENTS."""
    from markupsafe import Markup

    key = (template, *((name, value if value is None or isinstance(value, (str, int, float, tuple)) else id(value))
                       for name, value in context.items()))
    hit = _fragments.get(key)
    if hit is None:
        while len(_fragments) >= FRAGMENTS:
            del _fragments[next(iter(_fragments))]
        hit = _fragments[key] = (Markup(env().get_template(template).render(**context)), tuple(context.values()))
    return hit[0]


def flow_url(flow_id: str, answers, page: str = "", **extra) -> str:
    """The address of a flow's state: /choose?answer=problem:fraud&answer=… (page: answers, result)."""
    query = [f"answer={_quoted(q)}:{_quoted(o)}" for q, o in answers]
    query += [f"{_quoted(k)}={_quoted(str(v))}" for k, v in extra.items() if v is not None]
    path = f"/{flow_id}" + (f"/{page}" if page else "")
    return path + ("?" + "&".join(query) if query else "")


def _quoted(text: str) -> str:
    """``text`` as ``urlencode(..., safe=":")`` writes it: the ids of the data (a-z, 0-9, -) as they
    are, without quoting them one character at a time (a page has dozens of these links)."""
    return text if _PLAIN(text) else quote_plus(text, safe=":")


def deadline_url(events=(), **fields) -> str:
    """The deadline form with the fields of ``events`` shown (and any values given)."""
    query = [("show", e) for e in events] + [(k, v) for k, v in fields.items() if v]
    return "/deadline" + ("?" + urlencode(query, safe=":") if query else "")


def next_link(k, action: dict) -> dict | None:
    """A next step of an outcome (an action of the payload) as a link: where, its text and why."""
    kind = action["action"]
    if kind == "flow":
        return {"href": flow_url(action["flow"], action["answers"]), "text": k.flow(action["flow"]).title,
                "why": action["why"]}
    if kind == "checklist":
        acting = "?acting=1" if action.get("acting") else ""  # someone acting: the 代办 items in the list
        return {"href": f"/checklists/{quote(action['id'])}{acting}", "text": f"材料清单：{action['title']}",
                "why": action["why"]}
    if kind == "channel":
        return {"href": f"/channels/{quote(action['id'])}", "text": k.channel(action["id"]).name, "why": action["why"]}
    if kind == "deadline":
        return {"href": deadline_url(action["events"], channel=action.get("channel")), "text": "算期限",
                "why": action["why"]}
    if kind == "letter":  # the 复议 application has a form of its own; a 复查 request is written from a case
        if action.get("kind") == "行政复议申请书":
            return {"href": "/letter?kind=reconsideration", "text": "写行政复议申请书", "why": action["why"]}
        return None
    raise ValueError(kind)  # pragma: no cover - views make only these


def here(request) -> str:
    """This page's own address (path and query), for the 大字 switch to come back to."""
    query = request.url.query
    return request.url.path + ("?" + query if query else "")


def size_asked(request, posted: dict | None = None) -> str | None:
    """"big" or "normal" when the 大字 switch of a form was pressed (the form sent back with
    ``size``), else None: the page then shows what was typed, in the new size, and checks nothing."""
    size = (posted if posted is not None else request.query_params).get("size")
    return size if size in ("big", "normal") else None


def set_size(response, size: str) -> None:
    """Keep the text size for a year (a cookie: no JavaScript, nothing else stored)."""
    if size == "big":
        response.set_cookie(BIG_COOKIE, "big", max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    else:
        response.delete_cookie(BIG_COOKIE)


def html(request, template: str, status: int = 200, *, size: str | None = None, **context):
    """The page ``template`` with ``context``; ``size`` (from ``size_asked``): the 大字 switch of
    the page's form was pressed, so the page comes back in that size and keeps it."""
    from starlette.responses import HTMLResponse

    big = (size == "big") if size else request.cookies.get(BIG_COOKIE) == "big"
    from yb_guide.views.common import region

    k = knowledge()
    text = env().get_template(template).render(request_path=request.url.path, here=here(request), big=big,
                                               k=k, region=region(k), **context)
    response = HTMLResponse(text, status_code=status)
    if size:
        set_size(response, size)
        response.headers["Cache-Control"] = "no-store"
    return response


_calendars: dict | None = None


def calendar():
    """The working-day calendar, read once while the page is served (as its templates are): every
    deadline page needs it, and checking its files again on each request costs more than the page."""
    global _calendars
    from yb_guide.base import cache
    from yb_guide.calendar import workdays

    if _calendars is None:
        _calendars = cache.memo()
    if "calendar" not in _calendars:
        _calendars["calendar"] = workdays.get_calendar()
    return _calendars["calendar"]


_plans: dict | None = None


def plan():
    """The deadline plan of the knowledge being served, made once for it: kept beside that knowledge
    object, so another knowledge (another data folder) gets its own plan."""
    global _plans
    from yb_guide.base import cache

    if _plans is None:
        _plans = cache.memo()
    k = knowledge()
    hit = _plans.get(id(k))
    if hit is None or hit[0] is not k:
        from yb_guide.schedule.deadlines import get_plan

        hit = _plans[id(k)] = (k, get_plan())
    return hit[1]


def knowledge():
    from yb_guide.knowledge import loader

    return loader.get()
