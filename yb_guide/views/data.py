"""The payload of ``data check``: what the data folder holds."""


from typing import TypedDict

from yb_guide.base.paths import DATA_FILES
from yb_guide.views.common import Region


class PackRow(TypedDict):
    id: str
    name: str
    chain: list[str]  # the packs merged, national first
    version: str
    channels: int
    # The slots a region pack leaves to the national pack (docs/packs.md): the words it does not say
    # in its own way, the roles no channel of it fills (both empty for the national pack itself).
    national_words: list[str]
    unfilled_roles: list[str]


class DataCheck(TypedDict):
    ok: bool
    data_dir: str
    region: Region
    files: list[str]
    counts: dict[str, int]
    channels: list[str]
    checklists: list[str]
    packs: list[PackRow]


class Config(TypedDict):
    region: Region | dict  # the region in use ({id, name})
    saved: dict
    file: str
    regions: list[dict]
    default: dict  # the region a person gets who chose none ({id, name}; data/pack.yaml default_region)


def data_check(k, overrides=None, checked=()) -> DataCheck:
    """What ``data check`` found for the person's region ``k``; ``checked`` is every pack that was
    loaded and checked; ``overrides`` is the folder's calendar.yaml, if it has one."""
    counts = k.counts()
    files = [str(k.data_dir / name) for name in DATA_FILES]
    if overrides is not None:
        files.append(str(k.data_dir / "calendar.yaml"))
        counts["calendar_days"] = len(overrides.holidays) + len(overrides.workdays) + len(overrides.closures)
    from yb_guide.views.common import region

    return {
        "ok": True,
        "data_dir": str(k.data_dir),
        "region": region(k),
        "files": files,
        "counts": counts,
        "channels": [c.id for c in k.channels],
        "checklists": [c.id for c in k.checklists],
        "packs": [_pack_row(x, checked[0].pack) for x in checked],
    }


def _pack_row(x, national) -> PackRow:
    region = len(x.packs) > 1
    own = set(x.pack.words or {})
    return {"id": x.pack.id, "name": x.pack.name, "chain": list(x.packs), "version": x.pack.data_version,
            "channels": len(x.channels),
            "national_words": [w for w in (national.words or {}) if w not in own] if region else [],
            "unfilled_roles": [r for r in (national.roles or {}) if not x.filling(r)] if region else []}


def config(region: str, saved: dict, path: str, names: dict[str, str], default: str) -> Config:
    """``ybguide config``: the region in use, what is saved, the regions there are, the default."""
    return {"region": {"id": region, "name": names.get(region, region)}, "saved": saved, "file": path,
            "regions": [{"id": i, "name": n} for i, n in names.items()],
            "default": {"id": default, "name": names.get(default, default)}}
