"""`ybguide reimburse` speaks of 医保: every path ends in a 医保 reason with what to check, what to do and whom
to call; the anonymous article's expense-claim advice appears only under 一般建议（来自网络文章）; every fact
has a source and an honest status; the 医保 FAQs are found; the materials for a 手工报销 are a checklist."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, edit

# Words of the article's generic expense-claim advice that must never be the 医保 answer.
GENERIC = ("保险公司", "雇主", "差旅", "消费者权益", "学校", "单位的智能报销")
GENERAL_HEADING = "一般建议（来自网络文章）"
# Document numbers the research could not confirm: never in the data.
UNCONFIRMED_NUMBERS = ("45号", "医保发〔2020〕", "医保发〔2024〕", "国办发〔2021〕14号")


@pytest.fixture(scope="module")
def k():
    from yb_guide.knowledge import loader as knowledge

    return knowledge.load()


def paths(k):
    from yb_guide.knowledge.flows import all_paths

    return all_paths(k.flow("reimburse"))


def result(k, answers):
    from yb_guide.knowledge import flows
    from yb_guide.views import flows as views

    return views.flow_result(k, flows.resolve(k.flow("reimburse"), list(answers)))


def render(payload: dict, width: int = 120) -> str:
    from rich.console import Console

    from yb_guide.cli.render import flows as render_flows

    console = Console(width=width, no_color=True, highlight=False)
    with console.capture() as captured:
        for part in render_flows.flow_result({**payload, "full": True}):
            console.print(part)
    return captured.get()


def flat(text: str) -> str:
    return "".join(text.split())


def main_texts(p: dict) -> list[str]:
    """Everything an outcome says as its own answer: all but the general advice."""
    r = p["reason"]
    texts = [p["outcome"]["title"], p["outcome"]["summary"], *p["reasons"], *p["steps"],
             r["title"], r["explanation"], *r["examples"], *r["check"], *r["do"],
             *(c["who"] + c["ask"] for c in r["contacts"]), *(b["text"] for b in r["basis"]),
             *(m["title"] + "".join(m["check"]) for m in p["maybe"]),
             *(p["record"]["items"] if p["record"] else []), p["handover"]["when"],
             *(n["why"] for n in p["next"] if "why" in n), *(i for cl in p["checklists"] for i in cl["items"])]
    return texts


# ---------------------------------------------------------------- every path


def test_every_path_names_a_medical_reason_what_to_check_and_whom_to_call(k):
    assert len(paths(k)) >= 20
    for answers, outcome_id in paths(k):
        p = result(k, answers)
        r = p["reason"]
        assert r is not None and r["kind"] == "medical", (answers, outcome_id)
        assert r["check"] and r["do"] and p["steps"] == r["do"], outcome_id
        # a contact a person can reach: a channel with a phone, or a named window
        phones = [c for c in r["contacts"] if c["channel"] and c["channel"]["contact"].get("phone")]
        windows = [c for c in r["contacts"] if "窗口" in c["who"]]
        assert phones and (windows or outcome_id.startswith("refused")), outcome_id
        assert all(c["ask"] for c in r["contacts"])
        # when it becomes a complaint: the choose flow, already answered "医保报销有争议"
        assert p["handover"]["flow"] == "choose" and p["handover"]["answers"] == [["problem", "reimbursement-dispute"]]
        assert p["next"][0]["action"] == "flow"


def test_rendered_outcome_shows_check_first_whom_to_call_and_the_phone(k):
    for answers, outcome_id in paths(k):
        p = result(k, answers)
        text = flat(render(p))
        assert "◆现在就做：" + flat(p["outcome"]["title"]) in text
        assert "先查：" in text and "怎么办：" in text and "找谁问：" in text and "电话：12393" in text, outcome_id
        for c in p["reason"]["contacts"]:
            assert flat(c["who"]) in text
        assert text.index("先查：") < text.index("找谁问：")
        if p["general"]:
            assert text.index("找谁问：") < text.index(flat(GENERAL_HEADING))


def test_no_outcome_answers_with_the_articles_generic_expense_advice(k):
    for answers, outcome_id in paths(k):
        p = result(k, answers)
        for t in main_texts(p):
            hits = [w for w in GENERIC if w in t]
            assert not hits, (outcome_id, hits, t)
        # on screen too: nothing generic before the heading of the general advice
        text = render(p)
        main, _, general = text.partition(GENERAL_HEADING)
        assert bool(general) == bool(p["general"]), outcome_id
        assert not [w for w in GENERIC if w in flat(main)], outcome_id


def test_the_articles_advice_is_kept_but_only_as_labelled_general_advice(run):
    text = flat(run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=treatment", "-a", "paid-how=self", "--full").stdout)
    main, _, general = text.partition(GENERAL_HEADING)
    # what the article says of 保险公司 and 消费者权益保护机构 does not apply to 医保: not shown at all
    assert "保险公司" not in text and "消费者权益保护机构" not in text
    assert "备份重要信息" in general and "备份重要信息" not in main  # what applies, under its label …
    assert "不是医保的规定" in general and "仅供参考" not in general  # … which says what it is, once


def test_unverified_advice_tells_the_user_to_phone_first(k):
    seen = set()
    for answers, outcome_id in paths(k):
        p = result(k, answers)
        r = p["reason"]
        verified = k.reason(r["id"]).status == "verified"
        text = flat(render(p))
        if verified:
            assert r["phone_first"] is None
        else:
            assert r["phone_first"] and "未经官方核实，先打电话确认再去办" in text, outcome_id
            seen.add(outcome_id)
        for b in r["basis"]:  # each rule or report is shown with its source and whether it was checked
            label = "已核实2026-11-25" if b["source"]["status"] == "verified" else "未经官方核实"
            assert flat(f"{b['text']}（{b['source']['text']}") in text
            assert flat(b["source"]["text"]) + "（" + label in text or flat(b["source"]["text"]) + label in text
    assert {"paid-self", "platform-fee", "no-filing", "online-first"} <= seen


# ---------------------------------------------------------------- what a person reads, from the command line


def test_paid_by_wechat_asks_the_hospital_window_about_settling_again(run):
    r = run("reimburse", "--answer", "stage=at-hospital", "--answer", "fee-kind=registration",
            "--answer", "paid-how=self", "--full")
    assert r.exit_code == 0, r.stderr
    text = flat(r.stdout)
    assert "可能的原因：付钱时走了自费，没有用医保结算" in text
    assert "退费重结" in text and "就诊医院的医保窗口或收费窗口" in text
    assert "本工具没有找到这方面的官方规定" in text  # no invented period for 退费重结
    assert "《医疗保障基金使用监督管理条例》国务院令第735号第十七条第一款" in text and "已核实2026-11-25" in text
    assert "ybguidechecklistmanual-claim" in text


def test_platform_fee_is_not_a_medical_fee(run):
    d = run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=platform", "--json").json()
    assert d["outcome"]["id"] == "platform-fee"
    assert "不是医院收的医疗费用" in d["reason"]["explanation"]
    assert "本工具没有找到专门写明这一点的官方文件" in d["reason"]["explanation"]  # an inference, said so
    laws = [b["source"]["text"] for b in d["reason"]["basis"] if b["source"]["status"] == "verified"]
    assert any("第二十八条" in t for t in laws) and any("第八条第一款" in t for t in laws)
    assert [m["id"] for m in d["maybe"]] == ["paid-self"]


def test_outside_the_province_without_filing_files_then_claims_by_hand(run):
    r = run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=treatment", "-a", "paid-how=insurance",
            "-a", "visit-kind=in-person", "-a", "place=other-province", "-a", "filed=not-filed", "--full")
    text = flat(r.stdout)
    assert "◆现在就做：异地就医没有备案：先补办备案，再申请手工报销" in text
    assert "国家医保服务平台" in text and "国家异地就医备案小程序" in text
    assert "医保发〔2022〕22号" in text and "据第三方转述" in text  # the number was read; the rule only reported
    assert "本工具没有找到官方规定的期限" in text
    assert "ybguidechecklistmanual-claim" in text


def test_emergency_away_is_treated_as_filed_by_report(run):
    d = run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=treatment", "-a", "paid-how=insurance",
            "-a", "visit-kind=in-person", "-a", "place=in-province", "-a", "filed=emergency", "--json").json()
    assert d["outcome"]["id"] == "emergency-away" and d["reason"]["id"] == "away-emergency"
    assert any("山西省内异地就医" in x and "没有查到" in x for x in d["reasons"])  # no Shanxi rule found: said


def test_online_first_visit_and_follow_up(run):
    base = ["-a", "stage=at-hospital", "-a", "fee-kind=registration", "-a", "paid-how=insurance",
            "-a", "visit-kind=online"]
    first = run("reimburse", *base, "-a", "online-visit=first", "--json").json()
    assert first["outcome"]["id"] == "online-first" and "复诊" in first["outcome"]["summary"]
    again = flat(run("reimburse", *base, "-a", "online-visit=follow-up", "--full").stdout)
    assert "补充协议" in again and "药品配送费" in again and "异地就医" in again
    assert "据央视新闻报道" in again and "未经官方核实" in again


def test_employee_scheme_shows_the_reported_per_visit_threshold_as_unverified(run):
    d = run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=registration", "-a", "paid-how=insurance",
            "-a", "visit-kind=in-person", "-a", "place=local", "-a", "designated=designated",
            "-a", "scheme=employee", "--json").json()
    assert d["outcome"]["id"] == "employee-threshold"
    assert "80元、50元、30元" in d["outcome"]["summary"] and "据报道" in d["outcome"]["summary"]
    numbers = [b for b in d["reason"]["basis"] if "80元/次" in b["text"]]
    assert numbers and all(b["source"]["status"] == "unverified" and b["source"]["kind"] == "news-report"
                           for b in numbers)
    assert d["reason"]["phone_first"] is not None
    resident = run("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=registration", "-a", "paid-how=insurance",
                   "-a", "visit-kind=in-person", "-a", "place=local", "-a", "designated=designated",
                   "-a", "scheme=resident", "--json").json()
    assert "本工具没有查到可靠的来源" in resident["reason"]["explanation"]  # no Shanxi resident figures invented
    assert not re.search(r"\d+元", resident["reason"]["explanation"])


def test_written_refusal_counts_the_appeal_periods_from_the_decision(run):
    r = run("reimburse", "-a", "stage=refused", "-a", "refusal-written=written", "--full")
    text = flat(r.stdout)
    assert "《中华人民共和国社会保险法》第八十三条第二款" in text and "已核实2026-11-25" in text
    assert "ybguidedeadline--decision-known日期" in text
    # a refusal goes to 复议 first: 60 days, then 15 days to sue after the 复议决定; no direct 6-month suit offered
    assert "60日内" in text and "6个月内" not in text and "收到复议决定书之日起15日内" in text
    assert "投诉、信访不会让行政复议和行政诉讼的期限停下来" in text
    assert "ybguidechoose--answerproblem=reimbursement-dispute" in text
    oral = run("reimburse", "-a", "stage=refused", "-a", "refusal-written=oral", "--json").json()
    assert oral["outcome"]["id"] == "refused-oral" and oral["periods"] == []
    assert not [n for n in oral["next"] if n["action"] == "deadline"]  # no written decision, no deadline


def test_the_steps_never_hold_a_command_line(k):
    for answers, _ in paths(k):
        p = result(k, answers)
        for t in main_texts(p):
            assert "ybguide" not in t


# ---------------------------------------------------------------- sources and statuses


def reimburse_facts(k):
    """Every fact of the 医保 answer: medical reasons, their basis, the questions and outcomes of the flow,
    the new checklist and its items, the 医保 FAQs."""
    flow = k.flow("reimburse")
    medical = [r for r in k.reimbursement.reasons if r.kind == "medical"]
    facts = [*medical, *(b for r in medical for b in r.basis), *flow.questions, *flow.outcomes,
             k.checklist("manual-claim"), *(f for f in k.reimbursement.faq if not f.id.startswith("booking-"))]
    return facts


def test_every_fact_has_a_source_with_kind_and_issuer_and_an_honest_status(k):
    from yb_guide.knowledge.sources import OFFICIAL_KINDS

    facts = reimburse_facts(k)
    assert len(facts) > 40
    for f in facts:
        doc = k.document(f.source.doc)
        assert doc.kind and doc.issuer and doc.title and f.source.section, f
        if f.status == "verified":
            assert doc.kind in OFFICIAL_KINDS and doc.read and f.checked is not None, f
            assert str(f.checked) == "2026-11-25"
        else:
            assert f.status == "unverified" and f.checked is None, f
        if doc.kind in ("news-report", "web-article") or not doc.read:
            assert f.status == "unverified", f
    for item in k.checklist("manual-claim").items:
        ref = item.source or k.checklist("manual-claim").source
        assert k.document(ref.doc).issuer
    # the verified facts are the two texts read verbatim, and nothing else
    verified_docs = {k.document(f.source.doc).id for f in facts if f.status == "verified"}
    assert verified_docs == {"social-insurance-law", "fund-supervision-regulation"}


def test_a_reason_resting_on_anything_unverified_is_unverified(k):
    for r in k.reimbursement.reasons:
        if any(b.status != "verified" for b in r.basis):
            assert r.status == "unverified", r.id


def test_unconfirmed_document_numbers_are_not_in_the_data():
    for path in DATA.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for number in UNCONFIRMED_NUMBERS:
            assert number not in text, (path.name, number)


def test_documents_read_only_in_reprints_cannot_back_a_verified_fact(k):
    for doc_id in ("nhsa-designation-measures", "nhsa-cross-province-settlement", "nhc-internet-diagnosis-measures"):
        assert k.document(doc_id).read is None and k.document(doc_id).note


def test_a_news_headline_that_was_not_read_is_not_quoted(k):
    from yb_guide.knowledge.sources import document_text

    doc = k.document("chinanews-shanxi-outpatient-2024")
    assert doc.title_note and "《" not in document_text(doc)
    assert "《" in document_text(k.document("people-ehealth-card-2020"))  # a headline that was read


# ---------------------------------------------------------------- FAQ and checklist


def test_faq_finds_the_registration_fee(run):
    d = run("faq", "挂号费", "--json").json()
    ids = [e["id"] for e in d["faq"]]
    assert ids[0] == "registration-fee"
    assert "起付" in d["faq"][0]["answer"] and "先打电话确认" in d["faq"][0]["answer"]


def test_faq_booking_not_reimbursed_finds_the_new_entries(run):
    d = run("faq", "预约", "不报销", "--json").json()
    ids = [e["id"] for e in d["faq"]]
    assert {"registration-fee", "platform-service-fee", "ehealth-card"} <= set(ids)
    text = flat(run("faq", "预约", "不报销").stdout)
    assert "预约平台收的服务费、会员费、加号费，医保为什么不报销？" in text


@pytest.mark.parametrize("words,expected", [
    (["加号费"], "platform-service-fee"),
    (["医保码"], "ehealth-card"),
    (["外省", "备案"], "away-filing"),
    (["互联网医院", "复诊"], "internet-hospital"),
    (["零星报销", "期限"], "manual-claim-deadline"),
])
def test_faq_finds_each_medical_entry(run, words, expected):
    d = run("faq", *words, "--json").json()
    assert expected in [e["id"] for e in d["faq"]]
    entry = next(e for e in d["faq"] if e["id"] == expected)
    assert entry["tags"] and entry["source"]["status"] == "unverified"


def test_manual_claim_checklist_lists_the_materials_and_says_it_is_not_official(run):
    d = run("checklist", "manual-claim", "--json").json()
    items = " ".join(i["item"] for i in d["items"])
    for thing in ("发票", "费用明细清单", "病历", "身份证", "医保电子凭证", "备案"):
        assert thing in items
    assert d["source"]["status"] == "unverified" and all(i["source"]["status"] == "unverified" for i in d["items"])
    assert {i["source"]["doc"] for i in d["items"]} >= {"suzhou-manual-claim-example", "nhsa-cross-province-settlement"}
    assert any("不是山西的官方清单" in n for n in d["notes"]) and any("先打电话" in n for n in d["notes"])
    text = run("checklist", "manual-claim").stdout
    assert text.count("□") == len(d["items"]) and "未经官方核实" in text
    # an item with a source of its own shows it
    own = flat(text).split("其中几项另有来源")[1]
    assert "异地就医备案记录" in own and "医保发〔2022〕22号" in own
    assert "其中几项另有来源" in run("checklist", "manual-claim", "--markdown").stdout


# ---------------------------------------------------------------- the data checks guard the rules






def check(run, d) -> str:
    r = run("data", "check", "--data-dir", str(d))
    assert r.exit_code == 2 and "Traceback" not in r.stderr, r.stdout
    return r.stderr


def test_an_outcome_cannot_answer_with_the_articles_general_reason(run, data_copy):
    edit(data_copy / "flows.yaml", "        reason: platform-fee\n", "        reason: not-covered\n")
    err = check(run, data_copy)
    assert "flows.yaml:" in err and "outcomes[0].reason" in err and "不是医保原因" in err


def test_a_medical_reason_must_say_whom_to_call(run, data_copy):
    f = data_copy / "reimbursement_faq.yaml"
    edit(f, "        ask: 医院不能退费重结的，这笔费用还有没有别的办法报销，要带什么材料。\n", "")
    text = f.read_text(encoding="utf-8")
    # drop the whole contacts list of paid-self
    start = text.index("    contacts:\n      - who: 就诊医院的医保窗口或收费窗口\n        ask: 这笔自费")
    end = text.index("    basis:\n", start)
    f.write_text(text[:start] + text[end:], encoding="utf-8")
    err = check(run, data_copy)
    assert "reimbursement_faq.yaml:" in err and "reasons[0]" in err and "contacts" in err


def test_a_contact_channel_must_exist(run, data_copy):
    f = data_copy / "reimbursement_faq.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("        channel: hotline-12393\n", "        channel: hotline-1239\n", 1), encoding="utf-8")
    err = check(run, data_copy)
    assert "contacts" in err and "不存在的渠道「hotline-1239」" in err and "「hotline-12393」" in err


def test_a_news_report_cannot_back_a_verified_basis(run, data_copy):
    f = data_copy / "reimbursement_faq.yaml"
    edit(f, "        source: {doc: wechatpay-medical-insurance-doc, section: 产品介绍}\n        status: unverified\n",
         "        source: {doc: wechatpay-medical-insurance-doc, section: 产品介绍}\n        status: verified\n"
         "        checked: 2026-11-25\n")
    err = check(run, data_copy)
    assert "网络文章" in err and "不能据此写 verified" in err


def test_a_reason_resting_on_an_unverified_basis_cannot_be_verified(run, data_copy):
    f = data_copy / "reimbursement_faq.yaml"
    text = f.read_text(encoding="utf-8")
    old = "    source: {doc: social-insurance-law, section: 第二十九条第一款（本工具据此推论）}\n    status: unverified\n"
    assert text.count(old) == 1
    f.write_text(text.replace(old, "    source: {doc: social-insurance-law, section: 第二十九条第一款}\n"
                                   "    status: verified\n    checked: 2026-11-25\n"), encoding="utf-8")
    err = check(run, data_copy)
    assert "reasons[0].status" in err and "未经官方核实" in err


def test_a_written_refusal_leads_with_reconsideration_first_and_labels_the_direct_lawsuit(run):
    """复议前置 where a refusal's periods are shown: the advice first, the 6-month lawsuit labelled."""
    d = run("reimburse", "--answer", "stage=refused", "--answer", "refusal-written=written", "--json").json()
    assert d["warnings"][0].startswith("很可能要先申请行政复议（复议前置）（本工具的推论）")
    periods = {x["id"]: x for x in d["periods"]}
    assert periods["reconsideration"]["condition"] is None
    assert "lawsuit" not in periods  # the direct suit is not offered beside 复议 for a refusal (复议前置)
    assert d["now"]["act"] == "reconsideration" and [c["id"] for c in d["checklists"]] == ["reconsideration"]
