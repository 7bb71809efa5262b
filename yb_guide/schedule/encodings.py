"""The text encodings of a batch's CSV files: which one a file is in, which ones a result can be
written in, the --encoding and --on-error values (their one-line errors), and cells that start
like a formula written as text (``formula_safe``)."""

from __future__ import annotations

import io
import re
from typing import BinaryIO, TextIO

from yb_guide.base.errors import UserError

# Encodings a result can be written in: what --encoding accepts, and how a summary names them.
ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8（带 BOM）", "gbk": "GBK", "gb18030": "GBK/GB18030",
                   "xlsx": "Excel 工作簿（.xlsx）"}
CODECS = ("utf-8", "utf-8-sig", "gbk", "gb18030")
ON_ERROR = ("keep", "skip", "stop")  # skip: the old name of keep (bad rows are no longer dropped)


def detect_encoding(head: bytes) -> str:
    """UTF-8 (BOM or not) if the bytes decode as UTF-8, else GB18030 (a superset of GBK)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("这个 CSV 是 UTF-16 编码（Excel 的“Unicode 文本”）。",
                        hint="请在 Excel 里另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3:  # the sample ended inside a character
            return "utf-8"
        return "gb18030"


def check_encoding(name: str | None) -> str | None:
    """``--encoding``'s value as a codec name (None: the input's own), or a one-line error."""
    if name is None:
        return None
    key = name.strip().lower().replace("_", "-").replace("utf8", "utf-8")
    if key not in CODECS:
        raise UserError(f"--encoding 的值「{name}」不对。",
                        hint="可用：utf-8、utf-8-sig（带 BOM，Excel 直接打开）、gbk、gb18030；不写则与输入文件相同")
    return key


def check_on_error(on_error: str) -> None:
    if on_error not in ON_ERROR:
        raise UserError(f"--on-error 的值「{on_error}」不对。",
                        hint="可用：keep（错误行照抄，在「错误」列写明原因，继续）、stop（遇错停止）")


def open_text(binary: BinaryIO) -> tuple[TextIO, str]:
    """Wrap a binary stream (file or stdin) as text in the detected encoding, without reading ahead."""
    buffered = binary if hasattr(binary, "peek") else io.BufferedReader(binary)
    encoding = detect_encoding(buffered.peek(65536)[:65536])
    return io.TextIOWrapper(buffered, encoding=encoding, newline=""), encoding


# A CSV text with a cell that may start like a formula (=, +, -, @, also inside quotes).  Substring
# tests first, on a whole chunk of rows (a few hundredths of a microsecond a row; the regular expression
# on every line cost 1.3 microseconds, a million rows more than a second): only a chunk they find is searched, and
# only a chunk the search finds is split and written again.
_may_be_formula = re.compile(r'(?:^|[,\n])"?[=+\-@]').search


class FormulaSafe:
    """A text sink (for whole CSV records) that writes every cell that starts like a formula as
    ``excel_safe`` makes it, the function ``case export --csv`` uses; the rest goes through as it is."""

    def __init__(self, sink: TextIO):
        self._sink = sink
        self.encoding = getattr(sink, "encoding", None)

    def __getattr__(self, name):
        return getattr(self._sink, name)

    def write(self, text: str):
        if ("=" in text or "+" in text or "@" in text or ",-" in text or '"-' in text or "\n-" in text
                or text[:1] == "-") and _may_be_formula(text):
            text = _formulas_as_text(text)
        return self._sink.write(text)


def _formulas_as_text(text: str) -> str:
    import csv

    from yb_guide.schedule.sheets import excel_safe

    rows = list(csv.reader(io.StringIO(text, newline="")))
    safe = [[excel_safe(c, False) for c in row] for row in rows]
    if safe == rows:
        return text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(safe)
    return out.getvalue()
