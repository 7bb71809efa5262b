"""Refresh the example output in README.md and docs/manual.md.

Every ```console block that follows a line ``<!-- run: ybguide … -->`` is replaced
by ``$ ybguide …`` and what that command really prints (stdout and stderr,
100 columns, no colour), in order, starting from an empty ``.readme-home/`` for each
file so that the case examples (case add → case 1) come out the same every time.
``<!-- run: ybguide … | head 20 -->`` keeps the first 20 lines and says the rest is left out
(the README shows the start of long screens; the manual shows them whole).  Run it after
changing output or data:

    .venv/bin/python scripts/update_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = (ROOT / "README.md", ROOT / "docs" / "manual.md")
HOME = ROOT / ".readme-home"
BLOCK = re.compile(r"(<!-- run: (?P<cmd>ybguide[^\n]*?)(?: \| head (?P<head>\d+))? -->\n)```console\n.*?```", re.S)
LEFT_OUT = "……（后面略去；自己运行这条命令看完整的输出）"


def run(cmd: str, head: str | None = None) -> str:
    exe = Path(sys.executable).parent / "ybguide"
    args = shlex.split(cmd)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "YBGUIDE_HOME": str(HOME)}
    p = subprocess.run([str(exe), *args[1:]], capture_output=True, text=True, env=env, cwd=ROOT)
    # Paths of this checkout mean nothing to a reader: show them relative to the repository.
    out = (p.stdout + p.stderr).rstrip("\n").replace(str(ROOT) + os.sep, "")
    if head is not None and len(out.splitlines()) > int(head):
        out = "\n".join(out.splitlines()[:int(head)] + [LEFT_OUT])
    return out


def main() -> None:
    for path in FILES:
        shutil.rmtree(HOME, ignore_errors=True)  # the examples start with no cases
        text = path.read_text(encoding="utf-8")
        new = BLOCK.sub(lambda m: f"{m.group(1)}```console\n$ {m.group('cmd')}\n{run(m.group('cmd'), m.group('head'))}\n```",
                        text)
        path.write_text(new, encoding="utf-8")
        print(f"updated {len(BLOCK.findall(text))} examples in {path.relative_to(ROOT)}")
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    main()
