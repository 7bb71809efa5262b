"""The payload of ``data check``: what the data folder holds."""

from __future__ import annotations

from yb_guide.base.paths import DATA_FILES


def data_check(k, overrides=None) -> dict:
    """What ``data check`` found; ``overrides`` is the folder's calendar.yaml, if it has one."""
    counts = k.counts()
    files = [str(k.data_dir / name) for name in DATA_FILES]
    if overrides is not None:
        files.append(str(k.data_dir / "calendar.yaml"))
        counts["calendar_days"] = len(overrides.holidays) + len(overrides.workdays) + len(overrides.closures)
    return {
        "ok": True,
        "data_dir": str(k.data_dir),
        "files": files,
        "counts": counts,
        "channels": [c.id for c in k.channels],
        "checklists": [c.id for c in k.checklists],
    }
