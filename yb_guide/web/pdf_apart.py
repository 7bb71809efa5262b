"""A checklist's PDF made in a process of its own (``python -m yb_guide.web.pdf_apart``), which ends
after the one file: fpdf2 reads the 20 MB Chinese font whole for each file (~200 MiB while it works),
and memory a process has used is not given back to the system until it ends, so ``ybguide serve``'s
own stays small.  The paper goes in as a JSON file (its title, date and blocks: a checklist, nothing
a person typed), the PDF comes out as a file beside it, in a folder of its own removed after; a
missing font's message and hint come out as JSON with exit status 3.  A plain process, not
``multiprocessing``: nothing of the server's ``__main__`` is run again in it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FAILED = 3  # the exit status of a UserError (its message and hint on stdout, as JSON)


def make(built) -> bytes:
    """The PDF of the paper ``built`` (``letter.paper.Paper``), made by a process of its own."""
    from dataclasses import asdict

    from yb_guide.base.errors import UserError

    import tempfile

    paper = {"title": built.title, "date": built.date.isoformat(), "blocks": [asdict(b) for b in built.blocks]}
    with tempfile.TemporaryDirectory(prefix="ybguide-pdf-") as folder:
        given, made = Path(folder) / "paper.json", Path(folder) / "paper.pdf"
        given.write_text(json.dumps(paper), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "yb_guide.web.pdf_apart", str(given), str(made)],
                              capture_output=True, timeout=120)
        if done.returncode == FAILED:
            said = json.loads(made.read_text(encoding="utf-8"))
            raise UserError(said["message"], hint=said["hint"])
        if done.returncode != 0:
            raise RuntimeError(f"the PDF process ended with {done.returncode}: {done.stderr[-2000:]!r}")
        return made.read_bytes()


def _main(given: str, made: str) -> int:
    import datetime as dt

    from yb_guide.base.errors import UserError
    from yb_guide.letter import pdf
    from yb_guide.letter.build import Block

    paper = json.loads(Path(given).read_text(encoding="utf-8"))
    try:
        data = pdf.render([Block(**b) for b in paper["blocks"]], paper["title"], dt.date.fromisoformat(paper["date"]))
    except UserError as err:
        Path(made).write_text(json.dumps({"message": err.message, "hint": err.hint}), encoding="utf-8")
        return FAILED
    Path(made).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:3]))
