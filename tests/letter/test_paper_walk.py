"""The window's paper for one resident, as a service-window worker makes it: the case of a daughter
acting for her mother, the checklist to take home (.pdf and .docx), the 授权委托书 to sign, and the
letter, whose facts read as a person wrote them."""

from paperkit import A4_PT, NO_COMMANDS, cjk_font, docx_text, pdf_text  # noqa: F401 (cjk_font: a fixture)

MOTHER_ID, DAUGHTER_ID = "11010519491231002X", "110105198001010024"


def test_one_resident_at_the_window(run, tmp_path, cjk_font):
    assert run("case", "add", "--channel", "hotline-12393", "--filed", "2026-11-20", "--ticket", "2026112000042",
               "--institution", "太原市某医院", "--summary", "住院费用部分未报销", "--name", "王秀英",
               "--id-number", MOTHER_ID, "--agent-name", "李梅", "--agent-relation", "女儿",
               "--agent-id-number", DAUGHTER_ID, "--today", "2026-12-05").exit_code == 0
    assert run("case", "log", "1", "打12393投诉，说5个工作日内回电", "--kind", "call", "--at", "2026-11-20 09:30").exit_code == 0

    # the checklist to take home: what the daughter brings too, a box for each, nothing to type
    for name in ("清单.pdf", "清单.docx"):
        r = run("checklist", "hall-visit", "--acting", "--out", str(tmp_path / name))
        assert r.exit_code == 0, r.stderr
    sizes, pdf = pdf_text(tmp_path / "清单.pdf")
    _, word = docx_text(tmp_path / "清单.docx")
    assert all(s == A4_PT for s in sizes)
    for text in (pdf, word.replace("\n", "").replace(" ", "")):
        assert "授权委托书（参保人签名或按手印）" in text and "代办人本人的身份证" in text
        assert not NO_COMMANDS.search(text) and "不是工作日" not in text

    # the 授权委托书 the mother signs: from the case, the numbers whole on paper
    r = run("letter", "--case", "1", "--kind", "授权委托书", "--today", "2026-12-05", "--out", str(tmp_path / "委托书.docx"))
    assert r.exit_code == 0, r.stderr
    _, poa = docx_text(tmp_path / "委托书.docx")
    assert "委托人王秀英现委托李梅为代理人" in poa and MOTHER_ID in poa and DAUGHTER_ID in poa
    assert "2026112000042" in poa and MOTHER_ID not in r.stdout

    # the letter, in the daughter's name: the filing call told once
    r = run("letter", "--case", "1", "--today", "2026-12-05", "--out", str(tmp_path / "投诉信.txt"))
    assert r.exit_code == 0, r.stderr
    letter = (tmp_path / "投诉信.txt").read_text(encoding="utf-8-sig")
    assert "本人李梅，系参保人王秀英的女儿" in letter and "参保人签字的授权委托书" in letter
    assert letter.count("2026年11月20日") == 1 and "说5个工作日内回电" in letter
    log = [e["text"] for e in run("case", "show", "1", "--json").json()["log"]]
    assert log[-2:] == ["写了授权委托书（委托书.docx）", "写了投诉信（投诉信.txt）"]
