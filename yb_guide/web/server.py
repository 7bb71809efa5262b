"""Starting the local web page: the socket, the address to open, its QR code, and uvicorn.

The command line (``ybguide serve``) calls these in order and prints what they return; nothing here
prints.  The socket is bound here, before uvicorn runs, so a port that is taken is one Chinese line
(``UserError``) and not uvicorn's English log and exit.
"""

from __future__ import annotations

import errno
import socket
import sys

from yb_guide.base.errors import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# Every address a machine listens on for "--host 0.0.0.0" / "::": the page is then open to the network.
ANY_HOSTS = ("0.0.0.0", "::", "")
_IN_USE = {errno.EADDRINUSE, 10048}  # 10048: WSAEADDRINUSE on Windows


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: any free port, for tests)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that say
    # they are TCP; with it on, a page sent in two writes waits ~40 ms for the phone's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share a port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # connections wait here until uvicorn serves them
    except OSError as err:
        sock.close()
        if err.errno in _IN_USE or (err.errno == errno.EACCES and port < 1024):
            why = "已被占用（可能是另一个 ybguide serve 还开着）" if err.errno in _IN_USE else "需要管理员权限"
            raise UserError(f"端口 {port} {why}。",
                            hint=f"换一个端口再试，例如 ybguide serve --port {port + 1 if port < 65535 else 8766}") from None
        raise UserError(f"无法在地址 {host} 上打开网页（{err.strerror or err}）。",
                        hint="不写 --host 时只在本机打开；让同一网络里的手机打开，写 --host 0.0.0.0") from None
    return sock


def port_of(sock: socket.socket) -> int:
    return sock.getsockname()[1]


def is_open_to_network(host: str) -> bool:
    """Whether other machines can reach the page (anything but a loopback address)."""
    if host in ANY_HOSTS:
        return True
    return not (host.startswith("127.") or host in ("localhost", "::1"))


def lan_addresses() -> list[str]:
    """This machine's addresses on the local network (IPv4), found without sending anything.

    Connecting a UDP socket sends no packet: it only asks the system which interface a packet to
    that address would leave from (192.0.2.1 is TEST-NET-1, documentation only, never routed).  The
    host name's addresses are the fallback when there is no route at all."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM):
            found.append(str(info[4][0]))
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith(("127.", "0.", "169.254."))]


def urls(host: str, port: int) -> list[str]:
    """The addresses to open: this machine's own, then (when open to the network) the LAN ones."""
    local = host if not is_open_to_network(host) else "127.0.0.1"
    if ":" in local:
        local = f"[{local}]"
    out = [f"http://{local}:{port}/"]
    if host in ANY_HOSTS:
        out += [f"http://{a}:{port}/" for a in lan_addresses()]
    elif is_open_to_network(host):
        out.append(f"http://{f'[{host}]' if ':' in host else host}:{port}/")
    return out


def qr_text(url: str, *, ansi: bool) -> str:
    """The QR code of ``url`` as terminal text: ANSI colours (black on white, whatever the
    terminal's colours, so every phone camera reads it) or, for a file or pipe, half blocks."""
    import io

    import segno

    buf = io.StringIO()
    segno.make(url, error="m", micro=False).terminal(out=buf, border=2, compact=not ansi)
    return buf.getvalue()


def run(sock: socket.socket, app=None) -> None:
    """Serve until Ctrl-C.  No access log: addresses carry answers and dates, and nothing a person
    types may end up in a log; warnings and errors only."""
    import uvicorn

    if app is None:
        from yb_guide.web.app import create_app

        app = create_app()
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off",
                            proxy_headers=False, timeout_graceful_shutdown=3, timeout_keep_alive=5)
    uvicorn.Server(config).run(sockets=[sock])
