"""Where the data files are (kept apart from ``knowledge`` so finding them imports nothing heavy)."""

from __future__ import annotations

import os
from pathlib import Path

# The files of the knowledge base, loaded and cross-checked together.
DATA_FILES = ("sources.yaml", "channels.yaml", "reimbursement_faq.yaml", "deadlines.yaml", "flows.yaml", "letter.yaml",
              "search.yaml")


_chosen: Path | None = None


def use_data_dir(d: Path | str | None) -> None:
    """Set the data folder for this process (``ybguide --data-dir``): the knowledge base, the
    deadline rules and the calendar overrides then all come from it."""
    global _chosen
    _chosen = Path(d) if d is not None else None


def data_dir(override: Path | str | None = None) -> Path:
    """``override``, else the folder chosen with ``use_data_dir``, else YBGUIDE_DATA_DIR, else the
    copy inside the installed package, else ``data/`` beside the package in a source checkout."""
    if override is not None:
        return Path(override)
    if _chosen is not None:
        return _chosen
    env = os.environ.get("YBGUIDE_DATA_DIR")
    if env:
        return Path(env)
    here = package_root()
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent / "data"


_root: list[Path] = []


def package_root() -> Path:
    """The ``yb_guide`` folder (this file is in ``yb_guide/base/``); resolved once (a web page
    asks for it several times a request)."""
    if not _root:
        _root.append(Path(__file__).resolve().parent.parent)
    return _root[0]


def data_files(d: Path | str) -> list[Path]:
    return [Path(d) / name for name in DATA_FILES]


def user_home() -> Path:
    """The user's data folder (the case journal, imported holiday notices): YBGUIDE_HOME, else the
    platform's, as platformdirs' user_data_dir("ybguide") names it (computed here: importing
    platformdirs would cost every start)."""
    env = os.environ.get("YBGUIDE_HOME")
    if env:
        return Path(env)
    import sys

    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "ybguide"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ybguide"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "ybguide"


def imported_calendar_dir() -> Path:
    """Where ``ybguide calendar import`` keeps the holiday notices it read, one file a year."""
    return user_home() / "calendar"
