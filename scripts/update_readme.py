"""Refresh the example output in README.md.

Every ```console block that follows a line ``<!-- run: ybguide … -->`` is replaced
by ``$ ybguide …`` and what that command really prints (stdout and stderr,
100 columns, no colour), in order, starting from an empty ``.readme-home/`` so that
the case examples (case add → case 1) come out the same every time.  Run it after
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
README = ROOT / "README.md"
HOME = ROOT / ".readme-home"
BLOCK = re.compile(r"(<!-- run: (?P<cmd>ybguide[^\n]*?) -->\n)```console\n.*?```", re.S)


def run(cmd: str) -> str:
    exe = Path(sys.executable).parent / "ybguide"
    args = shlex.split(cmd)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "YBGUIDE_HOME": str(HOME)}
    p = subprocess.run([str(exe), *args[1:]], capture_output=True, text=True, env=env, cwd=ROOT)
    # Paths of this checkout mean nothing to a reader: show them relative to the repository.
    return (p.stdout + p.stderr).rstrip("\n").replace(str(ROOT) + os.sep, "")


def main() -> None:
    shutil.rmtree(HOME, ignore_errors=True)  # the examples start with no cases
    text = README.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: f"{m.group(1)}```console\n$ {m.group('cmd')}\n{run(m.group('cmd'))}\n```", text)
    README.write_text(new, encoding="utf-8")
    print(f"updated {len(BLOCK.findall(text))} examples in README.md")


if __name__ == "__main__":
    main()
