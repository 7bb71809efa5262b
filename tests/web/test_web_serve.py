"""`ybguide serve` as a person starts it: the address (and for a network, the QR code and the
warning), a taken port, --open, Ctrl-C, nothing personal in its output, and the other commands'
start-up untouched by the web page's libraries."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import installed_ybguide
from webpage import Served

pytestmark = pytest.mark.skipif(os.name == "nt", reason="signals as on a POSIX terminal")


def test_serve_says_where_to_open_it_and_stops_cleanly_on_ctrl_c():
    s = Served()
    try:
        assert s.lines[0].startswith("ybguide 本地网页已经启动：http://127.0.0.1:")
        assert "山西医保问题指南" in s.get("/")
        marker = "隐私测试王某某"
        s.get("/faq?q=" + urllib.request.quote(marker))
        letter = s.post("/letter", ("name=" + urllib.request.quote(marker) + "&format=txt").encode())
        assert marker in letter.decode("utf-8-sig")
    finally:
        code, out, err = s.stop()
    assert code in (0, 130), (code, err)
    assert "Traceback" not in out + err and "本地网页已经停止" in out
    assert marker not in out + err and "GET /" not in out + err  # no access log, no personal data


def test_serve_on_the_network_prints_the_phone_address_its_qr_code_and_a_warning():
    s = Served("--host", "0.0.0.0")
    try:
        text = "\n".join(s.lines)
        assert "同一网络里的任何人都能打开这个网页" in text
        if "手机打开：" in text:
            phone = re.search(r"手机打开：(http://[\d.]+:\d+/)", text).group(1)
            assert not phone.startswith("http://127.")
            assert text.count("█") > 50  # the QR code (half blocks when the output is not a terminal)
        else:
            assert "没有找到这台电脑在局域网里的地址" in text
    finally:
        code, _, err = s.stop()
    assert code in (0, 130) and "Traceback" not in err


def test_the_qr_code_is_a_square_of_modules():
    from yb_guide.web.server import qr_text

    lines = qr_text("http://192.168.1.20:8765/", ansi=False).rstrip("\n").split("\n")
    assert len({len(line) for line in lines}) == 1 and len(lines[0]) >= 25
    assert "\x1b[" in qr_text("http://192.168.1.20:8765/", ansi=True)


def test_a_taken_port_is_one_chinese_line_with_another_port_to_try():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        p = subprocess.run([installed_ybguide(), "serve", "--port", str(port)], capture_output=True, text=True,
                           encoding="utf-8", timeout=60)
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and f"端口 {port}" in p.stderr and f"--port {port + 1}" in p.stderr
    assert "Traceback" not in p.stderr


def test_the_socket_says_it_is_tcp_so_pages_are_not_held_back_by_nagle():
    """asyncio sets TCP_NODELAY only on sockets made with IPPROTO_TCP; without it every page waited
    ~40 ms for a delayed ACK (benchmarks/run.py: 1,100 instead of 9,000 requests a second)."""
    from yb_guide.web.server import bind

    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def test_open_starts_the_browser_on_the_address(tmp_path):
    opened = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    s = Served("--open", env={"BROWSER": f"{sys.executable} {script} %s"})
    try:
        for _ in range(100):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
        assert opened.read_text() == s.url
    finally:
        s.stop()


def test_other_commands_do_not_load_the_web_libraries():
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "yb_guide", "deadline", "--filed", "2024-05-06",
                        "--json"], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert p.returncode == 0, p.stderr[-500:]
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    assert "yb_guide" in loaded
    assert not loaded & {"starlette", "jinja2", "uvicorn", "segno", "anyio", "h11"}, loaded & {"starlette", "jinja2", "uvicorn", "segno"}


def test_a_long_address_from_a_messenger_is_sent_to_the_clean_page_and_a_huge_one_refused():
    """A link shared through a messenger comes back with tracking tags (a few KiB): the running
    server (with the HTTP parser it really uses) sends it to the page's clean address.  An address
    of 100 KB is no link a person follows: it is refused (400) and the server goes on serving."""
    import http.client

    s = Served()
    try:
        host, port = s.url.split("//", 1)[1].rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/choose?answer=problem:fraud&from=singlemessage&tag=" + "x" * 8000)
        r = conn.getresponse()
        r.read()
        assert r.status == 303 and r.getheader("location") == "/choose?answer=problem:fraud"
        conn.close()
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            raw.sendall(b"GET /choose?junk=" + b"x" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            head = b""
            try:
                while b"\r\n" not in head:
                    chunk = raw.recv(4096)
                    if not chunk:
                        break
                    head += chunk
            except ConnectionResetError:  # refused before the whole address was read
                pass
        assert head == b"" or head.split(b" ")[1] in (b"303", b"400"), head[:80]
        assert "山西医保问题指南" in s.get("/")  # still serving
    finally:
        code, out, err = s.stop()
    assert "Traceback" not in out + err, err


def test_the_server_reads_http_with_the_c_parser():
    """httptools is installed with ybguide, so uvicorn reads requests with it (not h11): the pages
    that are new for each address (benchmarks/run.py) need the time it saves."""
    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    assert AutoHTTPProtocol.__name__ == "HttpToolsProtocol"
