"""`ybguide checklist ID`."""

import pytest

ALL = ["hall-visit", "mail-letter", "hotline", "online", "manual-claim", "reimbursement-claim", "system-problem"]


@pytest.mark.parametrize("cid", ALL)
def test_every_checklist_prints_tick_boxes(run, cid):
    r = run("checklist", cid)
    assert r.exit_code == 0
    assert r.stdout.count("□") == len(run("checklist", cid, "--json").json()["items"])


def test_hall_visit_items_original_or_copy(run):
    d = run("checklist", "hall-visit", "--json").json()
    items = {i["item"]: i for i in d["items"]}
    assert items["参保人本人的身份证"]["form"] == "original-and-copy"
    assert items["参保人本人的身份证"]["need"] == "required"
    assert items["与定点机构或医保部门的沟通记录"]["need"] == "recommended"
    assert all(i["why"] for i in d["items"])


def test_markdown_version(run):
    r = run("checklist", "mail-letter", "--markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("# ")
    assert "- [ ] **投诉信" in r.stdout
    assert "030024" in r.stdout


def test_reimbursement_claim_lists_invoice_and_prescription(run):
    d = run("checklist", "reimbursement-claim", "--json").json()
    text = " ".join(i["item"] for i in d["items"])
    assert "医疗费用发票" in text and "处方单" in text
    assert d["source"]["doc"] == "seed-online-booking" and d["source"]["url"] == "https://www.wptmall.com/article/550816"
    assert d["source"]["text"].startswith("网络文章《网上预约怎么不报销》（作者不详） · ")


def test_unknown_checklist(run):
    r = run("checklist", "hall_visit")
    assert r.exit_code == 2
    assert "「hall-visit」" in r.stderr
    assert "reimbursement-claim" in r.stderr  # lists the valid ids


def test_the_printed_checklist_is_paper_for_a_resident(run):
    """What is printed and handed over: no command line, no "today" status, the acting items as boxes."""
    text = run("checklist", "hall-visit", "--markdown", "--today", "2026-12-05").stdout
    assert "ybguide" not in text and "2026-12-05" not in text and "不是工作日" not in text
    assert "- [ ] 授权委托书" in text and "工作日 09:00-17:00" in text
