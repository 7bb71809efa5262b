"""Every phone number, time limit, step and material of the two source documents is in the data.

The facts are listed here by hand, as they are written in the documents.  Each must
appear in the source document (so the list itself stays honest) and somewhere in
the loaded knowledge (so nothing was left out of the YAML).
"""

import unicodedata

import pytest

from conftest import SEEDS

COMPLAINT = "000_246c4a53b01fe5e4.txt"
BOOKING = "001_775cdcbe94e20f70.txt"

FACTS = {
    COMPLAINT: [
        # phone numbers, addresses, sites, hours
        "12393", "12388", "030024", "太原市万柏林区滨河西路南段129号", "信访办", "ybj.shanxi.gov.cn",
        "山西医保", "9:00-17:00", "周一至周五", "节假日除外", "国家医保服务平台",
        # time limits
        "5-15个工作日", "工作日内1-2天", "一般15个工作日", "复杂案件可延长至30个工作日",
        "调查完成后5个工作日内", "收到复核申请后15个工作日内", "30日内", "1-2个工作日内完成受理登记",
        # hotline steps
        "根据语音提示选择“山西”或具体城市", "说明投诉事由",
        "提供个人基本信息(姓名、身份证号、医保卡号)及问题详情", "记录客服提供的投诉编号或工单号",
        "可要求客服生成书面工单", "避免情绪化表达",
        # platform steps
        "注册并实名认证", "点击“服务”", "选择“投诉建议”",
        "填写投诉内容(包括问题发生时间、地点、涉及机构、详细经过及诉求)",
        "上传相关证明材料(如医疗票据、报销单据、沟通记录截图等)", "提交并保存投诉编号",
        # provincial bureau steps
        "关注“山西医保”公众号", "点击底部菜单“便民服务”", "填写个人信息及投诉内容", "互动交流",
        "涉及市、县级医保部门处理不力",
        # hall visit materials and notes
        "医保卡或社保卡", "医疗费用票据", "报销凭证", "与定点机构或医保部门的沟通记录",
        "投诉书面说明(包括诉求、事实经过及证据清单)", "提前电话咨询医保大厅办公时间",
        # letter
        "注明“投诉”字样", "挂号信或快递", "保留邮寄凭证", "留下清晰的联系方式",
        # other channels
        "吃拿卡要、推诿扯皮、违规操作", "伪造票据、串换药品、过度诊疗", "查实后可能获得奖励", "欺诈骗保举报",
        # process stages
        "提交投诉", "受理登记", "调查核实", "处理反馈", "复核与申诉", "生成工单",
        # notes
        "材料真实完整", "诉求合理明确", "保留沟通记录", "文明理性表达", "重新报销、纠正违规行为、道歉",
        "投诉时间、工单编号、接待人员姓名", "原件自行保留",
        # FAQ
        "投诉医保中心后,多久能得到回复?", "行政复议", "行政诉讼", "上一级机关",
    ],
    BOOKING: [
        "预约服务性质与报销政策不符", "报销流程不熟悉或遗漏重要步骤", "系统问题或技术故障",
        "个人消费", "未能提供正确的报销单据", "未通过必要的审批流程", "未在规定时间内提交报销申请",
        "系统错误", "数据丢失", "用户界面的误解",
        "仔细阅读政策", "遵循正确流程", "及时沟通", "备份重要信息",
        # confirm eligibility: 5 steps
        "查看官方公告或指南", "联系服务提供商", "核实医保覆盖范围", "注意特殊情况", "保留相关凭证",
        # submit a claim: 8 steps
        "登录报销平台", "预约信息同步", "上传报销材料", "填写报销信息", "提交报销申请", "跟踪报销进度",
        "提交纸质材料", "注意时效性", "医疗费用发票、处方单", "办事进度",
        # contact a provider: 7 steps
        "收集必要信息", "联系客服", "详细说明问题", "跟进处理进度", "记录沟通内容", "检查更新和维护通知",
        "投诉和反馈", "消费者权益保护机构",
        # regional example
        "山东省曾明确新冠症状网上问诊纳入医保报销",
    ],
}


def norm(text: str) -> str:
    """Compare text as a reader would: full-width and ASCII punctuation alike, no spaces."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).replace(" ", "")


def all_strings(obj):
    from yb_guide.views.common import plain

    stack = [plain(obj)]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, str):
            yield x


@pytest.fixture(scope="module")
def knowledge_text():
    from yb_guide.knowledge import loader as knowledge

    k = knowledge.load()
    return norm("\n".join(all_strings(k.main)) + "\n".join(all_strings(k.reimbursement)))


@pytest.mark.parametrize("doc,fact", [(d, f) for d, facts in FACTS.items() for f in facts])
def test_fact_is_in_the_data(knowledge_text, doc, fact):
    assert norm(fact) in knowledge_text, f"{doc}: 「{fact}」 is not in data/*.yaml"


@pytest.mark.parametrize("doc", list(FACTS))
def test_fact_list_matches_the_source_document(doc):
    path = SEEDS / doc
    if not path.exists():
        pytest.skip(f"source document {doc} not present beside the repo (../shared/seeds)")
    source = norm(path.read_text(encoding="utf-8"))
    missing = [f for f in FACTS[doc] if norm(f) not in source]
    assert not missing, f"facts not found in {doc}: {missing}"


def test_every_entry_names_a_source_and_a_status():
    from yb_guide.knowledge import loader as knowledge
    from yb_guide.knowledge.sources import OFFICIAL_KINDS

    k = knowledge.load()
    entries = [*k.channels, *k.checklists, *k.main.process.stages, *k.main.notes, *k.faqs,
               *k.reimbursement.reasons, *k.reimbursement.strategies, *k.reimbursement.procedures,
               *k.main.corrections, *k.main.problems, *k.deadlines.rules, *k.deadlines.tracks]
    for e in entries:
        assert e.source.doc and e.source.section and e.status in ("verified", "unverified", "estimated"), e
        doc = k.document(e.source.doc)
        if e.status == "verified":  # only against an official text that was read, with the day
            assert doc.kind in OFFICIAL_KINDS and doc.read and e.checked, e
        else:
            assert e.checked is None, e
        if doc.kind == "web-article":
            assert e.status == "unverified", e
    files = {d.file for d in k.documents if d.file}
    assert {COMPLAINT, BOOKING} <= files
    # every document a person can look up: issuer and title, and a number or date or URL where known
    for d in k.documents:
        assert d.issuer and d.title, d
        if d.kind in ("law", "regulation", "judicial-interpretation", "departmental-rule"):
            assert d.date, d
        if d.kind != "web-article":  # the anonymous article has neither; it says so in its title note
            assert d.date or d.url, d
        else:
            assert d.url or d.title_note, d


def test_process_limits_are_numbers_for_the_deadline_engine():
    from yb_guide.knowledge import loader as knowledge

    stages = {s.id: s for s in knowledge.load().main.process.stages}
    assert [*stages] == ["submit", "accept", "investigate", "feedback", "review"]
    assert (stages["accept"].limit.min, stages["accept"].limit.max, stages["accept"].limit.unit) == (1, 2, "workday")
    assert (stages["investigate"].limit.max, stages["investigate"].limit.complex_max) == (15, 30)
    assert stages["feedback"].limit.max == 5 and stages["feedback"].limit.after == "investigate"
    assert stages["review"].limit.max == 15 and stages["review"].limit.after == "review-request"
