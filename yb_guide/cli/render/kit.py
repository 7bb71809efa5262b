"""The renderers' kit: rich imported only when something is drawn, and the few shapes every screen
uses (headings, numbered and bulleted lists, source lines, warnings, labelled lines).

Every string from data or from the user goes in as ``Text`` (never parsed as markup), so "[red]"
in a summary prints as typed."""

from __future__ import annotations

# The words are shared with the web page (views.common); the renderers import them from here.
from yb_guide.views.common import FOLLOW_UP_TEXT, UNVERIFIED_MARK, confirm_text, left_text, status_text  # noqa: F401


def T(text: str = "", style: str = ""):
    """Text that never parses markup."""
    from rich.text import Text

    return Text(text, style=style)


def heading(title: str, sub: str | None = None):
    t = T(title, style="bold")
    if sub:
        t.append("  " + sub, style="dim")
    return t


def marked(marks: list[str], items: list[str], mark_style: str = ""):
    # Wrapped lines of Chinese text (no spaces to break at) stay under their item.
    return _Hanging([(T("  " + m, style=mark_style), T(item)) for m, item in zip(marks, items)], gap=1)


def numbered(items: list[str]):
    return marked([f"{i}." for i in range(1, len(items) + 1)], items, "cyan")


def bullets(items: list[str], mark: str = "·"):
    return marked([mark] * len(items), items)


def para(text: str, style: str = "", indent: int = 2):
    """A paragraph whose wrapped lines keep its indent (Chinese has no spaces to wrap at)."""
    body = text if not isinstance(text, str) else T(text, style=style)
    if not indent:
        return body
    return _Hanging([(T(" " * indent), body)], gap=0)


class _Hanging:
    """Rows of a mark and a text: the text wraps beside the mark, its lines kept under its first
    character. What a two-column ``Table.grid`` drew, without measuring a table (a tenth of the time:
    every screen is made of these)."""

    def __init__(self, rows, gap: int):
        self.rows, self.gap = rows, gap

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        indent = max((m.cell_len for m, _ in self.rows), default=0) + self.gap
        width = max(1, options.max_width - indent)
        for mark, text in self.rows:
            for n, line in enumerate(text.wrap(console, width, overflow="fold")):
                lead = mark if n == 0 else T("")
                yield from lead.render(console)
                yield Segment(" " * (indent - lead.cell_len))
                line.rstrip()
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        indent = max((m.cell_len for m, _ in self.rows), default=0) + self.gap
        widest = max((t.cell_len for _, t in self.rows), default=0)
        return Measurement(indent + 1, min(options.max_width, indent + widest))


def source_line(src: dict, label: str = "来源：", indent: int = 0):
    t = T(label, style="dim")
    t.append(src["text"] + status_text(src), style="dim")
    return para(t, indent=indent) if indent else t


def warnings(payload: dict):
    for w in payload.get("warnings", []):
        t = T("注意：", style="bold yellow")
        t.append(w)
        yield t


def pad(text: str, cells: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(1, cells - cell_len(text))


def section(title: str) :
    return T(title, style="bold")


def labelled(label: str, text: str, label_style: str = "bold") :
    t = T(label, style=label_style)
    t.append(text)
    return t


def grid(*columns: dict, padding=(0, 1)):
    """A borderless table: each column's options (no_wrap, overflow, style)."""
    from rich.table import Table

    g = Table.grid(padding=padding)
    for options in columns:
        g.add_column(**options)
    return g


def table(**options):
    """A table with a box: ``box`` given by name (SIMPLE, SIMPLE_HEAVY); drawn like rich's Table, without
    its cost (``cli.render.table``)."""
    from yb_guide.cli.render.table import Table

    return Table(**options)


def contact(c: dict, footnote: bool = True):
    """A channel's contact lines; unverified ones marked, with whom to call to confirm them."""
    check = c.get("contact_check")
    lines = [f"{line}{UNVERIFIED_MARK}" for line in c["contact_lines"]] if check else c["contact_lines"]
    yield bullets(lines)
    if check and footnote:
        yield para(f"{UNVERIFIED_MARK} {confirm_text(check)}", "yellow")


class _WholeLine:
    """One line printed as it is, never folded or cropped: a path longer than the screen runs on and the
    terminal wraps it softly, so it can still be copied whole (``emit`` prints with crop off)."""

    def __init__(self, text: str, style: str = ""):
        self.text, self.style = text, style

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.style import Style

        yield Segment(self.text, Style.parse(self.style) if self.style else None)
        yield Segment.line()


class _WithPaths:
    def __init__(self, text: str, style: str):
        self.text, self.style = text, style

    def __rich_console__(self, console, options):
        from rich.cells import cell_len

        from yb_guide.cli.render.wrap import CLOSING, PATH

        if cell_len(self.text) <= options.max_width or not PATH.search(self.text):
            yield T(self.text, style=self.style)
            return
        at = 0
        for m in PATH.finditer(self.text):
            if self.text[at:m.start()].strip():
                yield T(self.text[at:m.start()].strip(), style=self.style)
            end = m.end()
            while end < len(self.text) and self.text[end] in CLOSING:  # 避头: "，" stays with the path
                end += 1
            yield _WholeLine("  " + self.text[m.start():end], self.style)
            at = end
        if self.text[at:].strip():
            yield T(self.text[at:].strip(), style=self.style)


def with_paths(text: str, style: str = ""):
    """A sentence that names a file: on one line when it fits; else each path whole on a line of its
    own (a path broken at '/' or at the edge of the screen cannot be copied)."""
    return _WithPaths(text, style)


class Responsive:
    """A table when the screen is wide enough, stacked "label：value" blocks when it is not (a table
    squeezed into 60 columns leaves one or two characters a line)."""

    def __init__(self, min_width: int, wide, narrow):
        self.min_width, self.wide, self.narrow = min_width, wide, narrow

    def __rich_console__(self, console, options):
        yield from (self.wide() if options.max_width >= self.min_width else self.narrow())


def blocks(rows: list[tuple[object, list[tuple[str, str]]]]):
    """One block a row: its title, then each field as 「label：value」, indented."""
    for title, fields in rows:
        yield title if not isinstance(title, str) else T(title, style="bold")
        for label, value in fields:
            if value:
                yield para(labelled(f"{label}：", value, "dim"))
