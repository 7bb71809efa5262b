"""The wizard of a flow: the only flow code that reads input and prints.

Its state is the list of answers (``flows.resolve`` does the rest): ``--answer``
seeds it, typing an option's number appends one, ``b`` drops the last.  Questions
go to stderr, so stdout carries only the advice (``ybguide choose > 建议.txt``
still shows the questions on the screen).  Without a terminal, or with
``--json``, nothing is asked: a missing answer is an error naming the question
and its options.
"""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.knowledge.flows import Position, parse_answers, resolve

def command(flow_id: str, answers, *, list_questions: bool, as_json: bool, full: bool, case_id=None, today=None,
            decision_known=None):
    """``ybguide choose`` / ``reimburse``: the question list, or the wizard (answers read from a case
    with ``--case`` are not asked) and its outcome, dated ``--today``; a first step whose starting date
    is not known (申请行政复议: 知道原决定) is dated from ``--decision-known``, else asked in a terminal."""
    from yb_guide.cli.options import date_option, knowledge, today_option
    from yb_guide.cli.output import emit
    from yb_guide.cli.render import flows as render
    from yb_guide.views import flows as views

    k = knowledge()
    if list_questions:
        emit(views.flow_questions(k, flow_id), render.flow_questions, as_json=as_json)
        return
    from yb_guide.cli.prompts import stdin_is_terminal

    now = today_option(today)
    case = None
    if case_id is not None:  # what the journal holds is not asked again
        from yb_guide.cases import journal as cases

        case = cases.get(case_id)
    known = views.case_answers(k, flow_id, case) if case else ()
    interactive = not as_json and stdin_is_terminal()
    position = run(k, flow_id, answers, interactive=interactive, known=known)
    if position is not None:
        brief = views.case_brief(case) if case else None
        given = date_option(decision_known, "--decision-known", now)
        dates = {"decision-known": given} if given else {}
        payload = views.flow_result(k, position, today=now, case=brief, events=dates)
        needs = payload["now"]["needs"]  # the date the first step runs from is not known: ask it, once
        if needs and interactive and not dates:
            day = _ask_date(payload["now"]["needs_label"], now)
            if day is not None:
                payload = views.flow_result(k, position, today=now, case=brief, events={needs: day})
        emit({**payload, "full": full}, render.flow_result, as_json=as_json)


KEYS = "输入序号回答；直接按回车看说明；b 返回上一题；q 退出。"
DATE_QUESTION = "您是哪天{label}的？（如 2026-10-15；记不清直接按回车）："


def _ask_date(label: str, today):
    """The date of an event (知道原决定) a first step runs from; None: not known."""
    from yb_guide.calendar.dates import parse_date
    from yb_guide.cli.prompts import Terminal

    term = Terminal()
    while True:
        text = term.read(DATE_QUESTION.format(label=label), ended=ENDED).strip()
        if not text:
            return None
        try:
            return parse_date(text, f"{label}的日期", today=today)
        except UserError as err:
            term.error(err.message, err.hint)


def run(k, flow_id: str, answer_texts, *, interactive: bool, ask=None, screen=None, known=()) -> Position | None:
    """The position at the outcome, or None when the user quits (``q``).

    ``ask`` reads one line (default ``input``) and ``screen`` is a rich console
    (default: stderr); tests pass their own.  ``known``: answers read from a case, never asked.
    The facts an outcome asks (acting for someone …) are asked in a terminal; given no terminal,
    they stay unknown and the advice says what each answer would mean."""
    flow = k.flow(flow_id)
    answers = parse_answers(answer_texts)
    position = resolve(flow, answers, known)
    if not interactive or position.asking is None:  # nothing to ask
        return _complete(position)
    from yb_guide.cli.prompts import Terminal

    return _loop(flow, answers, Terminal(ask, screen), known)


def _complete(position: Position) -> Position:
    if position.question is not None:
        q = position.question
        options = "；".join(f"{n}. {o.label}" for n, o in enumerate(q.options, 1))
        raise UserError(f"还缺少问题「{q.id}」的回答（{q.text}）：请加上 --answer {q.id}=序号",
                        hint=f"可选：{options}")
    if position.unused:
        question_id, option_id = position.unused[0]
        asked = " → ".join(q.id for q, _ in position.path)
        raise UserError(f"按前面的回答，不会问到问题「{question_id}」，--answer {question_id}={option_id} 用不上。",
                        hint=f"这次依次回答的问题：{asked}")
    return position


ENDED = "输入已结束，问题还没有回答完。可以重新运行，或者用 --answer 问题=选项 直接给出回答。"


def _loop(flow, answers, term, known=()) -> Position | None:
    from yb_guide.cli.render import flows as render
    from yb_guide.views import flows as views

    term.say(f"{flow.title}：{flow.intro}", "bold")
    term.say(KEYS, "dim")
    state = list(answers)
    while True:
        position = resolve(flow, state, known)
        if position.asking is None:
            if position.unused:
                unused = "、".join(f"{q}={o}" for q, o in position.unused)
                term.say(f"注意：按您的回答不会问到这些问题，没有用上：{unused}", "yellow")
            term.screen.print()
            return position
        question = position.asking
        term.show(render.flow_question(views.flow_question(position)))
        while True:
            reply = term.choice(f"请输入序号（1-{len(question.options)}）：", ended=ENDED)
            if reply == "":
                term.say(f"说明：{question.help}", "cyan")
            elif reply == "q":
                term.say(f"已退出，没有给出建议。想重新开始，再运行 ybguide {flow.id}。")
                return None
            elif reply == "b":
                typed = [a for a in position.answers if a in state]  # not those read from the case
                if typed:
                    state.remove(typed[-1])
                    break
                term.say("这已经是第一题了。")
            else:
                option = _pick(question, reply)
                if option is not None:
                    state.append((question.id, option.id))
                    break
                term.say(f"没有「{reply}」这一项：请输入 1 到 {len(question.options)} 之间的数字。"
                         "直接按回车看说明，b 返回上一题，q 退出。", "yellow")


def _pick(question, reply: str):
    if reply.isdigit() and 1 <= int(reply) <= len(question.options):
        return question.options[int(reply) - 1]
    return next((o for o in question.options if o.id == reply), None)
