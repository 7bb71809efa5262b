"""schedule.sheets: workbooks as rows of text and back, and CSV cells Excel opens as they are."""

import datetime as dt

import pytest

from yb_guide.schedule.sheets import cell_text, excel_safe, excel_unwrap


@pytest.mark.parametrize("value, text", [
    (None, ""), (True, "是"), (7, "7"), (7.0, "7"), (1280.5, "1280.5"), (dt.datetime(2024, 5, 6), "2024-05-06"),
    (dt.datetime(2024, 5, 6, 10, 30), "2024-05-06 10:30"), (dt.datetime(2024, 5, 6, 10, 30, 8), "2024-05-06 10:30:08"),
    (dt.date(2024, 5, 6), "2024-05-06"), (1.40105195403152e17, "1.40105195403152e+17"), ("王秀英", "王秀英"),
])
def test_cells_read_as_a_csv_would_hold_them(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize("text, digits, written", [
    ("140105195403152019", True, '="140105195403152019"'), ("03511234567", True, '="03511234567"'),
    ("11010519491231002X", True, "11010519491231002X"), ("0351-1234567", True, "0351-1234567"),
    ("140105195403152019", False, "140105195403152019"), ("-住院费", False, '="-住院费"'),
    ('=HYPERLINK("x")', False, '="=HYPERLINK(""x"")"'), ("-第一项\n第二项", False, " -第一项\n第二项"),
    ("王秀英", False, "王秀英"),
])
def test_excel_safe_cells_and_back(text, digits, written):
    assert excel_safe(text, digits) == written
    assert excel_unwrap(written).strip() == text.strip()


def test_a_written_workbook_has_typed_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from yb_guide.schedule.sheets import read_xlsx, write_xlsx

    path = tmp_path / "x.xlsx"
    write_xlsx(path, ["序号", "身份证号", "日期", "公式"], [["1", "140105195403152019", "2024-05-06", "=1+1"],
                                                      ["2", "0351", "不是日期", "@x"]], dates={2}, numbers={0})
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[2]] == [1, "140105195403152019", dt.datetime(2024, 5, 6), "=1+1"]
    assert ws["D2"].data_type == "s" and ws["C3"].value == "不是日期" and ws["B3"].value == "0351"
    sheet = read_xlsx(path, "x.xlsx")
    assert sheet.rows[1] == ["1", "140105195403152019", "2024-05-06", "=1+1"] and sheet.dates == {2} and 0 in sheet.numbers
