"""The screens' tables (cli.render.table, drawn without rich's Table for start-up) look exactly like rich's:
the same characters in the same styles, at every width, on colour, GBK and legacy consoles."""

import datetime as dt
import io
import random

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from yb_guide.cli.render import channels as render_channels
from yb_guide.cli.render import dates as render_dates
from yb_guide.cli.render.kit import Responsive, T
from yb_guide.cli.render.table import Table
from yb_guide.cli.render.wrap import install

WIDTHS = [24, 37, 40, 59, 60, 61, 72, 80, 89, 90, 99, 100, 101, 120, 150]


class _GBK(io.StringIO):
    encoding = "gbk"


def _console(width: int, kind: str) -> Console:
    install()
    if kind == "gbk":  # ASCII-only: rich swaps the box for an ASCII one
        return Console(file=_GBK(), width=width, force_terminal=True, color_system="standard", highlight=False,
                       markup=False, emoji=False, legacy_windows=False)
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor", highlight=False,
                   markup=False, emoji=False, legacy_windows=kind == "legacy", soft_wrap=False)


def _cells(console: Console, renderable) -> list[tuple[str, str]]:
    """Every character drawn, with the terminal codes of its style."""
    out = []
    for seg in console.render(renderable, console.options):
        codes = seg.style._make_ansi_codes(console.color_system) if isinstance(seg.style, Style) and seg.style \
            else ""
        out += [(ch, codes) for ch in seg.text]
    return out


def _tables(renderables) -> list[Table]:
    found = []
    for r in renderables:
        if isinstance(r, Table):
            found.append(r)
        elif isinstance(r, Responsive):
            found += _tables(r.wide())
    return found


def assert_same(table: Table, widths=WIDTHS):
    assert table._simple()  # drawn by this module, not handed to rich
    for kind in ("colour", "gbk", "legacy"):
        for width in widths:
            c = _console(width, kind)
            ours, theirs = _cells(c, table), _cells(c, table.rich())
            assert ours == theirs, (kind, width, "".join(ch for ch, _ in ours), "".join(ch for ch, _ in theirs))


@pytest.fixture(scope="module")
def k():
    from yb_guide.knowledge import loader

    return loader.get()


def test_the_channels_table(k):
    from yb_guide.views import channels as views

    tables = _tables(render_channels.channels_list(views.channels_list(k)))
    assert tables
    for t in tables:
        assert_same(t)


def test_every_checklist_table(k):
    from yb_guide.views import channels as views

    now = dt.datetime(2024, 5, 20, 10, 0)
    for cid in sorted(c.id for c in k.checklists):
        for acting in (False, True):
            for t in _tables(render_channels.checklist_detail(views.checklist_page(k, cid, now, acting=acting))):
                assert_same(t, widths=[60, 90, 100, 120])


def test_calendar_months():
    from yb_guide.calendar import workdays
    from yb_guide.views import dates as views

    cal = workdays.get_calendar(None)
    for year, month in ((2024, 2), (2026, 10), (2031, 5)):
        for t in _tables(render_dates.month(views.month(cal, year, month))):
            assert_same(t)


def test_made_up_tables_with_long_words_styles_and_lines():
    rnd = random.Random(22)
    words = ["医保", "投诉", "2024-05-06", "https://example.org/a/b", "12393", "（推算）", "hall-visit", " ",
             "，", "一个很长的没有空格的中文句子需要被折行", "a", "\n", "/home/user/一个/路径.docx"]
    styles = ["", "bold", "dim", "red", "bold red", "cyan"]
    for n in range(40):
        t = Table(box=rnd.choice(["SIMPLE", "SIMPLE_HEAVY"]), title=rnd.choice([None, "案件（今天：2024-05-20）"]),
                  title_justify=rnd.choice(["left", "center"]), show_header=rnd.random() < 0.8,
                  pad_edge=rnd.random() < 0.6)
        ncols = rnd.randint(1, 7)
        for _ in range(ncols):
            t.add_column(rnd.choice(["", "渠道", "下一个期限", "No"]), justify=rnd.choice(["left", "right", "center"]),
                         no_wrap=rnd.random() < 0.3, overflow=rnd.choice(["fold", "ellipsis", "crop"]),
                         min_width=rnd.choice([None, None, 6, 16]), ratio=rnd.choice([None, 1, 3]))
        for _ in range(rnd.randint(0, 5)):
            row = []
            for _ in range(ncols):
                cell = Text("".join(rnd.choice(words) for _ in range(rnd.randint(0, 6))), style=rnd.choice(styles))
                if rnd.random() < 0.3:
                    cell.append("\n（推算）", style=rnd.choice(styles))
                row.append(cell)
            t.add_row(*row)
        assert_same(t, widths=[20, 33, 60, 80, 100, 120])


def test_a_table_it_cannot_draw_goes_to_rich():
    t = Table(box="SIMPLE", show_lines=True)
    t.add_column("a")
    t.add_row(T("x"))
    assert not t._simple()
    c = _console(40, "colour")
    assert _cells(c, t) == _cells(c, t.rich())
