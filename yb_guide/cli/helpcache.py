"""Help screens kept as they were printed, so ``ybguide --help`` need not build every command again.

Showing help costs typer building all thirty commands' options and rich laying out its panels (about
25 ms, a quarter of a start).  What it prints depends only on the program (ybguide's code, typer's and
rich's), the words typed, and the console: whether it is a terminal, its size and encoding, and the
environment variables rich and typer read (colour, width, locale).  All of those make the key of a
cache file holding exactly what was written; a second start with the same key writes it again.  On
Windows nothing is kept: a legacy console gets its colours by calls rather than in the text.
"""

from __future__ import annotations

import os
import sys

# Environment variables that may change a help screen (rich: NO_COLOR, FORCE_COLOR, TERM, COLORTERM,
# COLUMNS, LINES, TTY_COMPATIBLE, JUPYTER_*; typer: TERMINAL_WIDTH, _TYPER_*, PY_COLORS, GITHUB_ACTIONS;
# gettext: LANG, LANGUAGE, LC_*; ybguide's own): every variable whose name contains one of these.
_ENV_WORDS = ("COLOR", "COLUMNS", "LINES", "TERM", "TTY", "TYPER", "JUPYTER", "JPY", "DATABRICKS", "GITHUB",
              "LANG", "LC_", "YBGUIDE", "PYTHONIOENCODING", "IPYTHON", "VSCODE")


def key(argv: list[str], prog_name: str) -> str | None:
    """The key of this help screen, or None when it is not a help screen kept here (not asked with a
    final --help after command names, or on Windows)."""
    if sys.platform == "win32" or not argv or argv[-1] not in ("--help", "-h"):
        return None
    if any(a.startswith("-") for a in argv[:-1]):
        return None
    import json

    import rich
    import typer

    from yb_guide.base import cache

    sizes = []
    for fd in (0, 1, 2):
        try:
            sizes.append(tuple(os.get_terminal_size(fd)))
        except (OSError, ValueError):
            sizes.append(None)
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if not encoding.startswith("utf"):  # click may write past a stream it finds misconfigured
        return None
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        return None
    libraries = []
    for folder, names in ((os.path.dirname(typer.__file__), ("__init__.py", "rich_utils.py", "core.py", "main.py")),
                          (os.path.dirname(rich.__file__), ("__init__.py", "console.py", "table.py", "panel.py"))):
        for name in names:
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                return None
            libraries.append((name, st.st_size, st.st_mtime_ns))
    env = sorted((k, v) for k, v in os.environ.items() if any(w in k.upper() for w in _ENV_WORDS))
    what = {"argv": argv, "prog": prog_name, "tty": tty, "sizes": sizes, "env": env, "libraries": libraries,
            "encoding": encoding, "errors": getattr(out, "errors", None),
            "stdin": getattr(sys.stdin, "__module__", None) if sys.stdin is not None else None,
            "python": sys.version}
    return cache.key_of("help", json.dumps(what, sort_keys=True, default=str))


def _path(k: str):
    from yb_guide.base.cache import cache_dir

    return cache_dir() / f"help-{k}.txt"


def replay(k: str) -> bool:
    """Write the help screen kept under ``k``; False when none is kept."""
    try:
        with open(_path(k), encoding="utf-8", newline="") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


class _Tee:
    """stdout as it is (a terminal stays a terminal to rich), remembering what was written.  Whoever
    reaches for its ``buffer`` might write past it: then nothing is kept."""

    def __init__(self, real):
        self._real, self.parts, self.bypassed = real, [], False

    def write(self, text):
        written = self._real.write(text)  # first: bytes raise here, as click's probe expects
        self.parts.append(text)
        return written

    def __getattr__(self, name):
        if name == "buffer":
            self.bypassed = True
        return getattr(self._real, name)


def record(k: str, show) -> int:
    """Run ``show()`` (which prints the help screen and returns an exit code) and keep what it wrote
    when it succeeded.  A cache that cannot be written costs speed, nothing else."""
    tee = _Tee(sys.stdout)
    sys.stdout = tee
    try:
        code = show()
    finally:
        if sys.stdout is tee:
            sys.stdout = tee._real
    if code == 0 and tee.parts and not tee.bypassed:
        from yb_guide.base.errors import UserError
        from yb_guide.base.files import write_atomic

        text = "".join(tee.parts)
        path = _path(k)

        def dump(tmp) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, dump)
        except (OSError, UserError, UnicodeEncodeError):
            pass
    return code
