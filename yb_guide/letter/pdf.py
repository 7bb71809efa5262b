"""Blocks laid out as an A4 PDF with a Chinese font from the computer embedded (only the characters
used), so the file shows the same in any PDF reader, on a phone too.

fpdf2 writes the file; the font is the first of ``FONTS`` found (Noto CJK on Linux, 黑体/宋体 on
Windows, 黑体 on a Mac), or the one the YBGUIDE_PDF_FONT environment variable names.  With none, one
line says which package to install.  Imported only when a PDF is written.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from yb_guide.base.errors import UserError

FONT_VARIABLE = "YBGUIDE_PDF_FONT"
# (regular, bold or None): the usual places of a Chinese font on Linux, Windows and macOS.
_NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
_WINDOWS = os.environ.get("WINDIR", "C:/Windows").replace("\\", "/")
FONTS = (
    (_NOTO.format("Regular"), _NOTO.format("Bold")),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
    (f"{_WINDOWS}/Fonts/simhei.ttf", None),  # 黑体, on every Chinese Windows
    (f"{_WINDOWS}/Fonts/msyh.ttc", f"{_WINDOWS}/Fonts/msyhbd.ttc"),  # 微软雅黑
    (f"{_WINDOWS}/Fonts/simsun.ttc", None),
    ("/System/Library/Fonts/STHeiti Medium.ttc", None),
    ("/Library/Fonts/Arial Unicode.ttf", None),
)
FONT_MISSING = "要生成 PDF 文件，需要电脑上有中文字体，但没有找到。"
FONT_HINT = ("Debian/Ubuntu：sudo apt install fonts-noto-cjk；也可以用环境变量 YBGUIDE_PDF_FONT 指定一个中文字体文件"
             "（.ttf/.otf/.ttc）；或改用 --out 清单.docx")


@dataclass(frozen=True)
class Font:
    regular: Path
    bold: Path | None


def find_font() -> Font:
    """The Chinese font a PDF embeds; a ``UserError`` naming the package to install when none is found."""
    named = os.environ.get(FONT_VARIABLE)
    if named:
        path = Path(named)
        if not path.is_file():
            raise UserError(f"环境变量 {FONT_VARIABLE} 指定的字体文件 {path} 不存在。", hint=FONT_HINT)
        return Font(path, None)
    for regular, bold in FONTS:
        if Path(regular).is_file():
            return Font(Path(regular), Path(bold) if bold and Path(bold).is_file() else None)
    raise UserError(FONT_MISSING, hint=FONT_HINT)


def _face(path: Path) -> int:
    """Which font of a collection (.ttc) to use: the simplified-Chinese one (Noto's "… SC"), else the first."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as fonts:
        for i, font in enumerate(fonts.fonts):
            family = font["name"].getDebugName(1) or ""
            if family.split()[-1:] == ["SC"]:
                return i
    return 0


# How each kind of block looks: (size in pt, bold, alignment, left indent in mm, space before in mm).
STYLES = {
    "title": (24, True, "C", 0, 0), "mark": (16, True, "C", 0, 0),
    "heading": (17, True, "L", 0, 4), "para": (15, False, "L", 0, 1.5), "addressee": (15, False, "L", 0, 1.5),
    "salutation": (15, False, "L", 0, 1.5), "item": (15, False, "L", 8, 0.5), "numbered": (15, False, "L", 8, 0.5),
    "closing": (15, False, "L", 8, 1.5), "sign": (15, False, "R", 0, 3),
    "check": (17, True, "L", 12, 2.5), "why": (14, False, "L", 12, 0.5),
    "warn": (15, True, "L", 0, 2), "small": (12, False, "L", 0, 4),
}
BOX_MM = 6  # the check box, drawn: the ballot-box glyph is missing from many Chinese fonts


def render(blocks, title: str, date: dt.date) -> bytes:
    """The PDF of ``blocks`` (``letter.build.Block``s, with ``check``, ``why``, ``warn`` and ``small``
    for a checklist), A4 portrait, 20 mm margins, page numbers; made in memory."""
    try:
        from fpdf import FPDF
        from fpdf.enums import WrapMode, XPos, YPos
    except ImportError:
        raise UserError("要生成 PDF 文件，需要先安装 fpdf2。",
                        hint="安装时应当已经装好；请重新运行 README 第一行的安装命令（或 .venv/bin/pip install fpdf2）；或改用 --out 清单.docx") from None
    font = find_font()

    class Paper(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=11)
            self.cell(0, 10, f"第 {self.page_no()} 页", align="C")

    pdf = Paper(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    try:
        pdf.add_font("cjk", fname=str(font.regular), collection_font_number=_face(font.regular))
        bold = font.bold or font.regular
        pdf.add_font("cjk", style="B", fname=str(bold), collection_font_number=_face(bold))
    except Exception as err:  # a damaged or unsupported font file: say which, not a traceback
        raise UserError(f"字体文件 {font.regular} 不能用来生成 PDF（{type(err).__name__}）。", hint=FONT_HINT) from None
    pdf.set_title(title)
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(dt.datetime.combine(date, dt.time(9, 0), tzinfo=dt.timezone(dt.timedelta(hours=8))))
    pdf.add_page()
    import logging

    quiet = logging.getLogger("fpdf")  # a missing glyph is said below, in Chinese, not logged in English
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        _lay_out(pdf, blocks, XPos, YPos, WrapMode)
    finally:
        quiet.setLevel(level)
    missing = sorted({chr(c) if isinstance(c, int) else str(c) for f in pdf.fonts.values()
                      for c in getattr(f, "missing_glyphs", ())})
    if missing:
        raise UserError(f"PDF 用的字体（{font.regular.name}）里没有这些字：{'、'.join(missing)}，印出来会是空白。",
                        hint="改用 --out 的 .docx（Word 用电脑自己的字体），或用环境变量 YBGUIDE_PDF_FONT 换一个字体")
    return bytes(pdf.output())


def _lay_out(pdf, blocks, XPos, YPos, WrapMode) -> None:
    for block in blocks:
        size, bold_, align, indent, before = STYLES.get(block.kind, STYLES["para"])
        pdf.set_font("cjk", style="B" if bold_ else "", size=size)
        height = size * 0.5  # mm per line: about 1.4 times the type, easy to read
        pdf.ln(before)
        if pdf.will_page_break(height * 2):
            pdf.add_page()
        if block.kind == "check":
            y = pdf.get_y() + (height - BOX_MM) / 2
            pdf.set_line_width(0.5)
            pdf.rect(pdf.l_margin + 1, y, BOX_MM, BOX_MM)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, height, block.text, align=align, wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
