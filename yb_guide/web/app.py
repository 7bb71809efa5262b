"""The ASGI application: routes, the security headers on every response, the request size limit,
and Chinese pages for every error (never a traceback on the page)."""

from __future__ import annotations

from yb_guide.base.errors import UnknownIdError, UserError
from yb_guide.web.render import PageNotFound

# The letter form is the only body: every field at its limit (web.forms.LIMITS), all Chinese
# (9 bytes a character once encoded), fits; a browser's form never gets the 内容太长 page.
MAX_BODY = 128 * 1024
# No inline script or style anywhere (CSS and everything else from /static), so the strictest
# policy holds: nothing but this server.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def host_allowed(host_header: bytes | None) -> bool:
    """Is this the address a person typed (an IP address, localhost, this computer's name)?  Any
    other name is refused: a web site whose name an attacker points at 127.0.0.1 or the office PC
    ("DNS rebinding") must not be able to read the pages or post the letter form from a browser."""
    import ipaddress
    import socket

    if not host_header:
        return False
    host = host_header.decode("latin-1").strip().lower()
    if host.startswith("["):  # [::1]:8765
        host = host[1:host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.rsplit(":", 1)[0]
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    name = socket.gethostname().lower()
    return host in ("localhost", name, f"{name}.local") or host.endswith(".localhost")


def choose_region(cookie: bytes | None) -> None:
    """The region the person chose on the page (a cookie, ``/region``), for this request only; an
    unknown or missing one leaves the server's region (``ybguide serve --region``, else the saved
    one), found once here: a page asks for the region several times, and finding the saved one
    reads the settings file."""
    from http.cookies import SimpleCookie

    from yb_guide.base import paths
    from yb_guide.knowledge.packs import available
    from yb_guide.web.render import REGION_COOKIE

    chosen = None
    if cookie:
        jar = SimpleCookie()
        try:
            jar.load(cookie.decode("latin-1"))
        except Exception:  # a malformed cookie is no choice
            jar = SimpleCookie()
        if REGION_COOKIE in jar and jar[REGION_COOKIE].value.upper() in available(paths.data_dir()):
            chosen = jar[REGION_COOKIE].value.upper()
    paths.use_region(chosen or paths.region())


class Guard:
    """ASGI middleware around the whole application (its error pages too): the security headers on
    every response, only addresses a person typed (``host_allowed``), and no request body over
    MAX_BODY.  A body is read whole before the page sees it (only the letter form has one, a few
    KiB), so a larger one is refused before anything else."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        headers = dict(scope.get("headers") or [])
        choose_region(headers.get(b"cookie"))
        if not host_allowed(headers.get(b"host")):
            return await refused_host(scope, send_with_headers)
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return await too_large(scope, send_with_headers)
        if scope["method"] in ("GET", "HEAD") and length is None:
            return await self.app(scope, receive, send_with_headers)
        body, more = b"", True
        while more:  # chunked bodies have no Content-Length: count them as they come
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                return await too_large(scope, send_with_headers)
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()  # after the body: only the disconnect is left to wait for
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send_with_headers)


async def too_large(scope, send):
    from starlette.requests import Request

    from yb_guide.web.render import html

    form = scope["path"] in ("/letter", "/letter/poa")  # the only form that posts: back to it, not home
    response = html(Request(scope), "error.html", 413, title="内容太长",
                    message=f"提交的内容超过了 {MAX_BODY // 1024} KiB，没有处理。",
                    hint="按“返回”回到表单（写的经过、诉求等几段文字还在；姓名、电话等请再看一遍），"
                         "把最长的一栏删短一些再提交。" if form else None,
                    back="/letter" if form else "/", history=form)
    await response(scope, _no_body, send)


async def refused_host(scope, send):
    from starlette.requests import Request

    from yb_guide.web.render import html

    response = html(Request(scope), "error.html", 400, title="地址不对",
                    message="这个网页只能用电脑的 IP 地址（例如 http://192.168.1.5:8765/）或 localhost 打开。",
                    hint="请用 ybguide serve 启动时显示的地址打开。", back=None)
    await response(scope, _no_body, send)


async def _no_body():
    return {"type": "http.disconnect"}


def _error_page(status: int, title: str, message: str, back: str = "/"):
    async def handler(request, exc):
        from yb_guide.web.render import html

        text = (getattr(exc, "message", None) if isinstance(exc, (PageNotFound, UserError)) else None) or message
        if text.startswith(title + "："):  # the heading says it already
            text = text[len(title) + 1:]
        form = request.method == "POST" and request.url.path in ("/letter", "/letter/poa")  # back to the form as it was
        response = html(request, "error.html", status, title=title, message=text,
                        hint=getattr(exc, "hint", None), back="/letter" if form else getattr(exc, "back", back),
                        history=form)
        for name, value in (getattr(exc, "headers", None) or {}).items():  # a 405's Allow
            response.headers[name] = value
        return response

    return handler


CACHE_BYTES = 16 * 1024 * 1024  # the pages kept, their addresses and headers included
PAGE_BYTES = 512 * 1024  # a page larger than this is made again each time, never kept


class PageCache:
    """Pages kept by address, oldest used first out, bounded in bytes (not in pages): a page of
    50 KiB and one of 500 KiB do not weigh the same, and nobody on the Wi-Fi may grow the server by
    asking for many different addresses."""

    def __init__(self, limit: int = CACHE_BYTES):
        from collections import OrderedDict

        self.limit, self.size, self.pages = limit, 0, OrderedDict()

    def get(self, key):
        hit = self.pages.get(key)
        if hit is not None:
            self.pages.move_to_end(key)
        return hit

    def put(self, key, headers: list, body: bytes) -> None:
        weight = len(body) + sum(len(k) + len(v) for k, v in headers) + sum(len(str(x)) for x in key) + 200
        if weight > PAGE_BYTES or key in self.pages:
            return
        while self.pages and self.size + weight > self.limit:
            self.size -= self.pages.popitem(last=False)[1][2]
        self.pages[key] = (headers, body, weight)
        self.size += weight


def cached(handler, params, limit: int = CACHE_BYTES, *, heavy: bool = False):  # params: names, or a function giving them
    """The page ``handler`` makes, kept for the day by the parameters it reads (``params``) and
    大字: the same answers give the same page until midnight (Beijing time), so a busy window's
    phones do not render the same advice again and again.  Only for pages that depend on nothing
    but their address and the date (not the hall's checklist, which says whether the hall is open
    now).  Any other parameter in the address (a messenger's tracking tag, junk) is dropped: the
    page is sent to its clean address, so it is never kept twice, nor its junk.

    ``heavy``: a file that takes seconds to make (a checklist's PDF) and is the same in either text
    size: made in a worker thread (``_maker``), so the event loop keeps serving other pages
    meanwhile, one at a time (a lock: 32 people downloading at once make one file after another,
    not 32 at once in memory, and those asking for the same file get the one made), and kept once
    for both sizes."""
    import asyncio
    import weakref
    from urllib.parse import urlencode

    pages = PageCache(limit)
    known: frozenset = frozenset()
    locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # one lock for each event loop serving

    async def endpoint(request):
        nonlocal known
        if not known:
            known = frozenset(params() if callable(params) else params) | {"size"}
        from starlette.responses import RedirectResponse, Response

        from yb_guide.calendar.dates import today_in_china
        from yb_guide.web.render import BIG_COOKIE

        items = request.query_params.multi_items()
        kept = [(k, v) for k, v in items if k in known]
        if len(kept) < len(items):
            query = urlencode(kept, safe=":")
            return RedirectResponse(request.url.path + ("?" + query if query else ""), status_code=303)
        if request.query_params.get("size"):  # the 大字 switch of a form: sets a cookie, never kept
            return handler(request)
        from yb_guide.base.paths import region

        key = (request.url.path, request.url.query, not heavy and request.cookies.get(BIG_COOKIE) == "big",
               region(), today_in_china())
        hit = pages.get(key)
        if hit is not None:
            return Response(hit[1], status_code=200, headers=dict(hit[0]))
        if not heavy:
            return keep(key, handler(request))
        loop = asyncio.get_running_loop()
        async with locks.setdefault(loop, asyncio.Lock()):
            hit = pages.get(key)  # made while this request waited its turn
            if hit is not None:
                return Response(hit[1], status_code=200, headers=dict(hit[0]))
            return keep(key, await loop.run_in_executor(_maker(), _made, handler, request, region()))

    def keep(key, response):
        if response.status_code == 200 and "set-cookie" not in response.headers:
            pages.put(key, [(k, v) for k, v in response.headers.items() if k != "content-length"], response.body)
        return response

    endpoint.cache = pages  # for the tests: what is kept, and its weight
    return endpoint


_MAKER = None


def _maker():
    """The one thread the heavy files are made in: always the same thread, so the memory a PDF's
    making takes is reused by the next one (glibc gives each thread a heap of its own: a pool's
    threads in turn each kept ~70 MiB) and given back after each (``_give_back_memory``)."""
    global _MAKER
    if _MAKER is None:
        from concurrent.futures import ThreadPoolExecutor

        _MAKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ybguide-paper")
    return _MAKER


def _made(handler, request, region: str):
    """``handler``'s response in a worker thread: the region is the request's (``paths.use_region``
    holds it per thread), and the memory the file's making took goes back to the system after it
    (a PDF parses a 20 MB font)."""
    from yb_guide.base import paths

    paths.use_region(region)
    try:
        return handler(request)
    finally:
        _give_back_memory()


def _give_back_memory() -> None:
    """Return freed memory to the system (glibc keeps it otherwise: ~70 MiB after each PDF)."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (Windows, macOS): nothing to do
        pass


def create_app():
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from yb_guide.web import flows, forms, pages, paper
    from yb_guide.web.render import STATIC

    routes = [
        Route("/", pages.start),
        Route("/text-size", pages.text_size),
        Route("/region", pages.choose_region),
        Route("/channels", pages.channels_list),
        Route("/channels/{channel_id}", pages.channel_detail),
        Route("/checklists", pages.checklists_list),
        Route("/checklists/{checklist_id}", pages.checklist_detail),
        Route("/checklists/{checklist_id}/paper.{fmt}", cached(paper.checklist_file, ("acting",), heavy=True)),  # a PDF takes seconds
        Route("/faq", pages.faq_list),
        Route("/faq/{which}", pages.faq_one),
        Route("/calendar", pages.month),
        Route("/calendar/{year:int}", pages.year),
        Route("/sources", pages.sources),
        Route("/deadline", cached(forms.deadline, forms.deadline_params)),
        Route("/deadline.ics", forms.deadline_ics),
        Route("/letter", forms.letter, methods=["GET", "POST"]),
        Route("/letter/poa", forms.letter_poa, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        Route("/{flow_id}", cached(flows.question, flows.PARAMS)),
        Route("/{flow_id}/answers", cached(flows.answers, flows.PARAMS)),
        Route("/{flow_id}/result", cached(flows.result, flows.PARAMS)),
    ]
    handlers = {
        UnknownIdError: _error_page(404, "找不到这个页面", "找不到这个页面。"),
        UserError: _error_page(400, "输入有误", "输入有误。"),
        PageNotFound: _error_page(404, "找不到这个页面", "找不到这个页面。"),
        404: _error_page(404, "找不到这个页面", "找不到这个页面：地址可能抄错了，或者链接已经过时。"),
        405: _error_page(405, "不能这样打开", "这个页面不能这样打开。"),
        500: _error_page(500, "出错了", "程序内部出错，没能显示这个页面。请回到首页重试；一直出错的，请告诉维护者。"),
    }
    return Guard(Starlette(routes=routes, exception_handlers=handlers))
