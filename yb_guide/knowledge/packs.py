"""Data packs: the national pack (``data/`` itself) and the region packs that extend it.

A pack is a folder with ``pack.yaml`` (id, code, name, extends, note, data version, words) and any
of the data files.  A region's knowledge is its chain (national first) merged file by file:

- a list of entries with ids: a pack's entry is added (at the end, or where ``place_after: <id>`` says);
  an entry whose id the pack below already has
  is an error, unless the entry says ``replaces: true`` (then it takes the old one's place) or
  ``merge: true`` (then it is merged into the old one by these same rules: a flow gains a question,
  a question an option);
- a mapping: new keys are added, mappings and lists are merged the same way; a pack that gives a
  key another value without ``replaces: true`` on the mapping is an error (no silent override);
- an entry with ``if_channel: <channel id>`` is left out where the merged pack has no such channel
  (a flow option pointing at a provincial WeChat account, in the national guide); one with
  ``if_word: <word>`` where no region pack gives that word its own value (a local fact, cited from
  a local source);
- an entry with ``if_role: <role>`` is left out where no channel of the merged pack says
  ``role: <role>``; ``channel_role: <role>`` stands for ``channel: <the id of the first channel with
  that role>`` and leaves its entry out where there is none (the national flows name roles, never
  a province's channel ids);
- ``{{word}}`` in any text is the pack's word (``words:`` in pack.yaml; the national pack declares
  every word, a region pack gives its own values).

The merge works on the raw YAML (``base.yamlio``), so every error still names the file and line
the entry came from.
"""

from __future__ import annotations

import re
from pathlib import Path

from yb_guide.base.errors import DataError, UserError
from yb_guide.base.record import record
from yb_guide.base.yamlio import LineDict, LineList

PACK_FILE = "pack.yaml"


@record
class PackInfo:
    """pack.yaml: who the pack is for and what it is."""

    id: str  # CN, CN-ZZ: the ISO 3166-2 code a person types with --region
    code: str  # ISO 3166-2 (CN for the whole country)
    name: str  # the region as screens name it (全国, or a province's full name)
    short_name: str  # in titles: {short_name}医保问题指南
    note: str  # for maintainers: what the pack holds, who keeps it
    data_version: str
    extends: str | None = None  # the pack this one adds to (None: the national pack)
    words: dict[str, str] | None = None  # {{word}} in the data files
    # The roles a channel may fill (national pack only): role → what it is; see docs/packs.md.
    roles: dict[str, str] | None = None
    default_region: str | None = None  # national pack only: the pack a person gets who chose none


@record
class Pack:
    info: PackInfo
    folder: Path

    @property
    def id(self) -> str:
        return self.info.id

    def files(self) -> list[Path]:
        """pack.yaml and the data files this pack has."""
        from yb_guide.base.paths import DATA_FILES

        return [self.folder / PACK_FILE] + [self.folder / n for n in DATA_FILES if (self.folder / n).is_file()]


def read_pack(folder: Path) -> Pack:
    from yb_guide.base.schema import build
    from yb_guide.base.yamlio import Where, load_file

    path = folder / PACK_FILE
    raw = load_file(path, display_name=str(path))
    if raw is None:
        raise DataError(str(path), "", None, "文件是空的")
    return Pack(info=build(PackInfo, raw, Where(str(path), "", getattr(raw, "line", 1))), folder=folder)


def available(data_dir: Path) -> dict[str, Path]:
    """Every pack a person can choose: id → folder (the national pack, then data_dir/regions and
    YBGUIDE_PACKS; an earlier folder wins)."""
    from yb_guide.base.paths import NATIONAL, pack_dirs

    found: dict[str, Path] = {NATIONAL: data_dir}
    dirs = pack_dirs()
    dirs[-1] = data_dir / "regions"  # the regions of the data folder being loaded
    for base in dirs:
        if not base.is_dir():
            continue
        for sub in sorted(base.iterdir()):
            if (sub / PACK_FILE).is_file():
                found.setdefault(sub.name.upper(), sub)
    return found


def _folded(text: str) -> str:
    return "".join(text.split()).upper()


def resolve(data_dir: Path, region: str) -> str:
    """The id of the pack a person means by ``region``: its id (CN-ZZ), or the name or short name
    its pack.yaml gives (云梦省, 云梦, 全国).  An id costs a folder listing; a name reads the pack.yaml
    files.  Neither: one line naming every region there is."""
    packs = available(data_dir)
    wanted = _folded(region)
    if wanted in packs:
        return wanted
    choices = []
    for pack_id, folder in sorted(packs.items(), key=lambda x: (x[0] != "CN", x[0])):
        try:
            info = read_pack(folder).info
        except DataError:
            choices.append(pack_id)
            continue
        if wanted in {_folded(info.name), _folded(info.short_name), _folded(info.code)}:
            return pack_id
        choices.append(f"{pack_id}（{info.name}）")
    raise UserError(f"没有「{region.strip()}」地区的数据包。", hint="可用的地区：" + "、".join(choices) + "，写编号或名称都可以")


def chain(data_dir: Path, region: str) -> list[Pack]:
    """The packs ``region`` (an id or a name, see ``resolve``) is made of, national first."""
    packs = available(data_dir)
    order: list[Pack] = []
    wanted: str | None = resolve(data_dir, region)
    while wanted is not None:
        if wanted not in packs:
            raise UserError(f"没有「{wanted}」地区的数据包。",
                            hint="可用的地区：" + "、".join(sorted(packs)) + "（CN 是全国通用版）")
        if any(p.id == wanted for p in order):
            raise DataError(str(packs[wanted] / PACK_FILE), "extends", None, "数据包互相扩展，成了一个圈")
        pack = read_pack(packs[wanted])
        if pack.id.upper() != wanted:
            raise DataError(str(pack.folder / PACK_FILE), "id", None,
                            f"数据包编号「{pack.id}」和文件夹名「{pack.folder.name}」不一致")
        order.append(pack)
        wanted = pack.info.extends.upper() if pack.info.extends else None
    order.reverse()
    if order[0].folder != data_dir:
        raise DataError(str(order[0].folder / PACK_FILE), "extends", None, "数据包必须（间接地）扩展全国数据包 CN")
    return order


def files_of(packs: list[Pack]) -> list[Path]:
    return [f for p in packs for f in p.files()]


# ---------------------------------------------------------------- merging


def _tag(value, file: str):
    if isinstance(value, (LineDict, LineList)):
        value.file = file
    return value


def _ids(items) -> bool:
    return isinstance(items, list) and items and all(isinstance(x, dict) and "id" in x for x in items)


def _places(items) -> list[int]:
    """Each item's place in the file it came from (an error names the file's own [n])."""
    known = getattr(items, "indexes", None)
    return list(known) if known is not None else list(range(len(items)))


def _err(file: str, path: str, line, problem: str) -> DataError:
    return DataError(file, path, line, problem)


def merge(base, ext, file: str, path: str = ""):
    """``ext`` (from ``file``) merged into ``base``; returns the merged value."""
    if isinstance(ext, dict) and ext.get("replaces") is True:
        del ext["replaces"]
        return _tag(ext, file)
    if isinstance(base, dict) and isinstance(ext, dict):
        for key, value in ext.items():
            sub = f"{path}.{key}" if path else str(key)
            line = ext.lines.get(key, ext.line) if isinstance(ext, LineDict) else None
            if key not in base:
                base[key] = _tag(value, file)
                if isinstance(base, LineDict):
                    base.lines[key] = line
                    if not isinstance(value, (LineDict, LineList)):  # a text: remember its file
                        base.__dict__.setdefault("key_files", {})[key] = file
            elif isinstance(value, dict) and isinstance(base[key], dict) or \
                    isinstance(value, list) and isinstance(base[key], list):
                base[key] = merge(base[key], value, file, sub)
            elif key == "id" and value == base[key]:  # an entry merged into its namesake (merge: true)
                continue
            else:
                raise _err(file, sub, line, "改了上级数据包已有的值；要替换，请在这一层写 replaces: true")
        return base
    if isinstance(base, list) and isinstance(ext, list) and (_ids(ext) or not ext):
        if base and not _ids(base):
            raise _err(file, path, getattr(ext, "line", None), "上级数据包的这个列表不能按编号合并")
        index = {x["id"]: i for i, x in enumerate(base)}
        places = _places(base)
        own: dict[str, int | None] = {}  # ids this file gave, and their lines
        for i, item in enumerate(ext):
            line = ext.lines[i] if isinstance(ext, LineList) and i < len(ext.lines) else None
            sub = f"{path}[{i}]"
            replaces = item.pop("replaces", None)
            merges = item.pop("merge", None)
            if item["id"] in own:
                raise _err(file, f"{sub}.id", line, f"编号「{item['id']}」重复（第一次出现在第 {own[item['id']]} 行）")
            own[item["id"]] = line
            if item["id"] in index and merges is True:  # add to the entry: new options, outcomes …
                base[index[item["id"]]] = merge(base[index[item["id"]]], item, file, sub)
            elif item["id"] in index:
                if replaces is not True:
                    raise _err(file, f"{sub}.id", line, f"编号「{item['id']}」上级数据包里已经有了；要替换它，请写 replaces: true；"
                               "要在它里面添加（选项、结果……），请写 merge: true")
                base[index[item["id"]]] = _tag(item, file)
                places[index[item["id"]]] = i
                if isinstance(base, LineList):
                    base.lines[index[item["id"]]] = line
            else:
                if replaces is not None:
                    raise _err(file, f"{sub}.replaces", line, f"上级数据包里没有编号「{item['id']}」，没有可替换的")
                if merges is not None:
                    raise _err(file, f"{sub}.merge", line, f"上级数据包里没有编号「{item['id']}」，没有可以添加进去的")
                after = item.pop("place_after", None)  # where the entry goes in the list (default: at the end)
                at = len(base)
                if after is not None:
                    ids = [x["id"] for x in base]
                    if after not in ids:
                        raise _err(file, f"{sub}.place_after", line,
                                   f"place_after: 列表里没有编号「{after}」（可用：{'、'.join(ids)}）")
                    at = ids.index(after) + 1
                base.insert(at, _tag(item, file))
                places.insert(at, i)
                if isinstance(base, LineList):
                    base.lines.insert(at, line)
                index = {x["id"]: i for i, x in enumerate(base)}
        if isinstance(base, LineList):
            base.indexes = places
        return base
    if isinstance(base, list) and isinstance(ext, list):
        raise _err(file, path, getattr(ext, "line", None),
                   "这个列表的条目没有编号（id），不能逐条合并；要整个替换，请在上一层写 replaces: true")
    raise _err(file, path, getattr(ext, "line", None), "改了上级数据包已有的值；要替换，请在这一层写 replaces: true")


# ---------------------------------------------------------------- after the merge

_WORD = r"\{\{\s*([a-z_]+)\s*\}\}"  # compiled by re when a pack is first read (not at every start)


def words_of(packs: list[Pack]) -> dict[str, str]:
    """The words of the chain: the national pack declares them, a region pack gives its own."""
    words: dict[str, str] = dict(packs[0].info.words or {})
    for p in packs[1:]:
        for key, value in (p.info.words or {}).items():
            if key not in words:
                raise DataError(str(p.folder / PACK_FILE), f"words.{key}", None,
                                f"全国数据包没有声明这个词（可用：{'、'.join(sorted(words))}）")
            words[key] = value
    return words


def local_words(packs: list[Pack]) -> set[str]:
    """The words a region pack of the chain gives its own value (``if_word``)."""
    return {key for p in packs[1:] for key in (p.info.words or {})}


def roles_of(packs: list[Pack], raw_channels, file: str) -> dict[str, list[str]]:
    """Role → the ids of the merged channels that fill it, in their order.  Only the national pack
    declares roles; a channel naming another is an error at its line."""
    declared = dict(packs[0].info.roles or {})
    for p in packs[1:]:
        if p.info.roles:
            raise DataError(str(p.folder / PACK_FILE), "roles", None, "只有全国数据包声明角色（roles）；本省的渠道用 role: 填它们")
    found: dict[str, list[str]] = {r: [] for r in declared}
    items = raw_channels or []
    places = _places(items)  # an error names the entry's [n] in its own file
    for i, c in enumerate(items):
        if isinstance(c, dict) and c.get("role") is not None:
            if c["role"] not in declared:
                line = items.lines[i] if isinstance(items, LineList) and i < len(items.lines) else None
                raise DataError(getattr(c, "file", None) or file, f"channels[{places[i]}].role", line,
                                f"「{c['role']}」不是全国数据包声明的角色（可用：{'、'.join(declared)}）")
            found[c["role"]].append(c["id"])
    return found


def finish(raw, words: dict[str, str], channels: set[str], file: str, local: set[str] = frozenset(),
           roles: dict[str, list[str]] | None = None):
    """Fill ``{{word}}``s and leave out entries whose ``if_channel`` the region has not, whose
    ``if_role`` no channel fills, or whose ``if_word`` the region does not say in its own words (a
    local fact with a local source); ``channel_role`` becomes the channel that fills the role."""
    roles = roles or {}

    def role_of(item: dict, key: str, where_file: str, line) -> list[str]:
        role = item.pop(key)
        if role not in roles:
            raise DataError(where_file, key, line, f"「{role}」不是全国数据包声明的角色（可用：{'、'.join(roles)}）")
        return roles[role]

    def fill(text: str, where_file: str, line) -> str:
        def one(m: re.Match) -> str:
            if m.group(1) not in words:
                raise DataError(where_file, "", line, f"「{{{{{m.group(1)}}}}}」不是数据包的词"
                                f"（可用：{'、'.join(sorted(words))}）")
            return words[m.group(1)]

        return re.sub(_WORD, one, text) if "{{" in text else text

    def walk(value, where_file: str, line):
        where_file = getattr(value, "file", None) or where_file
        if isinstance(value, dict):
            for key in list(value):
                key_file = getattr(value, "__dict__", {}).get("key_files", {}).get(key, where_file)
                key_line = value.lines.get(key, line) if isinstance(value, LineDict) else line
                value[key] = walk(value[key], key_file, key_line)
            return value
        if isinstance(value, list):
            keep, lines, places, known = [], [], [], _places(value)
            for i, item in enumerate(value):
                item_line = value.lines[i] if isinstance(value, LineList) and i < len(value.lines) else line
                if isinstance(item, dict) and "if_channel" in item:
                    if item.pop("if_channel") not in channels:
                        continue
                if isinstance(item, dict) and "if_role" in item:
                    if not role_of(item, "if_role", where_file, item_line):
                        continue
                if isinstance(item, dict) and "channel_role" in item:
                    filled = role_of(item, "channel_role", where_file, item_line)
                    if not filled:
                        continue
                    item["channel"] = filled[0]
                    if isinstance(item, LineDict):
                        item.lines.setdefault("channel", item_line)
                if isinstance(item, dict) and "if_word" in item:
                    word = item.pop("if_word")
                    if word not in words:
                        raise DataError(where_file, "if_word", item_line, f"「{word}」不是数据包的词"
                                        f"（可用：{'、'.join(sorted(words))}）")
                    if word not in local:
                        continue
                keep.append(walk(item, where_file, item_line))
                lines.append(item_line)
                places.append(known[i])
            value[:] = keep
            if isinstance(value, LineList):
                value.lines = lines
                if places != list(range(len(places))):
                    value.indexes = places
            return value
        if isinstance(value, str):
            return fill(value, where_file, line)
        return value

    return walk(raw, file, getattr(raw, "line", 1))


def names(data_dir: Path) -> dict[str, str]:
    """Every pack a person can choose: id → the region's name (read from each pack.yaml)."""
    found = {}
    for pack_id, folder in sorted(available(data_dir).items(), key=lambda x: (x[0] != "CN", x[0])):
        try:
            found[pack_id] = read_pack(folder).info.name
        except DataError:
            found[pack_id] = pack_id
    return found
