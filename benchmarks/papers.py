"""The printable files of the web page under load: does a checklist's PDF block other pages, and how
much memory do 32 downloads at once take?

    .venv/bin/python benchmarks/papers.py       # also run by benchmarks/run.py --only web

1. /faq alone, then /faq while a checklist PDF is being made (the first PDF of a fresh server);
2. 32 clients at once each downloading one checklist file (PDF and .docx, with and without the
   代办 items, half of them in 大字) on a fresh server: the time, and the server's peak memory.
Reports figures; asserts nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import tempfile
import time
from pathlib import Path

from bench_server import peak_memory_kib, start_server


async def get(host: str, port: int, path: str, big: bool = False) -> tuple[int, int, float]:
    """One GET on its own connection: status, body length, seconds."""
    t = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    cookie = "Cookie: ybguide_text=big\r\n" if big else ""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{cookie}Connection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), len(body), time.perf_counter() - t


def checklist_ids() -> list[str]:
    from yb_guide.knowledge import loader

    return [c.id for c in loader.get().checklists]


async def faq_during_pdf(host: str, port: int, checklist: str) -> tuple[float, float, float]:
    alone = min([(await get(host, port, "/faq"))[2] for _ in range(5)])
    pdf = asyncio.create_task(get(host, port, f"/checklists/{checklist}/paper.pdf"))
    await asyncio.sleep(0.3)  # the PDF is being made
    during = (await get(host, port, "/faq?q=报销"))[2]
    return alone, during, (await pdf)[2]


async def downloads(host: str, port: int, ids: list[str], count: int) -> list[tuple[int, int, float]]:
    paths = [(f"/checklists/{ids[i % len(ids)]}/paper.{'pdf' if i % 4 < 3 else 'docx'}"
              + ("?acting=1" if (i // len(ids)) % 2 else ""), i % 2 == 1) for i in range(count)]
    return await asyncio.gather(*(get(host, port, p, big) for p, big in paths))


def tree_rss_kib(pid: int) -> int:
    """The resident memory of ``pid`` and every process under it, now (Linux)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += peak_memory_kib(p, "VmRSS")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            pass
    return total


async def watched(work, pid: int):
    """``work``'s result, and the most memory the process tree of ``pid`` held meanwhile (every 20 ms)."""
    task, most = asyncio.ensure_future(work), 0
    while not task.done():
        most = max(most, tree_rss_kib(pid))
        await asyncio.sleep(0.02)
    return await task, most


def web_papers(env: dict, count: int = 32) -> None:
    ids = checklist_ids()
    proc, host, port = start_server(env)
    try:
        alone, during, pdf = asyncio.run(faq_during_pdf(host, port, ids[0]))
        print(f"   /faq alone {alone * 1000:.1f} ms; while a checklist PDF is made ({pdf:.1f} s): "
              f"{during * 1000:.1f} ms   target < 200 ms: {'met' if during < 0.2 else 'NOT met'}")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    proc, host, port = start_server(env)
    try:
        base = peak_memory_kib(proc.pid, "VmRSS")
        t = time.perf_counter()
        answers, tree = asyncio.run(watched(downloads(host, port, ids, count), proc.pid))
        elapsed = time.perf_counter() - t
        peak, after = peak_memory_kib(proc.pid), peak_memory_kib(proc.pid, "VmRSS")
        bad = sum(1 for status, _, _ in answers if status != 200)
        print(f"   {count} checklist downloads at once (PDF and .docx, 代办 or not, half in 大字): {elapsed:.1f} s, "
              f"slowest {max(a[2] for a in answers):.1f} s, errors {bad}; server memory {base / 1024:.0f} MiB at start, "
              f"peak {peak / 1024:.0f} MiB, {after / 1024:.0f} MiB after   target peak < 150 MiB: "
              f"{'met' if peak < 150 * 1024 else 'NOT met'}; the server with the processes it started "
              f"(a PDF is made in one of its own): at most {tree / 1024:.0f} MiB together")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        web_papers({**os.environ, "YBGUIDE_CACHE_DIR": str(Path(tmp) / "cache"),
                    "YBGUIDE_HOME": str(Path(tmp) / "home"), "NO_COLOR": "1"})
