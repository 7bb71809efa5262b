"""Every path of both flows, reached the way a person reaches it: from the start page, by following
links and sending each question's form; every outcome page says what `ybguide choose --json` (or
`reimburse --json`) says for the same answers."""

from __future__ import annotations

import re

import pytest
from webpage import Page, flat, submit


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def get(client, url: str, status: int = 200) -> Page:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return Page(r.text)


def walk(client, flow_id: str):
    """Every (answers, result page) of a flow, by answering every question every way."""
    start = get(client, "/")
    first = start.link("开始") if flow_id == "choose" else dict((w, h) for h, w in start.links)[_title(flow_id)]
    assert first.split("?")[0] == f"/{flow_id}"
    done = []
    pending = [first]
    while pending:
        url = pending.pop()
        r = client.get(url)
        assert r.status_code == 200, url
        page = Page(r.text)
        if "/answers" in str(r.url):  # 您的回答: every answer given, then on to the advice
            result_url = page.link("看建议")
            done.append((str(r.url), get(client, result_url)))
            continue
        (form,) = page.forms
        assert form["radios"] and page.h1()
        for _, value, _ in form["radios"]:
            pending.append(submit(form, value))
    return done


def _title(flow_id: str) -> str:
    from yb_guide.knowledge import loader

    return loader.get().flow(flow_id).title


def answers_of(url: str) -> list[str]:
    from urllib.parse import parse_qs, urlsplit

    return [a.replace(":", "=", 1) for a in parse_qs(urlsplit(url).query)["answer"]]


@pytest.mark.parametrize("flow_id", ["choose", "reimburse"])
def test_every_path_is_reached_from_the_start_page_and_says_what_the_command_says(client, run, flow_id):
    from yb_guide.knowledge import loader
    from yb_guide.knowledge.flows import all_paths

    expected = {" ".join(f"{q}={o}" for q, o in answers): outcome for answers, outcome in all_paths(loader.get().flow(flow_id))}
    reached = walk(client, flow_id)
    assert len(reached) == len(expected) > 20
    seen = set()
    for url, page in reached:
        answers = answers_of(url)
        seen.add(" ".join(answers))
        r = run(flow_id, *(x for a in answers for x in ("--answer", a)), "--json")
        assert r.exit_code == 0, r.stderr
        p = r.json()
        assert p["outcome"]["id"] == expected[" ".join(answers)]
        text = flat(page.text)
        must = [p["outcome"]["title"], p["outcome"]["summary"], *p["reasons"], *p["steps"],
                *(a["label"] for a in p["answers"]), *(alt["name"] for alt in p["alternatives"]),
                *(x["text"] for x in p["periods"]), *p["warnings"], *(cl["title"] for cl in p["checklists"]),
                *(i for cl in p["checklists"] for i in cl["items"]), *(m["title"] for m in p["maybe"]),
                *(p["record"]["items"] if p["record"] else []), *(n["why"] for n in p["next"] if n["action"] != "letter")]
        if p["channel"]:
            must += [p["channel"]["name"], *p["channel"]["contact_lines"]]
            if p["channel"]["contact_check"]:
                must.append(p["channel"]["contact_check"]["confirm_by"])
        if p["reason"]:
            r_ = p["reason"]
            must += [r_["title"], r_["explanation"], *r_["check"], *r_["do"],
                     *(c["who"] + "——问：" + c["ask"] for c in r_["contacts"]), *(b["text"] for b in r_["basis"])]
        if p["general"]:
            must += [p["general"]["title"], p["general"]["note"]]
        missing = [m for m in must if flat(m) not in text]
        assert not missing, (url, missing)
        # the general advice comes after the 医保 answer, under its own heading
        if p["general"] and p["reason"]:
            assert text.index(flat(p["general"]["title"])) > text.index(flat(p["reason"]["title"]))
        # next steps are links, never command lines
        assert not re.search(r"ybguide(choose|reimburse|checklist|channels|deadline)|--answer", text)
        hrefs = [h for h, _ in page.links]
        for action in p["next"]:
            if action["action"] == "letter":  # written from the journal on the command line; the page links its checklist
                assert any(h.startswith(f"/checklists/{cl['id']}") for cl in p["checklists"] for h in hrefs)
                continue
            want = {"flow": f"/{action.get('flow')}", "checklist": f"/checklists/{action.get('id')}",
                    "channel": f"/channels/{action.get('id')}", "deadline": "/deadline"}[action["action"]]
            assert any(h.split("?")[0] == want for h in hrefs), (action, hrefs)
    assert seen == set(expected)


def test_a_deadline_step_links_to_the_form_with_its_dates(client):
    from yb_guide.knowledge import loader
    from yb_guide.knowledge.flows import all_paths, resolve
    from yb_guide.views.flows import flow_result

    k = loader.get()
    checked = 0
    for flow in k.flows:
        for answers, _ in all_paths(flow):
            p = flow_result(k, resolve(flow, answers))
            steps = [n for n in p["next"] if n["action"] == "deadline"]
            if not steps or any(steps[0]["events"] == c for c in ()):
                continue
            page = get(client, "/".join([f"/{flow.id}", "result?"]) + "&".join(f"answer={q}:{o}" for q, o in answers))
            href = next(h for h, _ in page.links if h.startswith("/deadline"))
            form = get(client, href)
            head, _, more = form.source.partition("<details")
            for event in steps[0]["events"]:  # the dates of the step come first, not folded under 更多日期
                assert f"show={event}" in href and f'id="{event}"' in head and f'id="{event}"' not in more
            checked += 1
    assert checked > 10


def test_change_an_answer_from_the_answers_page(client):
    url = "/choose/answers?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time&answer=situation:urgent-or-simple"
    page = get(client, url)
    change = page.link("修改")  # the first question
    question = get(client, change)
    (form,) = question.forms
    assert form["checked"] == "problem:reimbursement-dispute"
    assert ("answer", "tried-before:first-time") in form["hidden"]
    r = client.get(submit(form, "problem:fraud"))
    page = Page(r.text)
    assert r.status_code == 200 and "/choose/answers" in str(r.url)
    assert "有人欺诈骗保" in page.text and "比较急" not in page.text  # answers the new path does not ask are dropped


def test_back_links_and_a_form_sent_without_a_choice(client):
    page = get(client, "/choose?answer=problem:reimbursement-dispute")
    back = get(client, page.link("返回"))  # the question before, its answer still ticked
    assert back.h1() == get(client, "/choose").h1()
    assert back.forms[-1]["checked"] == "problem:reimbursement-dispute"
    assert get(client, "/choose").link("返回") == "/"
    # from 您的回答 back to the last question, its answer ticked; from there back to the one before
    answers = get(client, "/choose/answers?answer=problem:fraud")
    last = get(client, answers.link("返回"))
    assert last.forms[-1]["checked"] == "problem:fraud"
    r = client.get("/choose?answer=problem:reimbursement-dispute&asked=decision-written")
    assert r.status_code == 400
    page = Page(r.text)
    assert "请选择一项" in page.text and "有 1 处需要改一改" in page.text
    assert page.link("请选择一项") == "#answer-1" and "answer-1" in page.ids
    assert "<title>错误：" in r.text


def test_bad_answers_in_an_address_are_a_chinese_404_with_a_way_back(client):
    for url in ["/choose?answer=problem:nope", "/choose?answer=nope:x", "/choose?answer=problem",
                "/choose?answer=problem:fraud&answer=problem:reimbursement-dispute",
                "/choose?answer=problem:fraud&change=situation", "/nope", "/nope/result",
                "/reimburse/result?answer=stage:nope"]:
        r = client.get(url)
        assert r.status_code == 404, url
        page = Page(r.text)
        assert "找不到" in page.text or "有误" in page.text or "看不懂" in page.text, (url, page.text)
        assert any(w == "回到首页" for _, w in page.links), url


def test_an_outcome_page_leads_with_the_call_button_and_keeps_the_answers_below(client):
    r = client.get("/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time"
                   "&answer=situation:urgent-or-simple")
    assert r.status_code == 200
    html = r.text
    assert 'href="tel:12393"' in html
    assert html.index('href="tel:12393"') < html.index("您的回答（可以逐项修改）")  # the call first, the answers after
    assert html.index("<h1>") < html.index('href="tel:12393"')
    assert '<details class="answers">' in html  # collapsed, each answer still changeable


def test_the_reconsideration_outcome_asks_the_day_it_was_known_and_dates_it(client):
    """The 60 days run "自知道或者应当知道该行政行为之日起" (行政复议法 第二十条第一款): the outcome page asks
    that day, and the deadline page it sends to leads with 申请行政复议 and its last day."""
    url = ("/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:written"
           "&answer=acting:self&answer=refusal-by:city")
    page = client.get(url).text
    assert 'action="/deadline"' in page and 'name="decision-known"' in page and 'value="refusal"' in page
    r = client.get("/deadline", params={"decision": "refusal", "decision-known": "2026-10-15", "today": "2026-11-20"},
                   follow_redirects=True)
    first = r.text[r.text.index("先做这件事"):][:300]
    assert "申请行政复议的最后一天：2026-12-14 周一" in first
    hotline = client.get("/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:not-written"
                         "&answer=tried-before:first-time&answer=situation:urgent-or-simple").text
    assert 'name="decision-known"' not in hotline  # asked only where 复议 is the step
