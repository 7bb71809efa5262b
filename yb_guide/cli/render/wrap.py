"""Line breaking for Chinese text on a terminal.

rich breaks lines at spaces and folds what has none at any character, so in Chinese a date, a phone
number, a URL or an id is cut in two (202/4-05-06) and lines start with '，' or '）'.  ``divide_line``
takes rich's place (``install``): it keeps every run of letters and digits whole (dates, times,
numbers, phones, ids, URLs, options like --decision-known) unless it is longer than the line, never
starts a line with closing punctuation nor ends one with opening punctuation (the usual 避头尾 rule),
and breaks anywhere else between two Chinese characters.
"""

from __future__ import annotations

import re

# A URL, a run of letters/digits with the punctuation that lives inside them (2024-05-06, 8:30-17:30,
# 1,280.50, hall-visit, --filed), a run of spaces, or one other character.
# A file path (/home/…, ~/…, C:\\…) is one unit too, so it is never broken at a '/'.
_PATH = r"(?:~?/|[A-Za-z]:\\)[0-9A-Za-z_.~-][^\s，。；：！？）」』》”’]*"
PATH = re.compile(_PATH)
_UNIT = re.compile(r"https?://[!-~]+|" + _PATH + r"|-{0,2}[0-9A-Za-z](?:[0-9A-Za-z_./:@%+#&=?~-]|,(?=\d))*|\s+|.", re.S)
CLOSING = set("，。、；：！？）」』》〉】〕〗”’…%,.;:!?)]}～※")
OPENING = set("（「『《〈【〔〖“‘([{")


def _cells(text: str) -> int:
    if text.isascii():  # letters, digits, spaces: one cell each (most units; rich's lookup is slower)
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets at which ``text`` is broken into lines of at most ``width`` cells (rich's contract)."""
    units = [(m.start(), m.group()) for m in _UNIT.finditer(text)]
    widths = [_cells(u) for _, u in units]
    breaks: list[int] = []
    first = 0  # index of the first unit on the current line
    col = 0
    i = 0
    while i < len(units):
        start, unit = units[i]
        w = widths[i]
        if unit.isspace() or col + w <= width:
            col += w  # spaces may run past the end: rich trims them there
            i += 1
            continue
        if col == 0 or i == first:  # one unit longer than a whole line: fold it
            if not fold or unit.isspace():
                col += w
                i += 1
                continue
            taken = 0
            for k, ch in enumerate(unit):
                cw = _cells(ch)
                if taken + cw > width:
                    breaks.append(start + k)
                    taken = 0
                taken += cw
            col = taken
            first = i
            i += 1
            continue
        b = i
        # 避头: a line must not start with closing punctuation; 避尾: nor end with opening punctuation.
        while b > first + 1 and (units[b][1] in CLOSING or units[b - 1][1] in OPENING):
            b -= 1
        if units[b][1] in CLOSING or units[b - 1][1] in OPENING:
            b = i  # nothing else on the line to move: break where it must
        while b < i and units[b][1].isspace():
            b += 1
        breaks.append(units[b][0])
        first = b
        col = sum(widths[b:i])
    return breaks


_installed = False


def install() -> None:
    """Make rich break Chinese lines this way (called once, when the command line first draws)."""
    global _installed
    if _installed:
        return
    import rich.text

    rich.text.divide_line = divide_line
    _installed = True
