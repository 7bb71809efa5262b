"""`ybguide choose` and `ybguide reimburse`: every path, every outcome and channel reachable,
the golden file of paths, the content of rendered outcomes, and the non-interactive command line."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re

import pytest
import yaml

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "flows.yaml"
TODAY = dt.date(2026, 12, 7)  # a Monday


@pytest.fixture(scope="module")
def k():
    from yb_guide.knowledge import loader as knowledge

    return knowledge.load()


def every_path(k):
    from yb_guide.knowledge.flows import all_paths

    return [(flow, answers, outcome) for flow in k.flows for answers, outcome in all_paths(flow)]


def flat(text: str) -> str:
    return "".join(text.split())


def render_text(payload: dict, width: int = 100) -> str:
    from rich.console import Console

    from yb_guide.cli.render import flows as render

    console = Console(width=width, no_color=True, highlight=False, soft_wrap=False)
    with console.capture() as captured:
        for part in render.flow_result({**payload, "full": True}):
            console.print(part)
    return captured.get()


def result(k, flow_id: str, answers: list[tuple[str, str]]):
    from yb_guide.knowledge import flows
    from yb_guide.views import flows as views

    position = flows.resolve(k.flow(flow_id), answers)
    assert position.outcome is not None, f"{answers} does not reach an outcome"
    return views.flow_result(k, position, today=TODAY)


# ---------------------------------------------------------------- every path


def count_paths(flow, question_id: str) -> int:
    """The number of answer paths from a question, counted from the data alone (not the engine)."""
    q = flow.question(question_id)

    def ending(outcome_id: str) -> int:  # each answer to each fact the outcome asks is a path of its own
        n = 1
        for fact in flow.outcome(outcome_id).asks:
            n *= len(flow.question(fact).options)
        return n

    return sum(ending(o.outcome) if o.outcome else count_paths(flow, o.next) for o in q.options)


def test_every_path_ends_in_an_outcome_and_every_prefix_asks_a_question(k):
    from yb_guide.knowledge.flows import resolve

    for flow in k.flows:
        paths = [(a, o) for f, a, o in every_path(k) if f is flow]
        assert len(paths) == count_paths(flow, flow.start), flow.id
        assert len({a for a, _ in paths}) == len(paths)
        for answers, outcome_id in paths:
            end = resolve(flow, answers)
            assert end.outcome is not None and end.outcome.id == outcome_id and not end.unused
            for i in range(len(answers)):
                prefix = resolve(flow, answers[:i])
                assert prefix.asking is not None and prefix.asking.id == answers[i][0]
                # the facts (acting …) come after the questions that choose the outcome
                assert (prefix.outcome is None) == (prefix.question is not None)
            # The order of --answer does not matter: reversed, the same outcome.
            assert resolve(flow, list(reversed(answers))).outcome.id == outcome_id


def test_every_outcome_of_every_flow_is_reachable(k):
    for flow in k.flows:
        reached = {o for f, _, o in every_path(k) if f is flow}
        assert reached == {o.id for o in flow.outcomes}, flow.id


def test_every_channel_is_recommended_by_some_path_of_choose(k):
    choose = k.flow("choose")
    recommended = {choose.outcome(o).channel for f, _, o in every_path(k) if f is choose}
    assert {c.id for c in k.channels} <= recommended


def test_every_choose_outcome_names_a_channel_or_hands_over(k):
    for out in k.flow("choose").outcomes:
        # 行政复议 is no complaint channel: the outcome says whom (复议机关) and how
        assert out.channel or (out.handover and out.handover.flow == "reimburse") or (out.who and out.steps), out.id


def test_choose_knows_every_problem_kind_of_the_source(k):
    options = [o.id for o in k.flow("choose").question("problem").options]
    assert options == [p.id for p in k.main.problems]
    choose = k.flow("choose")
    first = {a[0][1]: o for f, a, o in every_path(k) if f is choose and len(a) == 1}
    assert choose.outcome(first["staff-misconduct"]).channel == "discipline-12388"
    assert choose.outcome(first["fraud"]).channel == "fraud-report"
    assert choose.outcome(first["online-booking-not-reimbursed"]).handover.flow == "reimburse"


def test_reimburse_reaches_every_reason_procedure_and_strategy(k):
    flow = k.flow("reimburse")
    outcomes = [flow.outcome(o) for f, _, o in every_path(k) if f is flow]
    r = k.reimbursement
    medical = {x.id for x in r.reasons if x.kind == "medical"}
    general = {x.id for x in r.reasons if x.kind == "general"}
    # every 医保 reason is named by some outcome (as its reason or one to rule out); of the article's advice,
    # only what applies to 医保, as general advice only
    assert {o.reason for o in outcomes} <= medical and all(o.reason for o in outcomes)
    assert {o.reason for o in outcomes} | {x for o in outcomes for x in o.maybe} == medical
    assert {x for o in outcomes for x in o.general} < general
    assert {o.procedure for o in outcomes if o.procedure} < {x.id for x in r.procedures}
    assert {s for o in outcomes for s in o.strategies} < {x.id for x in r.strategies}
    # Every outcome says when to move on to a complaint: the choose path for reimbursement disputes.
    for o in outcomes:
        assert o.handover.flow == "choose" and o.handover.answers == ("problem=reimbursement-dispute",)


def test_the_articles_advice_for_insurers_and_employers_reaches_no_outcome(k):
    """The web article speaks of 保险公司, employers and 消费者权益保护机构: none of it is 医保 advice."""
    for flow, answers, _ in every_path(k):
        p = result(k, flow.id, list(answers))
        text = flat(render_text(p))
        assert not any(w in text for w in ("保险公司", "雇主", "消费者权益保护")), answers
        if p["general"]:  # under its label, never a section of caveats
            assert p["general"]["cautions"] == [] and "一般建议（来自网络文章）" in text


def test_rendered_outcome_of_every_path_names_the_contact_of_its_channels(k):
    for flow, answers, outcome_id in every_path(k):
        payload = result(k, flow.id, list(answers))
        text = flat(render_text(payload))
        channels = ([payload["channel"]] if payload["channel"] else []) + payload["alternatives"]
        for c in channels:
            for key in ("phone", "website", "address", "wechat"):
                if key in c["contact"]:
                    assert flat(c["contact"][key]) in text, (flow.id, answers, c["id"], key)
        if flow.id == "choose" and payload["channel"]:
            assert any(k_ in payload["channel"]["contact"] for k_ in ("phone", "website", "address", "wechat"))


def test_json_and_rendered_outcome_have_the_same_content(k):
    from yb_guide.cli.render.flows import next_command

    for flow, answers, _ in every_path(k):
        p = result(k, flow.id, list(answers))
        text = flat(render_text(p, width=160))
        must = [p["outcome"]["title"], p["outcome"]["summary"], *p["reasons"], *p["steps"],
                *(next_command(n)[0] for n in p["next"]), *(a["label"] for a in p["answers"]),
                *(alt["name"] for alt in p["alternatives"]), *(x["text"] for x in p["periods"]),
                *(cl["title"] for cl in p["checklists"]), *(m["title"] for m in p["maybe"]),
                *(p["record"]["items"] if p["record"] else [])]
        must += [p["now"]["do"], p["now"]["who"], p["now"]["by"]]
        if p["reason"]:
            r = p["reason"]
            must += [r["title"], r["explanation"], *r["check"], *r["do"], *(b["text"] for b in r["basis"]),
                     *(c["who"] for c in r["contacts"]), *(c["ask"] for c in r["contacts"])]
        if p["general"]:
            g = p["general"]
            must += [g["title"], *(x["title"] for x in g["reasons"]), *(x["title"] for x in g["strategies"]),
                     *g["cautions"], *((g["procedure"]["title"],) if g["procedure"] else ())]
        missing = [m for m in must if flat(m) not in text]
        assert not missing, (flow.id, answers, missing)


# ---------------------------------------------------------------- golden file


def load_regen_script():
    spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_golden_file_lists_every_path_and_its_outcome(k):
    regen = load_regen_script()
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    assert golden == regen.golden_data(k), (
        "the flows changed: run `.venv/bin/python scripts/regen_golden.py` and review the diff of tests/golden/flows.yaml")
    assert GOLDEN.read_text(encoding="utf-8") == regen.golden_text(k)


def test_golden_paths_replay_through_the_command_line(run):
    """A few golden paths, replayed with --answer exactly as a user would type them."""
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    for flow_id, paths in golden.items():
        for path, outcome in list(paths.items())[::5]:
            args = [a for answer in path.split() for a in ("--answer", answer)]
            r = run(flow_id, *args, "--json")
            assert r.exit_code == 0, r.stderr
            assert r.json()["outcome"]["id"] == outcome


# ---------------------------------------------------------------- what a person reads


def test_urgent_simple_problem_gets_the_hotline_with_number_and_first_step(run):
    r = run("choose", "--answer", "problem=policy-unanswered", "--answer", "tried-before=first-time",
            "--answer", "situation=urgent-or-simple", "--full")
    assert r.exit_code == 0, r.stderr
    text = flat(r.stdout)
    assert "找谁：全国统一医保服务热线12393" in text
    assert "电话：12393" in text
    assert "1.拨打12393" in text
    assert "您的问题是：政策咨询未得到明确答复。" in text  # a reason tied to the answer
    assert "投诉时间" in text and "工单编号" in text and "接待人员姓名" in text  # what to write down
    assert "ybguidechecklisthotline" in text and "ybguidedeadline--filed今天" in text


def test_many_documents_goes_to_the_hall_with_address_hours_and_checklist(run):
    r = run("choose", "-a", "problem=provider-violation", "-a", "tried-before=first-time",
            "-a", "situation=many-documents", "-a", "can-visit=can-go", "--full")
    text = flat(r.stdout)
    assert "找谁：医保服务大厅现场投诉" in text
    assert "太原市万柏林区滨河西路南段129号" in text and "9:00-17:00" in text
    assert "1.提前电话咨询医保大厅办公时间" in text
    assert "参保人本人的身份证" in text and "ybguidechecklisthall-visit" in text
    assert "请先打电话确认" in text  # the address correction reaches the outcome


def test_local_office_handled_it_poorly_goes_to_the_provincial_bureau(run):
    d = run("choose", "-a", "problem=poor-service", "-a", "tried-before=local-poor",
            "-a", "provincial-how=wechat", "--json").json()
    assert d["outcome"]["id"] == "provincial-wechat"
    assert d["channel"]["contact"]["wechat"] == "山西医保"
    assert [a["id"] for a in d["alternatives"]] == ["sx-bureau-website", "mail-letter"]
    assert d["steps"][0] == "关注“山西医保”公众号"


def test_staff_misconduct_and_fraud(run):
    text = flat(run("choose", "-a", "problem=staff-misconduct", "--full").stdout)
    assert "12388" in text and "纪检监察" in text
    d = run("choose", "-a", "problem=fraud", "--json").json()
    assert d["channel"]["id"] == "fraud-report" and d["channel"]["contact"]["phone"] == "12393"
    assert any("查实后可能获得奖励" in x for x in d["reasons"])


def test_unhappy_with_result_shows_the_three_periods_and_the_deadline_command(run):
    r = run("choose", "-a", "problem=unhappy-with-result", "-a", "reply-written=written", "-a", "decided-by=city",
            "--full")
    text = flat(r.stdout)
    assert "找谁：山西省医疗保障局信访办：寄复查申请书" in text and "030024" in text
    assert "30日内" in text and "60日内" in text and "6个月内" in text
    assert "《信访工作条例》第三十五条" in text and "《中华人民共和国行政复议法》第二十条第一款" in text
    assert "《中华人民共和国行政诉讼法》第四十六条第一款" in text
    # wherever 复议/诉讼 appear, so does the warning that a complaint does not stop them
    assert "投诉、信访不会让行政复议和行政诉讼的期限停下来" in text
    assert "ybguidedeadline--result-received日期--decision-known日期" in text


def test_online_booking_hands_over_to_reimburse(run):
    d = run("choose", "-a", "problem=online-booking-not-reimbursed", "--json").json()
    assert d["outcome"]["id"] == "to-reimburse"
    assert d["handover"]["flow"] == "reimburse" and d["handover"]["answers"] == []
    assert d["next"][0] == {"action": "flow", "flow": "reimburse", "answers": [], "why": d["handover"]["when"]}
    text = flat(run("choose", "-a", "problem=online-booking-not-reimbursed", "--full").stdout)
    assert "下一步可以运行ybguidereimburse" in text


def test_reimburse_returned_claim_shows_steps_checklist_and_when_to_complain(run):
    r = run("reimburse", "-a", "stage=returned", "--full")
    assert r.exit_code == 0, r.stderr
    text = flat(r.stdout)
    assert "可能的原因：报销申请材料不全，或者过了申报时间" in text
    assert "本工具没有找到国家或山西的官方规定" in text  # no official period: said, not invented
    assert "1.缺材料的：按对方说的补齐" in text
    assert "ybguidechecklistmanual-claim" in text
    assert "ybguidechoose--answerproblem=reimbursement-dispute" in text
    # the article's steps and its own caution are there, but only after the heading of general advice
    general = text.split("一般建议（来自网络文章）")[1]
    assert "1.登录报销平台" in general and "遵循正确流程" in general and "仅供参考" not in general
    assert "登录报销平台" not in text.split("一般建议（来自网络文章）")[0]


def test_reimburse_dispute_leads_to_the_complaint_flow(run):
    d = run("reimburse", "-a", "stage=refused", "-a", "refusal-written=written", "--json").json()
    assert d["outcome"]["id"] == "refused-written"
    assert d["handover"] == {"flow": "choose", "title": d["handover"]["title"], "when": d["handover"]["when"],
                             "answers": [["problem", "reimbursement-dispute"]]}
    from yb_guide.cli.render.flows import command_for

    cmd = command_for(d["handover"]["flow"], d["handover"]["answers"])
    assert cmd == "ybguide choose --answer problem=reimbursement-dispute"
    assert flat(cmd) in flat(run("reimburse", "-a", "stage=refused", "-a", "refusal-written=written", "--full").stdout)
    # …and that command, given the rest of the answers, gives a channel.
    more = cmd.split()[2:] + ["--answer", "decision-written=not-written", "--answer", "tried-before=channels-failed",
                              "--json"]
    assert run("choose", *more).json()["channel"]["id"] == "mail-letter"


# ---------------------------------------------------------------- non-interactive command line


def test_missing_answer_without_a_terminal_names_the_question_and_its_options(sh):
    r = sh("choose", "--answer", "problem=reimbursement-dispute", input="")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert "「decision-written」" in lines[0] and "--answer decision-written=" in lines[0]
    for option in ("1. 给了，书面写明不予报销", "2. 没有书面决定", "3. 说不清"):
        assert option in lines[0]  # the choices as the wizard shows them, never the ids
    assert "not-written" not in lines[0]
    assert r.stdout == "" and "Traceback" not in r.stderr


def test_no_answers_at_all_without_a_terminal(run):
    r = run("reimburse")
    assert r.exit_code == 2 and "「stage」" in r.stderr and "1. 付钱时医保就没有报" in r.stderr


def test_json_never_asks(run):
    r = run("choose", "--json")
    assert r.exit_code == 2 and "「problem」" in r.stderr and r.stdout == ""


@pytest.mark.parametrize("answer,expected", [
    ("problm=fraud", "您是不是要找「problem」"),
    ("problem=frad", "您是不是要找「fraud」"),
    ("problem", "应写成 问题=选项"),
])
def test_unknown_ids_and_bad_format_exit_2_with_a_suggestion(run, answer, expected):
    r = run("choose", "--answer", answer)
    assert r.exit_code == 2
    assert expected in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_answer_off_the_path_and_two_answers_to_one_question(run):
    r = run("choose", "-a", "problem=fraud", "-a", "situation=complex")
    assert r.exit_code == 2 and "不会问到问题「situation」" in r.stderr
    r = run("choose", "-a", "problem=fraud", "-a", "problem=poor-service")
    assert r.exit_code == 2 and "两个回答" in r.stderr


def test_list_questions_shows_every_question_and_option_id(run, k):
    for flow in k.flows:
        r = run(flow.id, "--list-questions", env={"COLUMNS": "200"})
        assert r.exit_code == 0
        for q in flow.questions:
            assert q.id in r.stdout
            for o in q.options:
                assert o.id in r.stdout
        d = run(flow.id, "--list-questions", "--json").json()
        assert [q["id"] for q in d["questions"]] == [q.id for q in flow.questions]


def test_installed_program_json_is_valid_utf8_json(sh):
    r = sh("reimburse", "-a", "stage=at-hospital", "-a", "fee-kind=platform", "--json")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["outcome"]["id"] == "platform-fee" and d["reason"]["id"] == "platform-fee"
    assert d["general"]["title"] == "一般建议（来自网络文章）"


@pytest.mark.parametrize("given", ["2", "医保报销有争议", "reimbursement-dispute", "２"])
def test_an_answer_is_the_number_the_wizard_shows_its_label_or_its_id(run, given):
    a = run("choose", "--answer", f"problem={given}", "--answer", "decision-written=2", "--answer", "tried-before=1", "--answer", "situation=1",
            "--json").json()
    b = run("choose", "--answer", "problem=reimbursement-dispute", "--answer", "decision-written=not-written", "--answer", "tried-before=first-time",
            "--answer", "situation=urgent-or-simple", "--json").json()
    assert a["outcome"]["id"] == b["outcome"]["id"]


def test_a_wrong_answer_lists_the_choices_as_the_wizard_shows_them(run):
    r = run("choose", "--answer", "problem=10")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "1. 政策咨询没有得到明确答复" in r.stderr and "8. 投诉过了，但对处理结果不满意" in r.stderr


REVIEW_PATHS = [("problem=unhappy-with-result", "reply-written=written", f"decided-by={who}")
                for who in ("county", "city", "province")]


@pytest.mark.parametrize("answers", REVIEW_PATHS)
def test_a_review_outcome_writes_a_review_request_not_a_complaint(run, answers):
    args = [x for a in answers for x in ("--answer", a)]
    d = run("choose", *args, "--json").json()
    steps = "".join(d["steps"])
    assert "复查申请书" in steps and "写投诉信" not in steps
    assert [c["id"] for c in d["checklists"]] == ["review-request"]
    assert any(n["action"] == "letter" and n["kind"] == "复查申请书" for n in d["next"])
    screen = run("choose", *args, env={"COLUMNS": "80"}).stdout
    assert "ybguide letter --case 编号 --kind 复查申请书" in screen


def test_acting_items_appear_for_someone_acting_and_only_then(k):
    """Every path: someone going themselves never reads of a 授权委托书 or a 代办人 (not in the
    checklists, not in the next steps); someone acting finds them in the list itself."""
    for flow, answers, _ in every_path(k):
        p = result(k, flow.id, list(answers))
        acting = dict(answers).get("acting")
        words = "".join(cl["items"][i] for cl in p["checklists"] for i in range(len(cl["items"])))
        words += "".join("".join(cl["acting_items"]) for cl in p["checklists"])
        if acting == "acting":
            assert "授权委托书" in words, answers
            assert all(n.get("acting") for n in p["next"] if n["action"] == "checklist")
        else:
            assert "授权委托书" not in words and "代办人" not in words, answers
            text = flat(render_text(p, width=80))
            assert "授权委托书" not in text and "代办" not in text and "--acting" not in text, answers


def test_acting_is_asked_where_a_checklist_has_acting_items_and_nowhere_else(k):
    for flow in k.flows:
        for out in flow.outcomes:
            has = any(i.when == "acting" for c in out.checklists for i in k.checklist(c).items)
            assert has == ("acting" in out.asks), (flow.id, out.id)


def test_not_asked_acting_the_outcome_names_the_acting_items_apart(run):
    d = run("choose", "-a", "problem=2", "-a", "decision-written=2", "-a", "tried-before=1", "-a", "situation=4", "--json").json()
    assert d["acting"] is None
    cl = d["checklists"][0]
    assert not any("授权委托书" in i for i in cl["items"]) and any("授权委托书" in i for i in cl["acting_items"])


def test_a_letter_outcome_counts_the_letter_track(run):
    """The letter outcome's next step computes the 信访 track of a letter, not a hotline ticket's."""
    d = run("choose", "-a", "problem=2", "-a", "decision-written=2", "-a", "tried-before=1", "-a", "situation=4", "--json").json()
    step = next(n for n in d["next"] if n["action"] == "deadline")
    assert d["channel"]["id"] == step["channel"] == "mail-letter"
    screen = run("choose", "-a", "problem=2", "-a", "decision-written=2", "-a", "tried-before=1", "-a", "situation=4", "--full").stdout
    assert "ybguide deadline --filed 今天 --channel mail-letter" in screen


DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+日内|\d+个工作日")
NO_DATE = re.compile(r"没有.{0,12}期限|期限.{0,6}没有找到|没有找到.{0,6}规定")


def first_block(screen: list[str]) -> str:
    """The lines before the first section after the opening block (怎么做, 可能的原因 …)."""
    starts = ("怎么做", "可能的原因：", "期限（", "要准备的材料", "下一步可以运行")
    end = next(i for i, line in enumerate(screen) if i > 0 and line.startswith(starts))
    return "".join(screen[:end])


def test_every_outcome_fits_a_screen_and_leads_with_what_to_do_and_whom(run):
    """Default outcome: at most 60 lines at 80 columns; the first block says what to do now, with whom
    (a contact) and by when (a date, a period, or plainly that there is no legal one); the 复查 outcomes
    name the 申请书 and never 写投诉信; --full keeps everything (answers, reasons, alternatives, the replay)."""
    from yb_guide.knowledge import loader
    from yb_guide.knowledge.flows import all_paths

    k = loader.get()
    longest = 0
    for flow in k.flows:
        for answers, outcome_id in all_paths(flow):
            args = [x for q, o in answers for x in ("--answer", f"{q}={o}")] + ["--today", "2026-12-07"]
            d = run(flow.id, *args, "--json").json()
            screen = run(flow.id, *args, env={"COLUMNS": "80"}).stdout.splitlines()
            longest = max(longest, len(screen))
            assert len(screen) <= 60, (flow.id, outcome_id, len(screen))
            head = first_block(screen)
            assert head.startswith("◆ 现在就做：") and d["outcome"]["title"] in head
            assert "找谁：" in head and d["now"]["who"] and flat(d["now"]["who"]) in flat(head)
            if d["now"]["contact"] and d["now"]["contact"]["contact_lines"]:
                assert d["now"]["contact"]["contact_lines"][0][:6] in head
            assert "期限：" in head and (DATE.search(flat(head)) or NO_DATE.search(flat(head))), (outcome_id, head)
            if any(n["action"] == "deadline" and n["events"] == ["filed"] for n in d["next"]):
                # a new complaint: the person has no legal date; the bureau's, from --today, as 对方最晚
                assert d["now"]["agency"].startswith("对方最晚 2026-") and flat(d["now"]["agency"])[:16] in flat(head)
            if outcome_id.startswith("review-") or outcome_id == "ask-written-reply":
                assert "写投诉信" not in "".join(screen), outcome_id
            if outcome_id in ("review-city", "review-province", "review-national"):
                assert "复查申请书" in head, outcome_id
            if d["now"]["note"]:  # 复议前置 where it applies: in the first block
                assert flat(d["now"]["note"])[:20] in flat(head)
            full = run(flow.id, *args, "--full", env={"COLUMNS": "80"}).stdout
            assert "不用再回答一遍" in full and len(full.splitlines()) >= len(screen)
    print(f"\n[outcomes] longest default outcome: {longest} lines at 80 columns")


@pytest.mark.parametrize("text", ["problem=fraud", "problem:fraud", " problem = fraud "])
def test_one_reader_for_answers_from_the_command_line_and_the_web(text):
    from yb_guide.knowledge.flows import parse_answer

    assert parse_answer(text) == ("problem", "fraud")


def test_the_web_reads_an_answer_as_the_command_line_does(run):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    by_colon = client.get("/choose/answers?answer=problem:fraud", follow_redirects=True)
    by_equals = client.get("/choose/answers?answer=problem%3Dfraud", follow_redirects=True)
    def main(html):  # the page's own address (in the 大字 link) differs; what it says must not
        return html[html.index("<main"):html.index("</main>")]

    assert by_colon.status_code == by_equals.status_code == 200 and main(by_colon.text) == main(by_equals.text)
    assert "欺诈" in main(by_colon.text)
    assert client.get("/choose?answer=problem").status_code == 404


# ---------------------------------------------------------------- a flow started from a case


def add_case(run, *extra) -> str:
    r = run("case", "add", "--channel", "hotline-12393", "--filed", "2026-11-02", "--name", "王建国",
            "--summary", "住院费用被拒绝报销", "--today", "2026-12-07", *extra, "--json")
    assert r.exit_code == 0, r.stderr
    return str(r.json()["id"])


def test_choose_with_a_case_reads_acting_and_the_written_reply_and_dates_the_review(run):
    """A daughter recorded her father's case (she acts for him, the reply came on 11-20): choose --case
    asks neither again, lists the 授权委托书, and dates the 复查 from the case: 30 days after 11-20."""
    case_id = add_case(run, "--agent-name", "王芳", "--agent-relation", "女儿", "--decision-kind", "拒付")
    assert run("case", "result", case_id, "--received", "2026-11-20", "--today", "2026-12-07").exit_code == 0
    args = ["choose", "--case", case_id, "-a", "problem=8", "-a", "decided-by=city", "--today", "2026-12-07"]
    d = run(*args, "--json").json()
    assert d["outcome"]["id"] == "review-province" and d["acting"] is True and d["case"] == int(case_id)
    assert ("reply-written", "written") in [tuple(a) for a in d["replay"]["answers"]]
    assert any("授权委托书" in item for item in d["checklists"][0]["items"])
    # a refusal: 申请行政复议 comes first (复议前置); the 复查 (30 days from the reply, 12-20) goes alongside
    assert d["now"]["act"] == "reconsideration" and d["now"]["do"] == "申请行政复议"
    assert "请求复查的最后一天：最晚 2026-12-20" in d["now"]["alongside"]
    assert "复议前置" in d["now"]["note"]
    screen = run(*args, env={"COLUMNS": "80"}).stdout
    assert flat(screen).startswith("◆现在就做：申请行政复议")
    assert "ybguide letter --case " + case_id + " --kind 复查申请书" in screen
    assert "请求复查的最后一天：最晚2026-12-20" in flat(screen)


def test_choose_with_a_case_of_someone_going_themselves_lists_no_acting_items(run):
    case_id = add_case(run)
    d = run("choose", "--case", case_id, "-a", "problem=2", "-a", "decision-written=2", "-a", "tried-before=1", "-a", "situation=3",
            "-a", "can-visit=1", "--today", "2026-12-07", "--json").json()
    assert d["outcome"]["id"] == "hall" and d["acting"] is False
    assert not any("授权委托书" in i for cl in d["checklists"] for i in cl["items"] + cl["acting_items"])
    # a new complaint at the hall is filed today, not on the case's date
    assert d["now"]["date"] is None and d["now"]["by"].startswith("没有要您在哪天前办的法定期限")
    assert d["now"]["agency"].startswith("对方最晚 2026-12-22")


def test_reimburse_with_a_refused_case_goes_straight_to_the_written_refusal(run):
    case_id = add_case(run, "--decision-kind", "拒付")
    run("case", "result", case_id, "--received", "2026-11-20", "--today", "2026-12-07")
    d = run("reimburse", "--case", case_id, "--today", "2026-12-07", "--json").json()
    assert d["outcome"]["id"] == "refused-written" and d["acting"] is False


def test_an_unknown_case_is_one_line_naming_the_cases(run):
    r = run("choose", "--case", "99", "-a", "problem=fraud")
    assert r.exit_code == 2 and r.stderr.startswith("错误：没有编号为「99」的案件") and len(r.stderr.splitlines()) == 1


def test_the_web_outcome_asks_acting_leads_with_the_call_and_folds_everything_else():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    c = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    base = "answer=problem:2&answer=decision-written:2&answer=tried-before:1&answer=situation:4"
    asked = c.get(f"/choose?{base}")  # the outcome is known, the fact it depends on is asked
    assert asked.status_code == 200 and "是参保人本人去办，还是您替家人" in asked.text
    assert c.get(f"/choose/result?{base}", follow_redirects=False).status_code == 303
    own = c.get(f"/choose/result?{base}&answer=acting:self").text
    relative = c.get(f"/choose/result?{base}&answer=acting:acting").text
    assert "授权委托书" not in own and "授权委托书" in relative and "/checklists/mail-letter?acting=1" in relative
    hotline = c.get("/choose/result?answer=problem:2&answer=decision-written:2&answer=tried-before:1&answer=situation:1").text
    now, folded = hotline.index("现在就做"), hotline.index('<details class="full"')
    assert now < hotline.index('href="tel:12393"') < hotline.index("您的回答（可以逐项修改）") < folded
    assert hotline.index("期限：") < folded and hotline.index("<h2>来源</h2>") > folded  # sources: in 显示全部


@pytest.mark.parametrize("body, words", [("1", "县（区）人民政府"), ("2", "市人民政府"), ("3", "山西省人民政府"),
                                         ("4", "先看决定书上怎么写")])
def test_which_body_refused_names_where_to_apply_for_reconsideration_in_the_first_block(run, body, words):
    screen = run("reimburse", "-a", "stage=3", "-a", "refusal-written=1", "-a", "acting=1", "-a", f"decided-by={body}",
                 "--today", "2026-12-07", env={"COLUMNS": "80"}).stdout.splitlines()
    assert words in flat(first_block(screen))


def test_which_body_refused_is_asked_only_where_a_reconsideration_is_advised(k):
    for flow in k.flows:
        for out in flow.outcomes:
            if "decided-by" in out.asks:
                assert "reconsideration" in out.periods or "行政复议" in (out.by or ""), out.id
    assert "decided-by" not in k.flow("reimburse").outcome("paid-self").asks


def test_a_case_recorded_as_a_complaint_against_staff_goes_straight_to_the_discipline_body(run):
    case_id = add_case(run, "--matter", "检举控告")
    d = run("choose", "--case", case_id, "--today", "2026-12-07", "--json").json()
    assert d["outcome"]["id"] == "discipline" and d["answers"][0]["option"] == "staff-misconduct"


def test_every_web_outcome_opens_with_whom_and_by_when(k):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    c = TestClient(create_app(), base_url="http://127.0.0.1:8765")
    seen = set()
    for flow, answers, outcome_id in every_path(k):
        if (flow.id, outcome_id) in seen:
            continue
        seen.add((flow.id, outcome_id))
        html = c.get(f"/{flow.id}/result?" + "&".join(f"answer={q}:{o}" for q, o in answers)).text
        now = html[html.index('<section class="panel now"'):html.index("</section>", html.index('class="panel now"'))]
        assert "<strong>找谁：</strong>" in now and "<strong>期限：</strong>" in now, outcome_id
        text = re.sub(r"<[^>]+>", "", now)
        assert DATE.search(flat(text)) or NO_DATE.search(flat(text)), outcome_id
    assert len(seen) == sum(len(f.outcomes) for f in k.flows)
