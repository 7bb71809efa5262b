"""`ybguide faq [QUERY]` and `--show N`."""
import pytest


def test_faq_lists_both_documents_questions(run):
    d = run("faq", "--json").json()
    assert d["count"] == 15
    qs = [e["question"] for e in d["faq"]]
    assert "投诉医保中心后，多久能得到回复？" in qs
    assert "网上预约后应该如何正确提交报销申请？" in qs
    r = run("faq")
    for q in qs:
        assert q in r.stdout


def test_faq_query_matches_answer_text(run):
    d = run("faq", "行政诉讼", "--json").json()
    assert [e["id"] for e in d["faq"]] == ["unhappy-with-result"]
    assert "30日内" in d["faq"][0]["answer"]


def test_faq_query_matches_procedure_steps(run):
    d = run("faq", "处方单", "--json").json()
    assert [e["id"] for e in d["faq"]] == ["booking-claim"]


def test_faq_no_match_is_not_an_error(run):
    r = run("faq", "火星")
    assert r.exit_code == 0
    assert "问答里没有「火星」的答案" in r.stdout and "参保地医保经办机构" in r.stdout


def test_faq_show_full_answer_with_steps(run):
    d = run("faq", "--show", "booking-claim", "--json").json()
    assert len(d["steps"]) == 8
    r = run("faq", "--show", "1")
    flat = r.stdout.replace("\n", "").replace(" ", "")
    assert "1-2个工作日内完成受理登记" in flat and "30个工作日" in flat


def test_faq_show_unknown_number(run):
    r = run("faq", "--show", "99")
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1
    assert "没有第「99」条问答" in r.stderr and "1 到 15" in r.stderr
    assert "reply-time" not in r.stderr  # no internal id: the numbers a person sees


def test_query_is_not_rich_markup(run):
    r = run("faq", "[bold red]x[/]")
    assert r.exit_code == 0
    assert "[bold red]x[/]" in r.stdout


# Questions as people type them (no spaces), and the entry a person would expect first.
TYPED = {
    "多久回复": "reply-time", "多久能回复": "reply-time", "投诉后多久有答复": "reply-time", "几天能处理完": "reply-time",
    "工单进度": "reply-time",
    "对处理结果不满意": "unhappy-with-result", "对处理结果不满意怎么办": "unhappy-with-result",
    "处理结果不满意还能怎么办": "unhappy-with-result", "行政复议": "unhappy-with-result", "不服处理意见": "unhappy-with-result",
    "挂号费能报销吗": "registration-fee", "挂号费能报吗": "registration-fee", "诊察费报销": "registration-fee",
    "网上挂号的挂号费": "registration-fee",
    "服务费为什么不报销": "platform-service-fee", "会员费能报吗": "platform-service-fee", "加号费": "platform-service-fee",
    "医保码是什么": "ehealth-card", "医保电子凭证怎么用": "ehealth-card",
    "没备案": "away-filing", "没有备案能报吗": "away-filing", "异地就医没备案能报吗": "away-filing",
    "外地看病能报销吗": "away-filing", "异地报销": "away-filing",
    "互联网医院能报吗": "internet-hospital", "网上看病能报吗": "internet-hospital", "线上复诊开药": "internet-hospital",
    "手工报销期限": "manual-claim-deadline", "零星报销有期限吗": "manual-claim-deadline",
    "网上预约怎么报销": "registration-fee", "处方单怎么上传": "booking-claim",
    "报销截止日期": "manual-claim-deadline", "起付标准": "registration-fee", "首诊能报吗": "internet-hospital",
    "药品配送费能报吗": "internet-hospital", "医保卡怎么用": "ehealth-card", "外省看病没备案": "away-filing",
    "申请复核": "unhappy-with-result",
}


@pytest.mark.parametrize("typed, expected", sorted(TYPED.items()))
def test_questions_typed_without_spaces_find_the_entry_a_person_expects(run, typed, expected):
    d = run("faq", typed, "--json").json()
    assert d["faq"], typed
    assert expected in [e["id"] for e in d["faq"][:2]], (typed, [e["id"] for e in d["faq"]])


def test_a_query_is_cut_into_known_words_and_stop_words_are_dropped():
    from yb_guide.knowledge import loader
    from yb_guide.knowledge.search import segment

    k = loader.get()
    assert segment(k, "挂号费能报销吗") == ["挂号费", "报销"]
    assert segment(k, "多久回复") == ["多久", "回复"]
    assert segment(k, "没备案") == ["备案"]


GENERAL = {"booking-eligibility", "booking-claim"}  # data/search.yaml ``general``


def test_there_are_at_least_thirty_real_queries():
    assert len(TYPED) >= 30 and all(" " not in q for q in TYPED)


@pytest.mark.parametrize("typed", ["报销截止日期", "网上预约怎么报销", "平台服务费", "多长时间能处理", "预约后怎么提交报销"])
def test_the_medical_answers_come_before_the_articles_general_ones(run, typed):
    ids = [e["id"] for e in run("faq", typed, "--json").json()["faq"]]
    assert ids and ids[0] not in GENERAL, ids
    first_general = next((i for i, x in enumerate(ids) if x in GENERAL), len(ids))
    assert not GENERAL & set(ids[:first_general]) and all(x in GENERAL for x in ids[first_general:]), ids


def test_a_search_lists_the_questions_with_one_line_answers_before_the_full_text(run):
    d = run("faq", "网上预约怎么报销", "--json").json()
    out = run("faq", "网上预约怎么报销", env={"COLUMNS": "80"}).stdout
    listing, _, rest = out.partition("\n\n")
    flat = lambda t: "".join(t.split())  # noqa: E731
    assert len(d["faq"]) >= 3
    for e in d["faq"]:
        assert flat(e["question"]) in flat(listing) and flat(e["brief"]) in flat(listing)
        assert len(e["brief"]) <= 60  # one line: a line and a half at 80 columns at most
    assert flat(d["faq"][0]["answer"]) in flat(rest)  # the best one in full …
    assert flat(d["faq"][1]["answer"]) not in flat(out)  # … the others by number
    assert f"ybguide faq --show {d['faq'][1]['n']}" in rest


def test_the_web_search_lists_the_questions_before_the_full_text():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    html = TestClient(create_app(), base_url="http://127.0.0.1:8765").get("/faq", params={"q": "报销截止日期"}).text
    found = html.index('class="faq-list faq-found"')
    assert found < html.index('<section class="faq"')
    assert html.index("手工（零星）报销有申报期限吗") < html.index("网上预约后应该如何正确提交报销申请")  # 医保 first
