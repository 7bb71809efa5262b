"""``ybguide serve``: start the local web page and say where to open it (the web package itself
never prints: the lines are said here, through the command line's output)."""

from __future__ import annotations

import sys

from yb_guide.cli.output import emit_text

WARNING = "注意：同一网络里的任何人都能打开这个网页；不用时按 Ctrl-C 停止。"


def run(host: str, port: int, open_browser: bool) -> None:
    from yb_guide.cli.frame import collect_as_usual
    from yb_guide.web import server

    collect_as_usual()  # a server runs for days: its garbage is collected as Python usually does

    sock = server.bind(host, port)  # a taken port: one Chinese line (UserError), before anything else
    port = server.port_of(sock)
    urls = server.urls(host, port)
    if not server.is_open_to_network(host):
        emit_text(f"ybguide 本地网页已经启动：{urls[0]}")
        emit_text("在这台电脑的浏览器里打开上面的地址。按 Ctrl-C 停止。")
    else:
        emit_text("ybguide 本地网页已经启动。")
        emit_text(f"在这台电脑上打开：{urls[0]}")
        lan = urls[1:]
        if lan:
            emit_text(f"同一网络（同一个 Wi-Fi）里的手机打开：{lan[0]}（或用手机扫下面的二维码）")
            for other in lan[1:]:
                emit_text(f"  打不开时试试：{other}")
            emit_text(server.qr_text(lan[0], ansi=sys.stdout.isatty()))
        else:
            emit_text(f"没有找到这台电脑在局域网里的地址：请在电脑的网络设置里查看 IP 地址，"
                      f"再在手机上打开 http://IP地址:{port}/")
        emit_text(WARNING)
    sys.stdout.flush()  # the address must show now, not when the server stops
    if open_browser:
        import webbrowser

        try:
            opened = webbrowser.open(urls[0])
        except Exception:  # no browser here (a server without a screen): say so, go on serving
            opened = False
        if not opened:
            emit_text(f"没能打开浏览器：请自己在浏览器里打开 {urls[0]}")
            sys.stdout.flush()
    try:
        server.run(sock)
    except KeyboardInterrupt:  # uvicorn has shut down cleanly and passes the Ctrl-C on
        pass
    emit_text("本地网页已经停止。")
