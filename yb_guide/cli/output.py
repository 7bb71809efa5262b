"""The one output path: every command that prints data hands a payload here.

A payload is plain JSON-able data (dicts, lists, strings, numbers) from ``views``.
With ``--json`` it is printed as JSON; otherwise a renderer turns *the same payload*
into rich renderables, so the two never disagree.  User text reaches rich only
as ``rich.text.Text`` or escaped, never as markup.
"""

from __future__ import annotations

import os
import sys

def prepare_streams() -> None:
    """Never crash on a console that cannot show a character (a GBK console, say):
    unencodable characters become '?' instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if enc and not enc.startswith("utf") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or detached stream
                pass


def console():
    """A rich console for the current stdout (made per call: tests and pipes swap stdout)."""
    from rich.console import Console

    from yb_guide.cli.render.wrap import install

    install()
    # Piped output gets a fixed width (COLUMNS if set) so files and tests are stable.
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 100)
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False, width=width,
                   no_color=bool(os.environ.get("NO_COLOR")) or None)


def to_json(payload) -> str:
    import json

    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def emit(payload, renderer, *, as_json: bool) -> None:
    """Print ``payload`` as JSON, or as the renderables ``renderer(payload)`` gives (the renderer of
    the same name in ``cli.render``; it imports rich only when it draws, so ``--json`` never does)."""
    if as_json:
        sys.stdout.write(to_json(payload) + "\n")
        return
    out = console()
    parts = renderer(payload)
    # crop off: renderers keep every line within the width, except a path too long for any line,
    # which runs on whole (kit.with_paths) rather than being cut off at the edge.
    if out.is_terminal:
        for part in parts:
            out.print(part, crop=False)
        return
    # Piped or redirected: drop the padding rich adds to the end of lines.
    with out.capture() as captured:
        for part in parts:
            out.print(part, crop=False)
    sys.stdout.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")


def emit_text(text: str) -> None:
    """Plain text (Markdown, a letter): written as is, never through rich markup."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_document(text: str) -> None:
    """A document shown on screen (a letter): its lines kept as written, but broken to fit a terminal
    (or COLUMNS) with the same rules as every other screen; redirected to a file, it is left whole."""
    width = None
    if sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size().columns
    elif os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    if width:
        from rich.cells import cell_len

        from yb_guide.cli.render.wrap import divide_line

        lines = []
        for line in text.rstrip("\n").split("\n"):
            if cell_len(line) <= width:
                lines.append(line)
                continue
            offsets = [0, *divide_line(line, width), len(line)]
            lines += [line[a:b].rstrip() for a, b in zip(offsets, offsets[1:])]
        text = "\n".join(lines) + "\n"
    emit_text(text)


def error(message: str, hint: str | None = None) -> None:
    """A one-line error on stderr: what was wrong, then what is accepted."""
    line = f"错误：{message}" + (f"（{hint}）" if hint else "")
    sys.stderr.write(line.replace("\n", " ") + "\n")


def emit_summary(payload: dict, *, as_json: bool) -> None:
    """A run's summary on stderr (stdout may be carrying the data, e.g. a CSV)."""
    if as_json:
        sys.stderr.write(to_json(payload) + "\n")
        return
    for line in payload["lines"]:
        sys.stderr.write(line + "\n")
