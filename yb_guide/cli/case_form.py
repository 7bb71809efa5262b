"""The questions of ``case add``, ``case edit`` and ``letter``, asked one by one on the terminal.

Every answer is checked at once by the same code the options go through (``cases.model.make_case``);
a bad answer gets its one-line Chinese error and the question again, and ``b`` goes back one
question, so nobody has to start over because of one typo.  When a case is being corrected, each
question shows the current value: Enter keeps it, ``-`` clears it.
"""

from __future__ import annotations

import datetime as dt

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms
from yb_guide.cli.prompts import Terminal

OPTIONAL = "（可不填，直接回车跳过）"
ENDED = "输入已结束，没有保存。可以重新运行，或者用选项直接给出内容（见 --help）。"
KEYS = "每项填完按回车；输入 b 返回上一项。"
BACK, CLEAR = "b", "-"

# (field, question); the ones not given as options are asked in this order.
CASE_QUESTIONS = (
    ("channel", "投诉渠道（填序号）"),
    ("filed", "哪天提交的投诉（如 2024-05-06；直接回车 = 今天）"),
    ("ticket", "工单编号或投诉编号"),
    ("staff", "接待人员姓名"),
    ("institution", "涉及的机构（医院、药店或医保部门）"),
    ("incident_date", "问题发生的日期"),
    ("place", "发生地点"),
    ("amount", "涉及金额（元）"),
    ("summary", "发生了什么（简要经过）"),
    ("asks", "诉求"),
    ("evidence", "证据材料（如 住院费用票据复印件）"),
    ("complex", "是复杂案件吗（调查核实可延长到30个工作日）"),
    ("name", "参保人姓名"),
    ("id_number", "参保人身份证号"),
    ("card_number", "医保卡号"),
    ("agent_name", "代办人姓名（替家人办理时填写；本人办理直接回车）"),
    ("agent_relation", "代办人与参保人的关系（如 女儿、儿子、配偶）"),
    ("agent_id_number", "代办人身份证号"),
    ("phone", "联系电话"),
    ("address", "联系地址"),
)
# A case can start from a decision the person may take to 行政复议 (no complaint): asked instead of
# the complaint's channel, date, ticket and staff.
START_QUESTION = "这个案件从哪件事开始？"
START_OPTIONS = (("complaint", "一次投诉（打电话、网上、现场或写信）"),
                 ("decision", "医保部门的书面决定（如不予报销），打算申请行政复议"))
DECISION_QUESTIONS = (
    ("decision_kind", "原来的决定是什么（填序号）"),
    ("decision_known", "哪天知道（收到）这个决定的（如 2026-10-15）"),
    ("decision_made", "决定书上写的日期"),
)
COMPLAINT_ONLY = ("channel", "filed", "ticket", "staff", "complex")
# When correcting, a question must not promise what Enter does: the prompt says it (keeps the value).
EDIT_QUESTIONS = {"filed": "哪天提交的投诉（如 2024-05-06）", "complex": "是复杂案件吗（是/否）"}
from yb_guide.cases.model import LETTER_FIELDS  # noqa: E402,F401  (the one list; cli.letters asks for these)
AGENT_DETAILS = ("agent_relation", "agent_id_number")  # asked only when someone acts for the insured


class _Back(Exception):
    pass


def _read(term: Terminal, prompt: str) -> str:
    answer = term.read(prompt, ended=ENDED)
    if ascii_forms(answer).strip().lower() == BACK:
        raise _Back
    return answer


def _ask_list(term: Terminal, k, name: str, question: str) -> list[str]:
    if name == "asks":
        examples = "、".join(k.note(k.letter.demands_note).examples)
        term.say(f"{question}：希望医保部门怎么处理，例如 {examples}。一条一行，直接回车结束。")
    else:
        term.say(f"{question}：一条一行，直接回车结束。")
    items: list[str] = []
    while True:
        try:
            item = _read(term, f"  {len(items) + 1}: ")
        except _Back:
            if not items:
                raise
            items.pop()
            term.say("（去掉了上一条）", "dim")
            continue
        if not item:
            return items
        items.append(item)


def _ask_channel(term: Terminal, k, question: str, current: str | None = None) -> str:
    for i, c in enumerate(k.channels, 1):
        term.say(f"  {i}. {c.name}")
    if current is not None:
        answer = _read(term, f"{question}（现在：{k.channel(current).name}；直接回车不改）：")
        if answer == "":
            return current
    else:
        answer = _read(term, question + "：")
    number = ascii_forms(answer)
    if number.isdigit() and 1 <= int(number) <= len(k.channels):
        return k.channels[int(number) - 1].id
    return answer


def _ask_start(term: Terminal) -> str:
    """complaint or decision: what the case starts from."""
    term.say(START_QUESTION)
    for i, (_, label) in enumerate(START_OPTIONS, 1):
        term.say(f"  {i}. {label}")
    while True:
        answer = ascii_forms(_read(term, "请填序号（直接回车 = 1）：")).strip() or "1"
        if answer in ("1", "2"):
            return START_OPTIONS[int(answer) - 1][0]
        term.error(f"「{answer}」不是一个序号。", "填 1 或 2")


def _ask_decision_kind(term: Terminal, question: str) -> str:
    from yb_guide.schedule.deadlines import get_plan

    options = get_plan().question("decision").options
    for i, o in enumerate(options, 1):
        term.say(f"  {i}. {o.label}")
    return _read(term, question + "：")


def _ask_yes_no(term: Terminal, question: str) -> bool:
    while True:
        answer = ascii_forms(_read(term, question + "（是/否，直接回车 = 否）：")).lower()
        if answer in ("", "n", "no", "否", "不是"):
            return False
        if answer in ("y", "yes", "是"):
            return True
        term.error(f"「{answer}」看不懂。", "写“是”或“否”")


def _shown(name: str, value) -> str:
    """A field's current value as a prompt shows it: identity numbers masked (others can see the screen)."""
    from yb_guide.cases.personal import MASKED_FIELDS, mask

    if name == "complex":
        return "是" if value else "否"
    if value in (None, "", []):
        return "无"
    if isinstance(value, list):
        return "；".join(value)
    if name in MASKED_FIELDS:
        return mask(str(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _one(term: Terminal, k, name: str, question: str, today: dt.date, required, current=None):
    """One answer, as make_case reads it; ``current`` (when correcting) is kept on Enter."""
    if name == "channel":
        while True:
            answer = _ask_channel(term, k, question, current[name] if current is not None else None)
            if answer or name not in required:
                return answer
            term.error("这一项必须填写。", "填上面列出的序号，如 1")
    if current is not None:
        question = EDIT_QUESTIONS.get(name, question)
        typed = _read(term, f"{question}（现在：{_shown(name, current[name])}；直接回车不改，输入 - 清空）：")
        if typed == "":
            return current[name]
        return None if typed == CLEAR else typed
    if name == "filed":
        return _read(term, question + "：") or today.isoformat()
    if name == "decision_kind":
        return _ask_decision_kind(term, question)
    if name in ("asks", "evidence"):
        return _ask_list(term, k, name, question)
    if name == "complex":
        return _ask_yes_no(term, question)
    while True:
        value = _read(term, question + ("" if name in required else OPTIONAL) + "：")
        if value or name not in required:
            return value
        term.error("这一项必须填写。")


def ask(k, given: dict, today: dt.date, fields: tuple[str, ...] | None = None, required=("channel", "filed"),
        term: Terminal | None = None, current: dict | None = None) -> dict:
    """Ask, in the order of ``fields`` (default: all), for each field ``given`` lacks — or, with
    ``current`` (a case's fields), for every field, showing its value; returns the answers."""
    from yb_guide.cases.model import make_case

    term = term or Terminal()
    term.require_input()
    questions = dict(CASE_QUESTIONS) | dict(DECISION_QUESTIONS)
    base = dict(current if current is not None else given)
    names = [n for n in (fields or dict(CASE_QUESTIONS)) if current is not None or base.get(n) in (None, [], False)]
    answers = dict(base)
    term.say(KEYS, "dim")
    starting = current is None and fields is None and not any(base.get(n) for n in ("channel", "filed", *dict(DECISION_QUESTIONS)))
    if starting and _ask_start(term) == "decision":
        required = ("decision_kind",)
        names = [n for n, _ in DECISION_QUESTIONS] + [n for n in names if n not in COMPLAINT_ONLY]
    i = 0
    while i < len(names):
        name = names[i]
        if name in AGENT_DETAILS and not answers.get("agent_name"):
            i += 1  # no one acts for the insured person: nothing to ask about them
            continue
        try:
            value = _one(term, k, name, questions[name], today, required, answers if current is not None else None)
        except _Back:
            if i == 0:
                term.say("这已经是第一项了。")
                continue
            i -= 1
            while i > 0 and names[i] in AGENT_DETAILS and not answers.get("agent_name"):
                i -= 1
            if current is None:  # adding: the question comes back empty; correcting: it shows what was typed
                answers[names[i]] = base.get(names[i])
            continue
        try:
            make_case(k, {**answers, name: value}, today, require=False)
        except UserError as err:
            term.error(err.message, err.hint)
            continue
        answers[name] = value
        i += 1
    return answers
