"""A table drawn like ``rich.table.Table`` for the few shapes the screens use, in a fraction of the time.

The channels, checklist, case list and calendar screens are tables of Chinese text.  rich's Table
measures and renders each cell through Padding, Measurement and two passes of line splitting, and
importing it brings ``fractions`` and ``decimal``: 10-15 ms of a 100 ms start.  ``Table`` here keeps
rich's layout rules (the widths each column's text asks for; too wide, the wrapping columns shrink
from the widest down, then all evenly, then are measured again) and rich's own pieces for a cell's
text (``Text`` wrapping with ``wrap.divide_line``, the box characters and their substitution on
ASCII-only or legacy consoles), so the screen is the same character for character and style for
style (tests/cli/test_table.py compares the two on every table screen at many widths).

What it does not do (a title's caption, footers, row styles, expand, padding other than one space a
side), it hands to rich's Table: ``Table.__rich_console__`` falls back rather than draw it wrong.
"""

from __future__ import annotations


class Column:
    __slots__ = ("header", "justify", "no_wrap", "overflow", "min_width", "ratio", "style", "_cells")

    def __init__(self, header="", justify="left", no_wrap=False, overflow="ellipsis", min_width=None,
                 ratio=None, style=None):
        self.header, self.justify, self.no_wrap, self.overflow = header, justify, no_wrap, overflow
        self.min_width, self.ratio, self.style = min_width, ratio, style
        self._cells: list = []  # the name rich's Column gives them


def _norm(lo: int, hi: int) -> tuple[int, int]:
    """rich's Measurement.normalize."""
    lo = min(max(0, lo), hi)
    return max(0, lo), max(0, max(lo, hi))


def _get(lo: int, hi: int, available: int) -> tuple[int, int]:
    """What rich's Measurement.get makes of a renderable's own measurement."""
    lo, hi = _norm(lo, hi)
    lo, hi = min(lo, available), min(hi, available)
    if hi < 1:
        return 0, 0
    return _norm(lo, hi)


def _measure(text, available: int, extra: int) -> tuple[int, int]:
    """``Measurement.get(console, options, Padding(text, pads))`` with ``options.max_width == available``."""
    from rich.cells import cell_len

    if available < 1:
        return 0, 0
    if available - extra < 1:  # Padding.__rich_measure__
        return _get(available, available, available)
    plain = text.plain
    lines = plain.splitlines()
    most = max(cell_len(line) for line in lines) if lines else 0
    words = plain.split()
    least = max(cell_len(word) for word in words) if words else most
    lo, hi = _get(least, most, available)
    return _get(min(lo + extra, available), min(hi + extra, available), available)


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce (rich imports ``fractions`` for the module it lives in)."""
    ratios = [ratio if _max else 0 for ratio, _max in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    total_remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total_remaining / total_ratio))
            result.append(value - distributed)
            total_remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich's Table._collapse_widths: shrink the widest wrapping columns first."""
    total_width = sum(widths)
    excess_width = total_width - max_width
    if any(wrapable):
        while total_width and excess_width > 0:
            max_column = max(width for width, allow_wrap in zip(widths, wrapable) if allow_wrap)
            second_max_column = max(width if allow_wrap and width != max_column else 0
                                    for width, allow_wrap in zip(widths, wrapable))
            column_difference = max_column - second_max_column
            ratios = [(1 if (width == max_column and allow_wrap) else 0) for width, allow_wrap in zip(widths, wrapable)]
            if not any(ratios) or not column_difference:
                break
            max_reduce = [min(excess_width, column_difference)] * len(widths)
            widths = _reduce(excess_width, ratios, max_reduce, widths)
            total_width = sum(widths)
            excess_width = total_width - max_width
    return widths


class Table:
    """``rich.table.Table(box=..., title=..., title_justify=..., show_header=..., pad_edge=...)`` with
    ``add_column`` and ``add_row`` of ``Text`` cells."""

    def __init__(self, box: str | None = "SIMPLE", title=None, title_justify: str = "center",
                 show_header: bool = True, pad_edge: bool = True, **rest):
        self.box_name, self.title, self.title_justify = box, title, title_justify
        self.show_header, self.pad_edge = show_header, pad_edge
        self.rest = rest  # anything else: drawn by rich
        self.columns: list[Column] = []

    def add_column(self, header="", **options) -> None:
        self.columns.append(Column(header, **options))

    def add_row(self, *cells) -> None:
        for column, cell in zip(self.columns, cells):
            column._cells.append(cell)

    # -- rich's Table, for what this one does not draw ------------------------------------------------
    def rich(self):
        from rich import box
        from rich.table import Table as RichTable

        t = RichTable(box=getattr(box, self.box_name) if self.box_name else None, title=self.title,
                      title_justify=self.title_justify, show_header=self.show_header, pad_edge=self.pad_edge,
                      **self.rest)
        for c in self.columns:
            t.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap, overflow=c.overflow, min_width=c.min_width,
                         ratio=c.ratio, style=c.style)
        for row in zip(*(c._cells for c in self.columns)):
            t.add_row(*row)
        return t

    def _simple(self) -> bool:
        from rich.text import Text

        return (not self.rest and self.box_name is not None and self.columns
                and all(c.style is None for c in self.columns)
                and all(isinstance(cell, Text) for c in self.columns for cell in c._cells)
                and len({len(c._cells) for c in self.columns}) == 1)

    def _pads(self, index: int) -> tuple[int, int]:
        left = right = 1
        if not self.pad_edge:
            if index == 0:
                left = 0
            if index == len(self.columns) - 1:
                right = 0
        return left, right

    def _column_cells(self, column: Column):
        from rich.text import Text

        if self.show_header:
            yield Text(column.header) if isinstance(column.header, str) else column.header
        yield from column._cells

    def _widths(self, console, max_width: int) -> list[int]:
        def measure(column: Column, index: int, available: int) -> int:
            """rich's Table._measure_column: the column's maximum width."""
            if available < 1:
                return 0
            extra = sum(self._pads(index))
            found = [_measure(cell, available, extra) for cell in self._column_cells(column)]
            least = max(lo for lo, _ in found) if found else 1
            most = max(hi for _, hi in found) if found else available
            least, most = min(least, available), min(most, available)
            if column.min_width is not None:
                most = max(most, column.min_width + extra)
            return most

        widths = [measure(c, i, max_width) or 1 for i, c in enumerate(self.columns)]
        if sum(widths) > max_width:
            widths = _collapse(widths, [not c.no_wrap for c in self.columns], max_width)
            if sum(widths) > max_width:
                widths = _reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
            widths = [measure(c, i, w) for i, (w, c) in enumerate(zip(widths, self.columns))]
        return widths

    def __rich_console__(self, console, options):
        if not self._simple():
            yield self.rich()
            return
        from rich import box as boxes
        from rich.segment import Segment
        from rich.style import Style
        from rich.text import Text

        extra_width = 2 + len(self.columns) - 1  # a box with edges: two edges and the dividers
        widths = self._widths(console, options.max_width - extra_width)
        if any(w - sum(self._pads(i)) < 1 for i, w in enumerate(widths)):  # no room for a character
            yield self.rich()
            return
        table_width = sum(widths) + extra_width
        render_options = options.update(width=table_width, highlight=False, height=None)
        if self.title:
            title = Text(self.title, style=console.get_style("table.title")) if isinstance(self.title, str) else self.title
            yield from console.render(title, render_options.update(justify=self.title_justify))

        box = getattr(boxes, self.box_name).substitute(render_options, safe=console.safe_box)
        box = box if self.show_header else box.get_plain_headed_box()
        null = Style.null()
        new_line = Segment.line()
        edges = [(Segment(box.head_left, null), Segment(box.head_right, null), Segment(box.head_vertical, null)),
                 (Segment(box.mid_left, null), Segment(box.mid_right, null), Segment(box.mid_vertical, null)),
                 (Segment(box.foot_left, null), Segment(box.foot_right, null), Segment(box.foot_vertical, null))]
        yield Segment(box.get_top(widths), null)
        yield new_line
        header_style = console.get_style("table.header")
        columns = [list(self._column_cells(c)) for c in self.columns]
        count = len(columns[0])
        split = Segment.split_and_crop_lines
        for index in range(count):
            header = self.show_header and index == 0
            style = header_style if header else null
            cells = []
            for i, (width, column) in enumerate(zip(widths, self.columns)):
                left, right = self._pads(i)
                inner = render_options.update(width=width - left - right, justify=column.justify,
                                              no_wrap=column.no_wrap, overflow=column.overflow, highlight=None)
                lines = list(split(columns[i][index].__rich_console__(console, inner), width - left - right,
                                   include_new_lines=False, pad=True))
                shaped = []
                for line in lines:
                    segs = ([Segment(" " * left, null)] if left else []) + line + (
                        [Segment(" " * right, null)] if right else [])
                    if style:
                        segs = list(Segment.apply_style(segs, style))
                    shaped.append(Segment.adjust_line_length(segs, width, style=style))
                cells.append(shaped)
            height = max(len(c) for c in cells)
            for n, (width, shaped) in enumerate(zip(widths, cells)):
                blank = [Segment(" " * width, style)]
                missing = [blank] * (height - len(shaped))
                cells[n] = (missing + shaped) if header else (shaped + missing)
            first, last = index == 0, index == count - 1
            left_edge, right_edge, divider = edges[0 if first else (2 if last else 1)]
            if not divider.text.strip():
                divider = Segment(divider.text, null.background_style + divider.style)
            for line_no in range(height):
                yield left_edge
                for n, shaped in enumerate(cells):
                    yield from shaped[line_no]
                    if n < len(cells) - 1:
                        yield divider
                yield right_edge
                yield new_line
            if header:
                yield Segment(box.get_row(widths, "head", edge=True), null)
                yield new_line
        yield Segment(box.get_bottom(widths), null)
        yield new_line
