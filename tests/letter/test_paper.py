"""Paper for residents: the checklist as .docx and .pdf (A4, large print, boxes, the channel's contact
and whether it was confirmed, no command line, no "today"), and the 授权委托书."""

import re
from pathlib import Path

import pytest

from conftest import ID

from paperkit import A4_PT, NO_COMMANDS, cjk_font, docx_text, pdf_text  # noqa: F401 (cjk_font: a fixture)


def test_checklist_pdf_is_a4_with_the_items_and_no_command(run, tmp_path, cjk_font):
    out = tmp_path / "清单.pdf"
    r = run("checklist", "hall-visit", "--out", str(out), "--today", "2026-12-05")
    assert r.exit_code == 0, r.stderr
    assert "清单.pdf" in r.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    sizes, text = pdf_text(out)
    assert sizes and all(s == A4_PT for s in sizes)
    for words in ("现场投诉要带的材料", "参保人本人的身份证（原件和复印件，必备）", "医保卡或社保卡",
                  "太原市万柏林区滨河西路南段129号", "9:00-17:00", "未经官方核实", "12393", "来源："):
        assert words in text, words
    assert not NO_COMMANDS.search(text)
    assert "工作日，服务大厅" not in text and "2026" not in text  # no day on it unless asked
    # someone acting for the insured would bring more: said, not listed as items
    assert "替家人代办时还要带：授权委托书" in text


def test_the_font_is_embedded(run, tmp_path, cjk_font):
    from pypdf import PdfReader

    out = tmp_path / "清单.pdf"
    assert run("checklist", "hall-visit", "--out", str(out)).exit_code == 0
    fonts = []
    for page in PdfReader(str(out)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append((font["/BaseFont"], any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if "NotoSansCJK" in cjk_font.regular.name:  # of the collection's faces, the simplified-Chinese one
        assert all(str(name).endswith(("SC", "SCBold")) for name, _ in fonts), fonts
    assert out.stat().st_size < 200_000  # a subset of the font, not the whole 20 MB collection


def test_checklist_docx_large_print_with_boxes(run, tmp_path):
    from docx.shared import Pt

    out = tmp_path / "清单.docx"
    r = run("checklist", "hall-visit", "--acting", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    doc, text = docx_text(out)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert doc.styles["Normal"].font.size >= Pt(16)
    boxes = [p.text for p in doc.paragraphs if p.text.startswith("□ ")]
    assert "□ 授权委托书（参保人签名或按手印）（原件，必备）" in boxes  # --acting: the agent's items are ticked too
    assert "□ 代办人本人的身份证（原件和复印件，必备）" in boxes and len(boxes) == 8
    assert "替家人代办时还要带" not in text
    assert "太原市万柏林区滨河西路南段129号" in text and "未经官方核实" in text
    assert not NO_COMMANDS.search(text) and "不是工作日" not in text


def test_the_day_is_on_the_paper_only_when_asked(run, tmp_path, cjk_font):
    out = tmp_path / "清单.pdf"
    r = run("checklist", "hall-visit", "--out", str(out), "--day", "2027-01-01", "--today", "2026-12-05")
    assert r.exit_code == 0, r.stderr
    _, text = pdf_text(out)
    assert "打算去的那天" in text and "不是工作日" in text and "元旦" in text  # 2027-01-01 is 元旦
    assert "下一个开放日" in text


def test_mail_checklist_shows_the_postal_contact(run, tmp_path):
    out = tmp_path / "寄信.docx"
    assert run("checklist", "mail-letter", "--out", str(out)).exit_code == 0
    _, text = docx_text(out)
    assert "收件人：山西省医疗保障局信访办" in text and "邮编：030024" in text


@pytest.mark.parametrize("args, message", [
    (("--out", "清单.txt"), ".docx 或 .pdf"),
    (("--day", "2027-01-04"), "--day 只和 --out 一起用"),
    (("--out", "x.pdf", "--day", "2026-12-01", "--today", "2026-12-05"), "已经过去了"),
])
def test_checklist_paper_refuses_what_it_cannot_do(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = run("checklist", "hall-visit", *args)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr
    assert not [p for p in tmp_path.iterdir() if p.suffix]  # no file written, whole or in part


def test_an_existing_file_is_kept(run, tmp_path, cjk_font):
    out = tmp_path / "清单.pdf"
    out.write_bytes(b"mine")
    r = run("checklist", "hall-visit", "--out", str(out))
    assert r.exit_code == 2 and "已经存在" in r.stderr and out.read_bytes() == b"mine"
    assert run("checklist", "hall-visit", "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes().startswith(b"%PDF-") and not list(tmp_path.glob(".*tmp"))


def test_a_font_named_by_the_environment(run, tmp_path, monkeypatch):
    serif = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not serif.is_file():
        pytest.skip("fonts-noto-cjk's serif font is not installed")
    monkeypatch.setenv("YBGUIDE_PDF_FONT", str(serif))
    out = tmp_path / "清单.pdf"
    assert run("checklist", "hall-visit", "--out", str(out)).exit_code == 0
    from pypdf import PdfReader

    names = [str(f.get_object()["/BaseFont"]) for f in PdfReader(str(out)).pages[0]["/Resources"]["/Font"].values()]
    assert names and all("NotoSerifCJKSC" in n for n in names), names


def test_no_chinese_font_one_line_and_exit_2(run, tmp_path, monkeypatch):
    from yb_guide.letter import pdf

    monkeypatch.delenv(pdf.FONT_VARIABLE, raising=False)
    monkeypatch.setattr(pdf, "FONTS", ((str(tmp_path / "none.ttc"), None),))
    out = tmp_path / "清单.pdf"
    r = run("checklist", "hall-visit", "--out", str(out))
    assert r.exit_code == 2 and "中文字体" in r.stderr and "fonts-noto-cjk" in r.stderr
    assert "Traceback" not in r.stderr and not out.exists() and not list(tmp_path.glob(".*tmp"))
    monkeypatch.setenv(pdf.FONT_VARIABLE, str(tmp_path / "missing.ttf"))
    r = run("checklist", "hall-visit", "--out", str(out))
    assert r.exit_code == 2 and "missing.ttf" in r.stderr


# ---------------------------------------------------------------- 授权委托书

WHAT_THE_LAW_ASKS = ("受托人", "委托事项", "委托权限", "委托期限", "委托人（签名或按手印）")


def test_blank_power_of_attorney(run, tmp_path):
    """Nothing known: the parts 民法典第一百六十五条 asks for, with lines to write by hand."""
    out = tmp_path / "委托书.txt"
    r = run("letter", "--kind", "授权委托书", "--today", "2026-12-05", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].strip() == "授权委托书"
    for part in WHAT_THE_LAW_ASKS:
        assert part in text, part
    assert "自____年____月____日起至____年____月____日止" in text
    assert "姓名：____" in text and "身份证号：____" in text
    assert "签名和办理提醒" in run("letter", "--kind", "授权委托书").stdout


def test_power_of_attorney_from_a_case(run, tmp_path):
    assert run("case", "add", "--channel", "hall-visit", "--filed", "2026-11-20", "--ticket", "SX-2026-1120",
               "--institution", "太原市某医院", "--name", "王秀英", "--id-number", ID,
               "--agent-name", "李强", "--agent-relation", "儿子", "--agent-id-number", "110105198001010024",
               "--phone", "13900000000", "--today", "2026-12-05").exit_code == 0
    out = tmp_path / "委托书.docx"
    r = run("letter", "--case", "1", "--kind", "委托书", "--until", "2027-06-30", "--today", "2026-12-05",
            "--out", str(out))
    assert r.exit_code == 0, r.stderr
    _, text = docx_text(out)
    # the whole numbers in the document the person prints …
    assert f"身份证号：{ID}" in text and "身份证号：110105198001010024" in text
    assert "姓名：王秀英" in text and "姓名：李强" in text and "与委托人的关系：儿子" in text
    assert "委托人王秀英现委托李强为代理人" in text
    assert "就委托人在太原市某医院的医保服务问题" in text and "SX-2026-1120" in text
    assert "自2026年12月5日起至2027年6月30日止" in text
    # … masked on the screen
    assert ID not in r.stdout and "保存的文件里是完整的号码" in r.stdout
    shown = run("letter", "--case", "1", "--kind", "委托书", "--today", "2026-12-05")
    assert ID not in shown.stdout and "身份证号：1101**********002X" in shown.stdout
    log = run("case", "show", "1", "--json").json()["log"]
    assert log[-1]["auto"] and log[-1]["text"] == "写了授权委托书（委托书.docx）"


def test_power_of_attorney_options(run):
    r = run("letter", "--kind", "授权委托书", "--until", "2026-01-01", "--today", "2026-12-05")
    assert r.exit_code == 2 and "早于" in r.stderr
    r = run("letter", "--until", "2027-01-01")
    assert r.exit_code == 2 and "只用于授权委托书" in r.stderr


def test_letter_as_pdf(run, tmp_path, cjk_font):
    out = tmp_path / "委托书.pdf"
    r = run("letter", "--kind", "授权委托书", "--name", "王秀英", "--id-number", ID, "--out", str(out))
    assert r.exit_code == 0, r.stderr
    sizes, text = pdf_text(out)
    assert sizes and all(s == A4_PT for s in sizes) and "授权委托书" in text and ID in text
    assert (out.stat().st_mode & 0o777) == 0o600  # personal data: readable by the user only


def test_golden_power_of_attorney(run, tmp_path):
    """The 委托书 from options, as a person reads it (review the diff after a change of wording)."""
    from test_letter import golden

    out = tmp_path / "委托书.txt"
    r = run("letter", "--kind", "授权委托书", "--name", "王秀英", "--id-number", ID, "--agent-name", "李强",
            "--agent-relation", "儿子", "--institution", "太原市某医院", "--until", "2027-06-30",
            "--today", "2026-12-05", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    golden("letter-poa.txt", out.read_text(encoding="utf-8-sig"))
    r = run("letter", "--kind", "授权委托书", "--today", "2026-12-05", "--json")
    golden("letter-poa-blank.txt", r.json()["text"])


def test_interactive_power_of_attorney_asks_only_its_own_questions(run):
    # 参保人姓名, 身份证号, 代办人姓名, 关系, 代办人身份证号, 电话, 机构
    r = run("letter", "--kind", "授权委托书", "-i", "--json", input="王秀英\n\n李强\n儿子\n\n\n太原市某医院\n")
    assert r.exit_code == 0, r.stderr
    text = r.json()["text"]
    assert "委托人王秀英现委托李强为代理人" in text and "太原市某医院" in text
    asked = r.stderr
    assert "参保人姓名" in asked and "代办人与参保人的关系" in asked and "涉及的机构" in asked
    assert "经过" not in asked and "日期" not in asked and "诉求" not in asked  # not the complaint's questions


def test_a_command_in_the_data_stays_off_the_paper(run, tmp_path):
    """The 复查 checklist's data tells of `ybguide letter …`: the screen may, the paper does not."""
    assert "ybguide letter" in run("checklist", "review-request").stdout
    out = tmp_path / "复查.docx"
    assert run("checklist", "review-request", "--out", str(out)).exit_code == 0
    _, text = docx_text(out)
    assert not NO_COMMANDS.search(text)
    assert "写明是复查请求，才不会被当作一次新的投诉。" in text.splitlines()


def test_a_confirmed_contact_says_when_it_was_checked(monkeypatch):
    """No channel's contact is verified in today's data; once one is, the paper says so and when,
    instead of "phone first"."""
    import dataclasses
    import datetime as dt

    from yb_guide.knowledge import loader
    from yb_guide.letter import paper

    k = loader.load()
    hall = dataclasses.replace(k.channel("hall-visit"), status="verified", checked=dt.date(2026, 11, 25))
    original = type(k).channel
    monkeypatch.setattr(type(k), "channel", lambda self, cid: hall if cid == "hall-visit" else original(self, cid))
    texts = [b.text for b in paper.checklist_paper(k, "hall-visit", dt.date(2026, 12, 5)).blocks]
    assert "（已核实 2026-11-25）" in texts and not any("办事前先打电话确认" in t for t in texts)


def test_a_character_the_font_lacks_is_said_not_left_blank(run, tmp_path, cjk_font):
    out = tmp_path / "委托书.pdf"
    r = run("letter", "--kind", "授权委托书", "--name", "王\U0001F600英", "--out", str(out))
    assert r.exit_code == 2 and "没有这些字" in r.stderr and ".docx" in r.stderr
    assert "missing" not in r.stderr and not out.exists()
    assert run("letter", "--kind", "授权委托书", "--name", "王\U0001F600英", "--out", str(tmp_path / "x.docx")).exit_code == 0


def test_power_of_attorney_matter_in_the_persons_words(run):
    d = run("letter", "--kind", "授权委托书", "--subject", "母亲住院费用未按规定报销的问题", "--json").json()
    assert "就母亲住院费用未按规定报销的问题，向医疗保障部门提出投诉" in d["text"]
