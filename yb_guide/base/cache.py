"""Compiled forms of slow things (the data, the calendar), cached in the user's cache directory.

A cache entry's file name carries a key made from everything it was built
from, so a changed input simply means a different file.  Correctness never
depends on the cache: a missing, unreadable or corrupt entry is rebuilt.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable

FORMAT = 1  # bump when what is cached changes shape


_in_process: list[dict] = []  # every memo of this process, for reset_caches


def memo() -> dict:
    """A dict that remembers a computed object for the rest of the process (``reset_caches``
    empties it: tests, and ``--data-dir`` changing between calls in one process)."""
    d: dict = {}
    _in_process.append(d)
    return d


def reset_caches() -> None:
    """Forget everything remembered in this process (the cache files stay: they are keyed)."""
    global _code
    for d in _in_process:
        d.clear()
    _code = None


def cache_dir() -> Path:
    """YBGUIDE_CACHE_DIR, else the platform's user cache directory (computed here rather than
    with platformdirs, which would cost an import on every start)."""
    env = os.environ.get("YBGUIDE_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ybguide" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ybguide"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ybguide"


def key_of(*parts: str | bytes) -> str:
    """A cache key (not a security hash: zlib is already loaded, hashlib would cost an import)."""
    import zlib

    from yb_guide import __version__

    data = b"\0".join([f"ybguide {__version__} format {FORMAT} {_code_fingerprint()}".encode()]
                      + [p if isinstance(p, bytes) else p.encode() for p in parts])
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


_code: str | None = None


def _code_fingerprint() -> str:
    """Sizes and times of every module of the package, subpackages included: a cached object is
    only reused by the code that made it (a changed dataclass must not meet an old pickle)."""
    global _code
    if _code is None:
        from yb_guide.base.paths import package_root

        parts: list[str] = []
        stack = [package_root()]
        while stack:
            folder = stack.pop()
            with os.scandir(folder) as entries:
                for e in entries:
                    if e.is_dir() and e.name not in ("data", "__pycache__") and not e.name.startswith("."):
                        stack.append(Path(e.path))
                    elif e.name.endswith(".py"):
                        st = e.stat()
                        parts.append(f"{e.path}:{st.st_size}:{st.st_mtime_ns}")
        _code = ";".join(sorted(parts))
    return _code


def files_key(paths, *extra: str) -> str:
    """A key from the names and contents of ``paths`` (a missing file counts as empty)."""
    parts: list[str | bytes] = list(extra)
    for p in paths:
        parts.append(os.path.abspath(p))  # not resolve(): it costs a system call per folder of the path
        try:
            parts.append(Path(p).read_bytes())
        except OSError:
            parts.append(b"<missing>")
    return key_of(*parts)


def _ours(fd: int, folder: Path) -> bool:
    """Whether a cache file may be unpickled: owned by this user and writable by no one else, in a
    folder no one else may write to (a pickle runs code: a file planted by another user must never
    be loaded).  One fstat and one stat; Windows keeps the cache in the user's own profile."""
    if not hasattr(os, "getuid"):
        return True
    uid = os.getuid()
    st = os.fstat(fd)
    if st.st_uid != uid or st.st_mode & 0o077:
        return False
    d = os.stat(folder)
    return d.st_uid == uid and not d.st_mode & 0o022


_objects: dict = memo()  # (name, key) -> the object, once read or built in this process


def cached(name: str, key: str, build: Callable[[], Any], valid: Callable[[Any], bool] = lambda _: True) -> Any:
    """The object cached under ``name``/``key``, or ``build()`` (then stored).  Once read, it is kept
    for the process under the same key (a web page asks for the deadline plan on every request:
    reading its file again each time cost more than the page)."""
    hit = _objects.get((name, key))
    if hit is not None:
        return hit
    path = cache_dir() / f"{name}-{key}.pickle"
    import gc

    collecting = gc.isenabled()
    try:
        with open(path, "rb") as fh:
            if not _ours(fh.fileno(), path.parent):
                raise ValueError(path)  # planted, or shared: rebuilt and written again as ours
            # Without the cycle collector while thousands of objects arrive: it would walk every
            # object of the process several times over (a third of the load, ~1.5 ms a start).
            gc.disable()
            try:
                obj = pickle.load(fh)
            finally:
                if collecting:
                    gc.enable()
        if valid(obj):
            _objects[(name, key)] = obj
            return obj
    except Exception:  # missing, unreadable, corrupt or from another version: rebuild
        pass
    obj = build()
    _objects[(name, key)] = obj
    from yb_guide.base.errors import UserError
    from yb_guide.base.files import write_atomic

    def dump(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, dump, private=True)  # a reader never sees half a file
    except (OSError, UserError):
        pass  # a read-only cache directory costs speed, nothing else
    return obj
