"""The running web page the benchmarks measure: start `ybguide serve` on a free port, read its memory.
(Shared by run.py and papers.py, so neither imports the other.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
YBGUIDE = str(BIN / ("ybguide.exe" if os.name == "nt" else "ybguide"))


def start_server(env: dict) -> tuple[subprocess.Popen, str, int]:
    """`ybguide serve` on a free loopback port: the process, its address host:port."""
    p = subprocess.Popen([YBGUIDE, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env=env, text=True, encoding="utf-8")
    line = p.stdout.readline()
    address = line.split("http://", 1)[1].split("/", 1)[0]
    host, port = address.rsplit(":", 1)
    return p, host, int(port)


def peak_memory_kib(pid: int, field: str = "VmHWM") -> int:
    """The server's peak (VmHWM) or present (VmRSS) resident memory, from /proc (Linux only)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0
