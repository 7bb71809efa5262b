"""`ybguide letter --kind 行政复议申请书`: the application for 行政复议 against a written refusal, blank
or from a case, as a person reads it.

The texts relied on (《中华人民共和国行政复议法》2023年修订 and its 实施条例, as read in the mirror of
flk.npc.gov.cn, GitHub LawRefBook/Laws, not on an official page):

- 实施条例 第十九条: "申请人书面申请行政复议的，应当在行政复议申请书中载明下列事项：(一)申请人的基本情况，
  包括：公民的姓名、性别、年龄、身份证号码、工作单位、住所、邮政编码……；(二)被申请人的名称；(三)行政复议请求、
  申请行政复议的主要事实和理由；(四)申请人的签名或者盖章；(五)申请行政复议的日期。"
- 行政复议法 第十四条第一款: "依照本法申请行政复议的公民、法人或者其他组织是申请人。"
- 第十七条: "申请人、第三人可以委托一至二名律师、基层法律服务工作者或者其他代理人代为参加行政复议。
  申请人、第三人委托代理人的，应当向行政复议机构提交授权委托书、委托人及被委托人的身份证明文件。
  授权委托书应当载明委托事项、权限和期限。"
- 第二十四条第一款第（一）项: 县级以上地方各级人民政府管辖"对本级人民政府工作部门作出的行政行为不服的"案件.
- 第三十条第一款: 受理 needs "（一）有明确的申请人和符合本法规定的被申请人" and "（三）有具体的行政复议请求和理由".
"""

import html
import re

import pytest

from conftest import ID
from test_letter import golden

AGENT_ID = "110105198001010024"
# The daughter acting for her father: the refusal is dated 2026-10-12, known 2026-10-15, 2,400 元.
DAUGHTER = ("--channel", "hotline-12393", "--filed", "2026-10-20", "--name", "王建国", "--id-number", ID,
            "--agent-name", "王丽", "--agent-relation", "女儿", "--agent-id-number", AGENT_ID, "--amount", "2400",
            "--summary", "2026年9月在太原市某医院住院，出院后到医保中心申请报销，被告知不予报销",
            "--evidence", "住院费用票据复印件", "--decision-kind", "不予报销", "--decision-made", "2026-10-12",
            "--decision-known", "2026-10-15", "--phone", "13912345678", "--address", "太原市小店区某街1号",
            "--today", "2026-11-20")
PAPER = ("--respondent", "太原市医疗保障事业管理服务中心", "--to", "太原市人民政府",
         "--decision-number", "并医保〔2026〕12号", "--reason", "住院用药在医保目录内，医院已经备案")


@pytest.fixture
def daughter(run):
    r = run("case", "add", *DAUGHTER)
    assert r.exit_code == 0, r.stderr


def lines(text: str) -> list[str]:
    return [ln.strip("\u3000") for ln in text.splitlines()]


def test_golden_blank_application(run):
    """No case, no options: every item 实施条例 第十九条 lists is there, as a line to fill in by hand."""
    r = run("letter", "--kind", "行政复议申请书", "--today", "2026-11-20", "--json")
    assert r.exit_code == 0, r.stderr
    golden("letter-reconsideration-blank.txt", r.json()["text"])


def test_golden_application_from_a_case(run, daughter, tmp_path):
    out = tmp_path / "行政复议申请书.txt"
    r = run("letter", "--case", "1", "--kind", "行政复议申请书", *PAPER, "--today", "2026-11-20", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # as every .txt letter: Notepad shows Chinese
    text = raw[3:].decode("utf-8")
    assert text.count("\n") == text.count("\r\n")
    golden("letter-reconsideration-case.txt", text.replace("\r\n", "\n"))
    # the file has the whole numbers only with --reveal, as the other letters
    assert ID not in text and "1101**********002X" in text
    log = run("case", "show", "1", "--json").json()["log"]
    assert log[-1]["auto"] and log[-1]["text"] == "写了行政复议申请书（行政复议申请书.txt）"


@pytest.mark.parametrize("kind", ["行政复议申请书", "复议申请书", "行政复议", "reconsideration"])
def test_the_kind_has_the_names_people_use(run, kind):
    r = run("letter", "--kind", kind, "--today", "2026-11-20", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["title"] == "行政复议申请书"


def test_what_the_regulation_asks_is_there_in_its_order(run, daughter):
    """实施条例 第十九条: 申请人的基本情况 (姓名、性别、年龄、身份证号码、工作单位、住所、邮政编码), 被申请人的名称,
    行政复议请求, 主要事实和理由, 签名, 日期 — in that order; what the case does not know is a blank."""
    d = run("letter", "--case", "1", "--kind", "行政复议申请书", *PAPER, "--today", "2026-11-20", "--json").json()
    text = lines(d["text"])
    assert text[0] == "行政复议申请书"
    order = ["申请人", "委托代理人", "被申请人", "行政复议请求", "事实和理由", "证据和材料（证据交复印件，原件自己保留）", "此致"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    applicant = text[text.index("申请人") + 1:text.index("委托代理人") - 1]  # a blank line before a heading
    assert [ln.split("：")[0] for ln in applicant] == ["姓名", "性别", "年龄", "身份证号", "工作单位", "住址", "邮政编码",
                                                       "联系电话"]
    assert "姓名：王建国" in applicant and "身份证号：1101**********002X" in applicant  # masked by default
    assert "住址：太原市小店区某街1号" in applicant and "联系电话：13912345678" in applicant
    assert "性别：____________________" in applicant  # not in a case: written by hand
    # 第三十条第一款（一）: a respondent named; （三）: 具体的行政复议请求和理由
    assert text[text.index("被申请人") + 1] == "太原市医疗保障事业管理服务中心"
    assert "1. 请求撤销被申请人于2026年10月12日作出的不予报销决定（文号：并医保〔2026〕12号）。" in text
    assert "2. 请求责令被申请人依法支付（报销）医疗费用2,400.00元。" in text
    assert ("被申请人于2026年10月12日作出不予报销决定（文号：并医保〔2026〕12号）。申请人于2026年10月15日收到（知道）该决定。"
            "涉及医疗费用2,400.00元。") in text
    assert "经过：2026年9月在太原市某医院住院，出院后到医保中心申请报销，被告知不予报销。" in text
    assert "理由：住院用药在医保目录内，医院已经备案。" in text
    assert "附件1：不予报销决定书（或通知）复印件" in text and "附件4：住院费用票据复印件" in text
    # 此致 and the 复议机关 on the next line (第二十四条: the 人民政府 of the body's level)
    assert text[text.index("此致") + 1] == "太原市人民政府"
    assert "申请人（签名或按手印）：____________________" in text and text[-1] == "2026年11月20日"
    assert d["masked"] and d["advice_title"] == "递交提醒"
    revealed = run("letter", "--case", "1", "--kind", "行政复议申请书", "--reveal", "--json").json()
    assert f"身份证号：{ID}" in revealed["text"] and f"身份证号：{AGENT_ID}" in revealed["text"]


def test_blanks_say_what_goes_there(run):
    """Without a case: the 被申请人 and the 复议机关 are lines with what to write there (第二十四条)."""
    text = lines(run("letter", "--kind", "复议申请书", "--today", "2026-11-20", "--json").json()["text"])
    assert "____________________（作出不予报销决定的医保经办机构或医疗保障局的名称）" in text
    assert "____________________（复议机关：一般是作出决定的医保部门所在的市、县人民政府，看决定书上的告知）" in text
    assert "1. 请求撤销被申请人作出的不予报销决定（文号：____________________）。" in text
    assert "2. 请求责令被申请人依法支付（报销）医疗费用____________________元。" in text


def test_the_agent_block_only_when_someone_acts(run, daughter):
    """第十四条第一款: the applicant is the insured person; 第十七条: who acts for them is the 委托代理人,
    with the 授权委托书 and both identity papers enclosed."""
    acting = lines(run("letter", "--case", "1", "--kind", "行政复议申请书", "--json").json()["text"])
    agent = acting[acting.index("委托代理人") + 1:acting.index("被申请人") - 1]
    assert agent == ["姓名：王丽", "与申请人的关系：女儿", "身份证号：1101**********0024"]
    assert acting[acting.index("申请人") + 1] == "姓名：王建国"  # the father applies, the daughter acts
    assert "附件3：授权委托书，委托代理人的身份证复印件" in acting
    assert "委托代理人（签名）：____________________" in acting
    alone = run("letter", "--kind", "行政复议申请书", "--name", "王建国", "--json").json()["text"]
    assert "委托代理人" not in alone and "授权委托书" not in alone


def test_dates_and_amount_from_options(run):
    """Without a case, the decision's dates and the amount come from options."""
    d = run("letter", "--kind", "行政复议", "--name", "王建国", "--amount", "2400", "--decision-made", "2026-10-12",
            "--decision-known", "2026-10-15", "--ask", "请求确认被申请人未依法支付的行为违法", "--today", "2026-11-20",
            "--json").json()
    text = lines(d["text"])
    assert "1. 请求撤销被申请人于2026年10月12日作出的不予报销决定（文号：____________________）。" in text
    assert "2. 请求责令被申请人依法支付（报销）医疗费用2,400.00元。" in text
    assert "3. 请求确认被申请人未依法支付的行为违法" in text  # --ask adds to the requests
    r = run("letter", "--kind", "行政复议", "--decision-known", "2026-12-01", "--today", "2026-11-20")
    assert r.exit_code == 2 and "晚于今天" in r.stderr


def test_a_case_s_complaint_asks_are_not_its_requests(run, daughter):
    """The complaint's 诉求 (重新报销、道歉) stay in the complaint letter: the 复议 requests are the 撤销 and
    the payment (第三十条第一款（三）: 具体的行政复议请求)."""
    assert run("case", "edit", "1", "--ask", "道歉", "--today", "2026-11-20").exit_code == 0
    text = run("letter", "--case", "1", "--kind", "行政复议申请书", "--json").json()["text"]
    assert "道歉" not in text and "3. " not in text


def test_formats_and_no_overwriting(run, daughter, tmp_path):
    """.txt .md .docx as the other letters; an existing file is left as it was (no --force), the file is
    private; with --force it is replaced whole."""
    import docx

    for name in ("申请书.md", "申请书.docx"):
        r = run("letter", "--case", "1", "--kind", "行政复议申请书", *PAPER, "--out", str(tmp_path / name))
        assert r.exit_code == 0, r.stderr
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert "## 被申请人" in (tmp_path / "申请书.md").read_text(encoding="utf-8")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "申请书.docx")).paragraphs]
    assert paragraphs[0] == "行政复议申请书" and "太原市人民政府" in paragraphs
    kept = tmp_path / "已有.txt"
    kept.write_text("我自己的文件", encoding="utf-8")
    r = run("letter", "--case", "1", "--kind", "行政复议申请书", "--out", str(kept))
    assert r.exit_code == 2 and kept.read_text(encoding="utf-8") == "我自己的文件"
    assert not list(tmp_path.glob(".*tmp*"))
    assert run("letter", "--case", "1", "--kind", "行政复议申请书", "--out", str(kept), "--force").exit_code == 0
    assert "行政复议申请书" in kept.read_text(encoding="utf-8-sig")


def test_user_text_is_not_a_template(run):
    evil = "{decision}{number} [red]x[/red] *粗*"
    d = run("letter", "--kind", "行政复议申请书", "--respondent", evil, "--reason", evil, "--to", evil, "--json").json()
    assert d["text"].count(evil) == 3


def test_options_of_one_kind_are_refused_for_another(run):
    for option in (("--respondent", "某中心"), ("--decision-number", "1号"), ("--decision-made", "2026-10-12")):
        r = run("letter", *option)
        assert r.exit_code == 2 and "只用于" in r.stderr and "行政复议申请书" in r.stderr, option
    assert run("letter", "--for", "行政复议").exit_code == 2
    r = run("letter", "--kind", "行政复议申请书", "--to", "太原市人民政府", "--json")
    assert r.exit_code == 0 and "太原市人民政府" in r.json()["text"]


@pytest.fixture
def data_copy(data_copy, monkeypatch):
    monkeypatch.setenv("YBGUIDE_DATA_DIR", str(data_copy))
    return data_copy


def test_wording_comes_from_the_data_and_its_placeholders_are_checked(run, data_copy):
    lt = data_copy / "letter.yaml"
    text = lt.read_text(encoding="utf-8")
    lt.write_text(text.replace("  title: 行政复议申请书\n", "  title: 行政复议申请书（样）\n"), encoding="utf-8")
    assert run("letter", "--kind", "行政复议申请书", "--json").json()["title"] == "行政复议申请书（样）"
    lt.write_text(text.replace("医疗费用{amount}。", "医疗费用{amout}。"), encoding="utf-8")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "reconsideration.request_pay：未知的占位符「{amout}」" in r.stderr, r.stderr
    lt.write_text(text.replace("    refusal: 不予报销决定\n", "    refusal: 不予报销决定\n    fine: 罚款决定\n"),
                  encoding="utf-8")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "fine" in r.stderr, r.stderr


def test_the_page_writes_the_same_application(run):
    """The web letter page offers the same kind and writes the same text as the command line."""
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    form = client.get("/letter?kind=reconsideration").text
    assert "<h1>写行政复议申请书</h1>" in form and 'value="reconsideration" checked' in form
    typed = {"name": "王建国", "agent_name": "王丽", "agent_relation": "女儿", "amount": "2400",
             "decision_made": "2026-10-12", "decision_known": "2026-10-15", "respondent": "太原市医疗保障事业管理服务中心",
             "to": "太原市人民政府", "decision_number": "并医保〔2026〕12号", "reason": "住院用药在医保目录内"}
    r = client.post("/letter", data={**typed, "kind": "reconsideration", "format": "preview"})
    assert r.status_code == 200
    shown = html.unescape(re.search(r'<pre class="letter">(.*?)</pre>', r.text, re.S).group(1))
    cli = run("letter", "--kind", "行政复议申请书", "--name", "王建国", "--agent-name", "王丽", "--agent-relation", "女儿",
              "--amount", "2400", "--decision-made", "2026-10-12", "--decision-known", "2026-10-15",
              "--respondent", "太原市医疗保障事业管理服务中心", "--to", "太原市人民政府",
              "--decision-number", "并医保〔2026〕12号", "--reason", "住院用药在医保目录内", "--json").json()
    assert shown == cli["text"]
    assert "递交提醒" not in shown and "怎样递交" in r.text and "信封这样写" not in r.text
    txt = client.post("/letter", data={**typed, "kind": "reconsideration", "format": "txt"})
    assert txt.content.decode("utf-8-sig").replace("\r\n", "\n") == cli["text"]
    assert "%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE%E7%94%B3%E8%AF%B7%E4%B9%A6.txt" in txt.headers["content-disposition"]
    assert txt.headers["cache-control"] == "no-store"


def test_the_page_cleans_and_checks_the_application_s_fields(run):
    """Same cleaning and inline errors as the other kinds: a bad date sits beside its field, odd
    characters typed into the new fields never reach the letter."""
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    r = client.post("/letter", data={"kind": "reconsideration", "decision_made": "2026-02-30", "respondent": "某中心",
                                     "format": "preview"})
    assert r.status_code == 400 and 'id="decision_made-error"' in r.text and "2月没有30日" in r.text
    assert 'value="某中心"' in r.text and '<details class="more" open>' in r.text  # kept, and shown
    assert 'value="reconsideration" checked' in r.text
    r = client.post("/letter", data={"kind": "reconsideration", "respondent": "某\x00中\u202e心", "reason": "第一行\r\n第二行",
                                     "format": "preview"})
    shown = html.unescape(re.search(r'<pre class="letter">(.*?)</pre>', r.text, re.S).group(1))
    assert "某中心" in shown and "理由：第一行\n第二行" in shown
    # the complaint kind ignores the application's fields
    r = client.post("/letter", data={"kind": "complaint", "decision_made": "2026-02-30", "format": "preview"})
    assert r.status_code == 200 and "投诉信" in r.text


def test_the_json_is_a_letter_payload(run, daughter):
    """`--json` of the new kind holds to the letter's declared shape (views.case_shapes.Letter)."""
    from shape import problems

    from yb_guide.views import case_shapes

    for args in (("--case", "1"), ()):
        r = run("letter", *args, "--kind", "行政复议申请书", "--json")
        assert r.exit_code == 0, r.stderr
        assert not problems(r.json(), case_shapes.Letter), args


def test_interactive_application_asks_only_its_own_questions(run):
    # 参保人姓名, 身份证号, 代办人姓名 (none: no relation, no ID), 金额, 经过, 证据 (none), 电话, 地址
    r = run("letter", "--kind", "行政复议申请书", "-i", "--json", input="王建国\n\n\n2400\n申请报销被拒\n\n\n\n")
    assert r.exit_code == 0, r.stderr
    text = r.json()["text"]
    assert "姓名：王建国" in text and "2,400.00元" in text and "经过：申请报销被拒。" in text
    assert "渠道" not in r.stderr and "发生日期" not in r.stderr and "诉求" not in r.stderr
