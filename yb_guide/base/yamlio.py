"""YAML loading that remembers where every key and item came from.

Mappings load as ``LineDict`` and sequences as ``LineList``: plain dicts and
lists that also carry the 1-based line of each key or item, so a validation
error can name the file, the key path and the line.  libyaml's C parser is used
when present (it is several times faster); the constructors stay in Python.
"""

from __future__ import annotations

from pathlib import Path

from yb_guide.base.errors import DataError


class LineDict(dict):
    line: int = 0
    file: str | None = None  # set on an entry a data pack added to another pack's file

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}


class LineList(list):
    line: int = 0
    file: str | None = None
    indexes: list | None = None  # each item's place in its own file, once data packs merged or filtered the list

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []


class Where:
    """The file, key path and line of a value being converted (kept in the compiled knowledge, so it
    lives here rather than in ``schema``, which a start from the cache never imports)."""

    __slots__ = ("file", "path", "line")

    def __init__(self, file: str, path: str = "", line: int | None = None):
        self.file, self.path, self.line = file, path, line

    def key(self, parent, key) -> "Where":
        line = parent.lines.get(key, parent.line) if isinstance(parent, LineDict) else self.line
        path = f"{self.path}.{key}" if self.path else str(key)
        return Where(_file_of(parent.get(key) if isinstance(parent, dict) else None, self.file), path, line)

    def item(self, parent, index: int) -> "Where":
        line = self.line
        if isinstance(parent, LineList) and index < len(parent.lines):
            line = parent.lines[index]
        child = parent[index] if isinstance(parent, list) and index < len(parent) else None
        shown = index
        if isinstance(parent, LineList) and parent.indexes is not None and index < len(parent.indexes):
            shown = parent.indexes[index]
        return Where(_file_of(child, self.file), f"{self.path}[{shown}]", line)

    def error(self, problem: str) -> DataError:
        return DataError(self.file, self.path, self.line, problem)


def _file_of(value, default: str) -> str:
    """The file a value came from: its own (an entry a data pack added) or its parent's."""
    return getattr(value, "file", None) or default


def _loader_class():
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_map(loader, node):
        data = LineDict()
        data.line = node.start_mark.line + 1
        yield data
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "键必须是简单的值", key_node.start_mark
                ) from None
            if key in data:
                raise yaml.constructor.ConstructorError(
                    None, None, f"键「{key}」重复出现", key_node.start_mark
                )
            data[key] = loader.construct_object(value_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1

    def construct_seq(loader, node):
        data = LineList()
        data.line = node.start_mark.line + 1
        yield data
        for child in node.value:
            data.append(loader.construct_object(child, deep=True))
            data.lines.append(child.start_mark.line + 1)

    def construct_timestamp(loader, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except ValueError:  # 2024-02-30 looks like a date but is none
            raise yaml.constructor.ConstructorError(
                None, None, f"日期「{node.value}」不存在", node.start_mark) from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    Loader.add_constructor("tag:yaml.org,2002:map", construct_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", construct_seq)
    return Loader


_LOADER = None


def load_text(text: str, filename: str):
    """Parse YAML text; any syntax error becomes a ``DataError`` with the line."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    try:
        loader = _LOADER(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "无法解析"
        raise DataError(filename, "", line, f"YAML 语法错误（{problem}）") from None
    except yaml.YAMLError as err:
        raise DataError(filename, "", None, f"YAML 语法错误（{err}）") from None


def load_file(path: Path, display_name: str | None = None):
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(name, "", None, "文件不存在") from None
    except OSError as err:
        raise DataError(name, "", None, f"无法读取（{err.strerror}）") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(name, "", line, "不是 UTF-8 编码（请用 UTF-8 保存）") from None
    return load_text(text, name)
