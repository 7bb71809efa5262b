"""`ybguide faq [QUERY]` and `--show N`."""


def test_faq_lists_both_documents_questions(run):
    d = run("faq", "--json").json()
    assert d["count"] == 11
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
    assert "没有找到" in r.stdout


def test_faq_show_full_answer_with_steps(run):
    d = run("faq", "--show", "5", "--json").json()
    assert d["id"] == "booking-system-problem"
    assert len(d["steps"]) == 7
    r = run("faq", "--show", "1")
    flat = r.stdout.replace("\n", "").replace(" ", "")
    assert "1-2个工作日内完成受理登记" in flat and "30个工作日" in flat


def test_faq_show_unknown_number(run):
    r = run("faq", "--show", "99")
    assert r.exit_code == 2
    assert "没有叫「99」的问答" in r.stderr


def test_query_is_not_rich_markup(run):
    r = run("faq", "[bold red]x[/]")
    assert r.exit_code == 0
    assert "[bold red]x[/]" in r.stdout
