"""`ybguide letter`: the written complaint letter, its formats, and its wording from the data.

Golden files: tests/golden/*.txt.  After an intended change of wording, regenerate them with
UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_letter.py and review the diff.
"""

import os
import re
import sys

import pytest

from conftest import ROOT, edit
from conftest import FULL, ID

GOLDEN = ROOT / "tests" / "golden"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path} (UPDATE_GOLDEN=1 to regenerate)"


@pytest.fixture
def case1(run):
    assert run("case", "add", *FULL, "--address", "太原市小店区某街1号").exit_code == 0
    assert run("case", "log", "1", "致电12393查询进度，答复仍在调查", "--kind", "call",
               "--at", "2024-05-20 10:30").exit_code == 0
    assert run("case", "log", "1", "去医院医保办询问，答复按规定不予报销", "--kind", "visit",
               "--at", "2024-05-15").exit_code == 0


def test_golden_letter_from_a_case(run, case1, tmp_path):
    out = tmp_path / "投诉信.txt"
    r = run("letter", "--case", "1", "--today", "2024-06-10", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Notepad shows Chinese
    text = raw[3:].decode("utf-8")
    assert text.count("\n") == text.count("\r\n") > 30  # every line ends in CRLF, as Notepad writes them
    golden("letter-case.txt", text.replace("\r\n", "\n"))


def test_golden_blank_letter(run):
    """No case, no options: a form with the fixed wording and lines to fill in by hand."""
    r = run("letter", "--today", "2024-06-10", "--json")
    assert r.exit_code == 0, r.stderr
    golden("letter-blank.txt", r.json()["text"])


def test_letter_parts(run, case1):
    d = run("letter", "--case", "1", "--today", "2024-06-10", "--json").json()
    text = d["text"]
    lines = text.splitlines()
    assert lines[0].strip() == "投诉信" and "投诉" in lines[1]  # marked 「投诉」
    assert "山西省医疗保障局信访办（太原市万柏林区滨河西路南段129号，邮编030024）" in text
    assert "1101**********002X" in text and ID not in text  # masked by default
    assert "被投诉对象" in text and "太原市某医院" in text
    # Facts in the order they happened, whatever the order they were logged in.
    assert d["facts"] == [
        "2024年4月28日，在太原市某医院，住院费用中部分项目未按规定报销。涉及金额1,280.50元。",
        "2024年5月6日，本人拨打12393医保服务热线提出投诉，工单编号2024050600123，接待人员王五。",
        "2024年5月15日，去医院医保办询问，答复按规定不予报销。",
        "2024年5月20日，致电12393查询进度，答复仍在调查。",
    ]
    assert "1. 重新报销" in text and "2. 道歉" in text
    assert "附件1：住院费用票据复印件" in text and "均为复印件，原件由本人保留" in text
    assert "联系电话：13912345678" in text and "联系地址：太原市小店区某街1号" in text
    assert "此致" in text and "投诉人（签名）" in text and lines[-1].strip() == "2024年6月10日"
    assert d["envelope"][:3] == ["邮政编码：030024", "收件地址：太原市万柏林区滨河西路南段129号",
                                 "收件人：山西省医疗保障局信访办（收）"]
    advice = "".join(d["advice"])
    assert "挂号信或快递" in advice and "保留邮寄凭证" in advice and "请先打电话确认" in advice
    assert d["masked"]


def test_reveal_writes_the_full_number(run, case1):
    d = run("letter", "--case", "1", "--reveal", "--json").json()
    assert ID in d["text"] and not d["masked"]


def test_letter_is_logged_on_the_case(run, case1, tmp_path):
    run("letter", "--case", "1", "--out", str(tmp_path / "x.md"))
    log = run("case", "show", "1", "--json").json()["log"]
    assert log[-1]["kind"] == "letter" and log[-1]["auto"] and log[-1]["text"] == "写了投诉信（x.md）"
    # ybguide's own entries are not facts in the next letter.
    facts = run("letter", "--case", "1", "--json").json()["facts"]
    assert not any("写了书面投诉信" in f for f in facts)


def test_screen_output_has_letter_envelope_and_advice(run, case1):
    r = run("letter", "--case", "1", "--today", "2024-06-10")
    assert r.exit_code == 0
    assert "　　1. 2024年4月28日，在太原市某医院" in r.stdout  # the letter's lines are not re-wrapped
    assert "信封这样写" in r.stdout and "寄信提醒" in r.stdout and "挂号信" in r.stdout


def test_options_override_the_case_for_this_letter_only(run, case1):
    d = run("letter", "--case", "1", "--phone", "0351-7654321", "--ask", "退还多收的费用", "--json").json()
    assert "联系电话：0351-7654321" in d["text"] and "1. 退还多收的费用" in d["text"]
    assert "重新报销" not in d["text"]
    assert run("case", "show", "1", "--json").json()["phone"] == "13912345678"


def test_letter_from_options_only(run):
    d = run("letter", "--name", "李四", "--institution", "晋中市某药店", "--summary", "多收费",
            "--incident-date", "2024-05-01", "--evidence", "收费票据复印件", "--json").json()
    assert "本人李四，现就晋中市某药店的医保服务问题向贵单位投诉" in d["text"]
    assert d["facts"] == ["2024年5月1日，在晋中市某药店，多收费。"]
    assert "附件1：收费票据复印件" in d["text"]


def test_interactive_letter(run):
    answers = "王五\n\n\n\n太原市某医院\n\n\n\n没给报销\n重新报销\n\n票据复印件\n\n13900000000\n\n"
    r = run("letter", "-i", "--json", input=answers)
    assert r.exit_code == 0, r.stderr
    assert "本人王五" in r.stdout and "1. 重新报销" in r.stdout and "附件1：票据复印件" in r.stdout


def test_user_text_is_not_markup_or_a_template(run, tmp_path):
    evil = "{name}{recipient} [red]收费[/red] *粗* <b>"
    for fmt in ("txt", "md", "docx"):
        out = tmp_path / f"l.{fmt}"
        r = run("letter", "--name", "[bold]王[/bold]", "--summary", evil, "--out", str(out))
        assert r.exit_code == 0, r.stderr
    assert evil in (tmp_path / "l.txt").read_text(encoding="utf-8-sig")
    assert "[bold]王[/bold]" in (tmp_path / "l.txt").read_text(encoding="utf-8-sig")
    md = (tmp_path / "l.md").read_text(encoding="utf-8")
    # character references, not backslashes: renders as typed and reads cleanly in Notepad
    assert "{name}{recipient} &#91;red&#93;收费&#91;/red&#93; &#42;粗&#42; &#60;b&#62;" in md
    assert "\\" not in md
    import docx

    paragraphs = [p.text for p in docx.Document(str(tmp_path / "l.docx")).paragraphs]
    assert any(evil in p for p in paragraphs)
    r = run("letter", "--summary", evil, env={"COLUMNS": "200"})
    assert evil in r.stdout


def test_docx_opens_again_with_its_paragraphs(run, case1, tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = tmp_path / "投诉信.docx"
    r = run("letter", "--case", "1", "--today", "2024-06-10", "--out", str(out))
    assert r.exit_code == 0 and "投诉信已保存到" in r.stdout
    doc = docx.Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    txt = run("letter", "--case", "1", "--today", "2024-06-10", "--json").json()["text"]
    # The same blocks as the text letter, one paragraph each.
    assert paragraphs == [ln.strip("\u3000") for ln in txt.splitlines() if ln.strip()]
    title = doc.paragraphs[0]
    assert title.text == "投诉信" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    assert doc.paragraphs[-1].text == "2024年6月10日"
    assert doc.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert "参保人身份证号：1101**********002X" in paragraphs


def test_docx_without_python_docx(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # as if it were not installed
    out = tmp_path / "l.docx"
    r = run("letter", "--out", str(out))
    assert r.exit_code == 2 and "python-docx" in r.stderr and "pip install python-docx" in r.stderr
    assert not out.exists() and not list(tmp_path.glob(".*tmp"))


def test_failed_letter_is_not_logged(run, case1, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    before = run("case", "show", "1", "--json").json()["log"]
    assert run("letter", "--case", "1", "--out", str(tmp_path / "l.docx")).exit_code == 2
    assert run("case", "show", "1", "--json").json()["log"] == before


def test_unsupported_format(run, tmp_path):
    r = run("letter", "--out", str(tmp_path / "l.rtf"))
    assert r.exit_code == 2 and ".txt、.md、.docx 或 .pdf" in r.stderr


def test_letter_file_is_private(run, tmp_path):
    out = tmp_path / "l.txt"
    run("letter", "--out", str(out))
    assert (out.stat().st_mode & 0o777) == 0o600


@pytest.fixture
def data_copy(data_copy, monkeypatch):
    monkeypatch.setenv("YBGUIDE_DATA_DIR", str(data_copy))  # the letter reads the copy
    return data_copy


def test_address_and_wording_come_from_the_data(run, data_copy):
    ch = data_copy / "regions" / "CN-SX" / "pack.yaml"  # the Shanxi pack's address: its words
    edit(ch, 'mail_postcode: "030024"', 'mail_postcode: "030099"')
    lt = data_copy / "letter.yaml"
    lt.write_text(lt.read_text(encoding="utf-8").replace("closing: [此致, 敬礼！]", "closing: [此致, 敬礼！！]"),
                  encoding="utf-8")
    d = run("letter", "--json").json()
    assert "邮编030099" in d["text"] and "邮政编码：030099" in d["envelope"] and "敬礼！！" in d["text"]


@pytest.mark.parametrize("old, new, expected", [
    ('salutation: "{recipient}："', 'salutation: "{recipent}："', "letter.salutation：未知的占位符「{recipent}」"),
    ("  channel: mail-letter\n", "  channel: mail-leter\n", "「mail-letter」"),
    ("  title: 投诉信\n", "", "缺少必填的键「title」"),
])
def test_letter_template_errors_name_file_key_and_line(run, data_copy, old, new, expected):
    lt = data_copy / "letter.yaml"
    text = lt.read_text(encoding="utf-8")
    assert old in text
    lt.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "letter.yaml:" in r.stderr and expected in r.stderr, r.stderr
    assert re.search(r"letter\.yaml:\d+ ", r.stderr)


def test_the_letter_fields_are_listed_once():
    """The command line asks for, and the web page's form shows, the library's list of the letter's
    fields (the web page without the ID and card numbers)."""
    import typer.main

    from yb_guide.cases.model import LETTER_FIELDS, NUMBER_FIELDS
    from yb_guide.cli import case_form
    from yb_guide.cli.letters import letter
    from yb_guide.web import forms

    assert case_form.LETTER_FIELDS is LETTER_FIELDS
    assert forms.LETTER_FIELDS == tuple(f for f in LETTER_FIELDS if f not in NUMBER_FIELDS)
    app = typer.Typer(add_completion=False)
    app.command()(letter)
    options = {p.name for p in typer.main.get_command(app).params}
    options = {"asks" if o == "ask" else o for o in options}
    assert set(LETTER_FIELDS) <= options, set(LETTER_FIELDS) - options


def test_a_case_s_letter_goes_to_the_bureau_of_the_region_it_was_recorded_under(run, case1):
    """A case made under CN-SX keeps its region: written later with the national guide chosen, its
    letter is still addressed to the Shanxi bureau, and the letter says which region it used."""
    assert run("case", "show", "1", "--json").json()["region"] == "CN-SX"
    sx = run("letter", "--case", "1", "--today", "2024-06-10", "--json").json()
    cn = run("--region", "CN", "letter", "--case", "1", "--today", "2024-06-10", "--json")
    assert cn.exit_code == 0, cn.stderr
    cn = cn.json()
    assert cn["text"] == sx["text"] and "山西省医疗保障局信访办" in cn["text"]
    assert cn["region"]["id"] == "CN-SX" and sx["region_note"] is None
    assert "山西省" in cn["region_note"] and "全国" in cn["region_note"]
    screen = run("--region", "CN", "letter", "--case", "1", "--today", "2024-06-10").stdout
    assert "这封信按山西省写" in screen.replace("\n", "")
    # a letter without a case is the chosen region's
    blank = run("--region", "CN", "letter", "--today", "2024-06-10", "--name", "张三", "--json").json()
    assert blank["region"]["id"] == "CN" and "山西" not in blank["text"]


def test_a_case_of_a_region_whose_pack_is_gone_says_so(run, monkeypatch):
    from conftest import ROOT

    monkeypatch.setenv("YBGUIDE_PACKS", str(ROOT / "tests" / "fixtures" / "packs"))
    assert run("--region", "CN-ZZ", "case", "add", *FULL).exit_code == 0
    monkeypatch.delenv("YBGUIDE_PACKS")
    from yb_guide.base.cache import reset_caches

    reset_caches()  # as a new start would: the pack is no longer there
    r = run("letter", "--case", "1", "--today", "2024-06-10")
    assert r.exit_code == 2 and "CN-ZZ" in r.stderr and "找不到这个地区的数据包" in r.stderr
