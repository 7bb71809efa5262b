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
    if not _default_data:  # looked for once: a web page asks for the data folder several times a request
        here = package_root()
        packaged = here / "data"
        _default_data.append(packaged if packaged.is_dir() else here.parent / "data")
    return _default_data[0]


_default_data: list[Path] = []


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


# ---------------------------------------------------------------- the region (which data pack)

NATIONAL = "CN"  # the national pack: data_dir() itself
DEFAULT_KEY = "default_region"  # in the national pack.yaml: the pack a person gets who chose none

_defaults: dict = {}  # (pack.yaml, size, mtime) -> its default_region


def default_region(d: Path | None = None) -> str:
    """The region a person gets who chose none: ``default_region:`` in the national ``pack.yaml``
    (data, not code).  Read as one line, without the YAML parser (every start needs it);
    ``data check`` holds this reading and the YAML one together.  No such line: the national pack."""
    path = (d or data_dir()) / "pack.yaml"
    try:
        st = path.stat()
    except OSError:
        return NATIONAL
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _defaults:
        import re

        m = re.search(r"^" + DEFAULT_KEY + r":\s*[\"']?([A-Za-z0-9-]+)", path.read_text(encoding="utf-8"), re.M)
        _defaults.clear()
        _defaults[key] = m.group(1).upper() if m else NATIONAL
    return _defaults[key]

_region = None  # a ContextVar, made on first use: each web request may choose its own region


def _region_var():
    global _region
    if _region is None:
        from contextvars import ContextVar

        _region = ContextVar("ybguide_region", default=None)
    return _region


def use_region(region: str | None) -> None:
    """Set the region for this process (``ybguide --region``) or, on the web page, this request."""
    _region_var().set(region.strip().upper() if region else None)


def region() -> str:
    """The chosen region: ``--region`` (or the web page's choice), else YBGUIDE_REGION, else the
    saved default (``ybguide config region …``), else the data's default (``default_region``).
    A name (全国, or a province's name) is turned into its pack's id by ``knowledge.packs.resolve``."""
    chosen = _region_var().get()
    if chosen:
        return chosen
    env = os.environ.get("YBGUIDE_REGION")
    if env and env.strip():
        return env.strip().upper()
    saved = read_config().get("region")
    return saved.strip().upper() if isinstance(saved, str) and saved.strip() else default_region()


def pack_dirs() -> list[Path]:
    """Folders of region packs, searched in order: YBGUIDE_PACKS (folders separated by the path
    separator), then ``regions/`` of the data folder."""
    found = [Path(p) for p in os.environ.get("YBGUIDE_PACKS", "").split(os.pathsep) if p.strip()]
    return found + [data_dir() / "regions"]


def config_file() -> Path:
    return user_home() / "config.json"


_configs: dict = {}  # (path, size, mtime) -> settings: read once per process until the file changes
_config_problems: dict = {}  # path -> what is wrong with it (a damaged file is no settings, and said)


def read_config() -> dict:
    """The person's saved settings (``ybguide config``); a missing file is no settings, and so is a
    damaged one (not JSON, not a table, unreadable): ``config_problem`` then says what is wrong."""
    path = config_file()
    try:
        st = path.stat()
        key = (path, st.st_size, st.st_mtime_ns)
    except OSError:
        return {}
    if key not in _configs:
        _configs.clear()
        _configs[key] = _read_config(path)
    return dict(_configs[key])


def config_problem() -> str | None:
    """A warning about the settings file read in this process (damaged: not used, and never
    overwritten without saying so), or None."""
    problem = _config_problems.get(config_file())
    return f"配置文件 {config_file()} {problem}，里面的设置没有用上。" if problem else None


def _read_config(path: Path) -> dict:
    _config_problems.pop(path, None)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        from yb_guide.base.errors import os_error_text

        _config_problems[path] = f"读不出（{os_error_text(err)}）"
        return {}
    except UnicodeDecodeError:
        _config_problems[path] = "不是 UTF-8 文本"
        return {}
    import json

    try:
        value = json.loads(text)
    except ValueError as err:
        _config_problems[path] = f"已损坏（不是有效的 JSON：第 {getattr(err, 'lineno', 1)} 行）"
        return {}
    if not isinstance(value, dict):
        _config_problems[path] = "已损坏（应是一个键值表）"
        return {}
    return value


def save_config(**settings: str | None) -> Path:
    """Save settings (``ybguide config region CN``) beside the case journal; ``None`` forgets one."""
    import json

    from yb_guide.base.files import write_atomic

    config = read_config()
    if config_problem():
        from yb_guide.base.errors import UserError

        raise UserError(config_problem().replace("里面的设置没有用上。", "没有改动它。"),
                        hint="请修好它，或把它改名、删掉（里面只有 ybguide config 保存的设置）后再保存")
    for key, value in settings.items():
        if value is None:
            config.pop(key, None)
        else:
            config[key] = value
    text = json.dumps(config, ensure_ascii=False, indent=2) + "\n"
    path = config_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        from yb_guide.base.errors import RuntimeProblem, os_error_text

        raise RuntimeProblem(f"无法创建保存设置的文件夹 {path.parent}（{os_error_text(err)}）。没有改动任何内容。",
                             hint="可以用环境变量 YBGUIDE_HOME 指定另一个可以写入的文件夹") from None
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
