"""The 授权委托书 states its matter from the case or the chosen kind: a complaint (投诉、催办、复查), or
行政复议.

行政复议法 第十七条第二款 (mirror of flk.npc.gov.cn, GitHub LawRefBook/Laws): "申请人、第三人委托代理人的，
应当向行政复议机构提交授权委托书、委托人及被委托人的身份证明文件。授权委托书应当载明委托事项、权限和期限。
申请人、第三人变更或者解除代理人权限的，应当书面告知行政复议机构。"  So for 复议 the matter is the 复议
application itself, and a power to 变更、放弃 the request or to 和解 is written only when the person chose
it (特别授权); otherwise the paper says it is not given.
民法典 第一百六十五条: "委托代理授权采用书面形式的，授权委托书应当载明代理人的姓名或者名称、代理事项、权限和期限，
并由被代理人签名或者盖章。"
"""

import re

import pytest

from test_reconsideration import DAUGHTER, lines

RECONSIDERATION_MATTER = "代为提出行政复议申请、提交和接收材料"
COMPLAINT_MATTER = "向医疗保障部门提出投诉"
SPECIAL = "特别授权：代为变更、放弃行政复议请求，代为和解。"
GENERAL = "以上为一般授权，不包括代为变更、放弃行政复议请求和代为和解。"


def matter(d: dict) -> str:
    text = lines(d["text"])
    return text[text.index("一、委托事项") + 1]


SUBJECTS = [None, "母亲住院费用未按规定报销的问题", "就母亲住院费用未按规定报销的问题",
            "就就母亲住院费用的问题。", "对不予报销决定申请行政复议", "就对不予报销决定申请行政复议",
            "关于某中心不予报销决定，向太原市人民政府申请复议", "就医时被多收费的问题"]


@pytest.mark.parametrize("purpose", [None, "投诉", "行政复议"])
@pytest.mark.parametrize("subject", SUBJECTS)
def test_no_doubled_jiu_and_the_right_act_for_every_subject(run, subject, purpose):
    """The issue's "就就…申请行政复议，向医疗保障部门提出投诉": never 就就, and a matter that names 复议 is
    a 复议 matter unless the person said 投诉."""
    args = ["letter", "--kind", "授权委托书", "--json"]
    args += ["--subject", subject] if subject else []
    args += ["--for", purpose] if purpose else []
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    said = matter(r.json())
    # 就医、就诊 are words of their own: "就就医时…" is 就 + 就医, not a doubled 就
    assert not re.search("就就(?![医诊])", said) and said.startswith("就") and not said.startswith("就关于"), said
    for_reconsideration = purpose == "行政复议" or (purpose is None and subject and "复议" in subject)
    if for_reconsideration:
        assert said.endswith(RECONSIDERATION_MATTER + "。") and "投诉" not in said, said
        assert said.count("复议") == 1, said  # the act once: not "申请行政复议，代为提出行政复议申请"
    else:
        assert COMPLAINT_MATTER in said and RECONSIDERATION_MATTER not in said, said
    if subject and "就医" in subject:
        assert said.startswith("就就医时被多收费")  # 就医 kept whole


def test_a_refusal_case_makes_a_reconsideration_authorisation(run):
    """A case whose decision is 不予报销 (decision_kind refusal) goes to 复议 first: its 委托书 says so,
    names the respondent and the decision's 文号 when given, and gives only the general powers."""
    assert run("case", "add", *DAUGHTER).exit_code == 0
    d = run("letter", "--case", "1", "--kind", "委托书", "--respondent", "太原市医疗保障事业管理服务中心",
            "--decision-number", "并医保〔2026〕12号", "--today", "2026-11-20", "--json").json()
    assert matter(d) == ("就委托人不服太原市医疗保障事业管理服务中心作出的不予报销决定一事，代为提出行政复议申请、提交和接收材料"
                         "（决定文号：并医保〔2026〕12号）。")
    text = lines(d["text"])
    assert "1. 代为提出行政复议申请，提交行政复议申请书、证据和其他材料；" in text
    assert GENERAL in text and SPECIAL not in text
    assert "对处理结果不服时，代为请求复查、复核。" not in "".join(text)  # the complaint's powers are not these
    assert any("第十七条第二款" in a for a in d["advice"])
    # the complaint's ticket is not this matter's
    assert "工单编号" not in matter(d)
    complaint = run("letter", "--case", "1", "--kind", "委托书", "--for", "投诉", "--json").json()
    assert COMPLAINT_MATTER in matter(complaint) and "4. 对处理结果不服时，代为请求复查、复核。" in lines(complaint["text"])


def test_special_powers_only_when_chosen(run):
    plain = lines(run("letter", "--kind", "授权委托书", "--for", "行政复议", "--json").json()["text"])
    assert GENERAL in plain and SPECIAL not in plain
    special = lines(run("letter", "--kind", "授权委托书", "--for", "复议", "--special", "--json").json()["text"])
    assert SPECIAL in special and GENERAL not in special
    r = run("letter", "--kind", "授权委托书", "--special")
    assert r.exit_code == 2 and "只用于行政复议的授权委托书" in r.stderr
    r = run("letter", "--kind", "授权委托书", "--for", "起诉")
    assert r.exit_code == 2 and "委托事项" in r.stderr


def test_the_complaint_authorisation_is_unchanged(run):
    """Without 复议 anywhere, the 委托书 is the complaint's, word for word (its golden files)."""
    d = run("letter", "--kind", "授权委托书", "--institution", "太原市某医院", "--json").json()
    assert matter(d) == "就委托人在太原市某医院的医保服务问题，向医疗保障部门提出投诉、反映情况，并跟进办理直到办结。"
    assert "一般授权" not in d["text"] and not any("第十七条" in a for a in d["advice"])


def test_the_page_makes_the_reconsideration_authorisation():
    """The letter form's 授权委托书 button, with the form set to the 行政复议申请书: the 复议 matter;
    特别授权 only when ticked."""
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    names = {"name": "王建国", "agent_name": "王丽", "agent_relation": "女儿", "format": "txt"}
    r = client.post("/letter/poa", data={**names, "kind": "reconsideration", "respondent": "某医保中心"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    text = r.content.decode("utf-8-sig")
    assert "就委托人不服某医保中心作出的不予报销决定一事，代为提出行政复议申请、提交和接收材料。" in text
    assert GENERAL in text and SPECIAL not in text
    ticked = client.post("/letter/poa", data={**names, "kind": "reconsideration", "special": "1"})
    assert SPECIAL in ticked.content.decode("utf-8-sig")
    complaint = client.post("/letter/poa", data={**names, "kind": "complaint", "special": "1"}).content.decode("utf-8-sig")
    assert COMPLAINT_MATTER in complaint and SPECIAL not in complaint
