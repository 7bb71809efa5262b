"""The interactive wizard: in-process with typed lines, and end to end in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import io
import os
import re
import sys

import pytest

from conftest import installed_ybguide


@pytest.fixture(scope="module")
def k():
    from yb_guide.knowledge import loader as knowledge

    return knowledge.load()


def screen():
    from rich.console import Console

    return Console(file=io.StringIO(), width=100, no_color=True, highlight=False)


def asker(replies):
    it = iter(replies)

    def ask():
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return ask


def wizard(k, flow_id, replies, answers=(), known=()):
    from yb_guide.cli import wizard as w

    s = screen()
    position = w.run(k, flow_id, list(answers), interactive=True, ask=asker(replies), screen=s, known=known)
    return position, s.file.getvalue()


# ---------------------------------------------------------------- in-process


def test_numbers_help_and_a_wrong_number(k):
    position, out = wizard(k, "choose", ["", "10", "x", "6"])
    assert position.outcome.id == "fraud-report"
    assert "说明：选最接近的一项" in out  # Enter alone shows the help
    assert "没有「10」这一项" in out and "没有「x」这一项" in out
    assert out.count("第 1 题") == 1


def test_going_back_drops_the_last_answer(k):
    position, out = wizard(k, "choose", ["2", "2", "1", "b", "3", "1"])
    assert position.answers == [("problem", "reimbursement-dispute"), ("decision-written", "not-written"),
                                ("tried-before", "channels-failed"), ("acting", "self")]
    assert position.outcome.id == "letter"
    assert out.count("第 3 题") == 2 and out.count("第 4 题") == 2  # 3: the question taken back; 4: then acting


def test_back_at_the_first_question(k):
    position, out = wizard(k, "reimburse", ["b", "2", "1"])
    assert "这已经是第一题了" in out and position.outcome.id == "claim-returned"


def test_quit_returns_nothing(k):
    position, out = wizard(k, "choose", ["1", "q"])
    assert position is None and "已退出" in out


def test_option_ids_and_full_width_digits_are_accepted(k):
    position, _ = wizard(k, "choose", ["unhappy-with-result", "written", "３", "２"])
    assert position.outcome.id == "review-national" and position.fact("acting") == "acting"


def test_end_of_input_is_an_error_without_traceback(k):
    from yb_guide.base.errors import RuntimeProblem

    with pytest.raises(RuntimeProblem, match="输入已结束"):
        wizard(k, "choose", ["1"])


def test_answers_given_with_answer_are_not_asked_again(k):
    position, out = wizard(k, "choose", ["2", "1", "1"], answers=["problem=reimbursement-dispute"])
    assert position.outcome.id == "hotline"
    assert "第 1 题" not in out and "第 2 题" in out and "第 3 题" in out and "第 4 题" in out


def test_an_answer_the_path_does_not_use_is_dropped_with_a_note(k):
    position, out = wizard(k, "choose", ["6"], answers=["situation=complex"])
    assert position.outcome.id == "fraud-report"
    assert "没有用上：situation=complex" in out


def test_complete_answers_are_not_a_wizard(k):
    from yb_guide.base.errors import UserError

    position, out = wizard(k, "choose", [], answers=["problem=fraud"])
    assert position.outcome.id == "fraud-report" and out == ""  # nothing asked, nothing shown
    with pytest.raises(UserError, match="不会问到问题「situation」"):
        wizard(k, "choose", [], answers=["problem=fraud", "situation=complex"])


def test_the_acting_question_is_asked_only_where_it_changes_the_advice(k):
    # the hall's checklist has what someone acting for a relative brings: asked, after the outcome's questions
    position, out = wizard(k, "choose", ["2", "2", "1", "3", "1", "2"])
    assert position.outcome.id == "hall" and position.fact("acting") == "acting"
    assert "是参保人本人去办，还是您替家人" in out
    # the hotline's has nothing of the kind: not asked
    position, out = wizard(k, "choose", ["2", "2", "1", "1"])
    assert position.outcome.id == "hotline" and "替家人" not in out


def test_answers_read_from_a_case_are_not_asked(k):
    from yb_guide.knowledge.flows import answers_from_case

    known = answers_from_case(k.flow("choose"), {"acting": "yes", "reply": "written"})
    assert known == [("reply-written", "written"), ("acting", "acting")]
    position, out = wizard(k, "choose", ["8", "2"], known=known)
    assert position.outcome.id == "review-province" and position.fact("acting") == "acting"
    assert "书面答复" not in out.split("第")[-1] and "替家人" not in out  # neither question asked
    # going back never drops what the case says
    position, _ = wizard(k, "choose", ["8", "b", "8", "1"], known=known)
    assert position.outcome.id == "review-city"


def test_going_back_past_an_answer_given_with_answer(k):
    position, _ = wizard(k, "choose", ["b", "b", "7"], answers=["problem=poor-service"])
    assert position.outcome.id == "to-reimburse"


# ---------------------------------------------------------------- in a real terminal

try:
    import pexpect
except ImportError:  # Windows: pexpect's spawn needs a POSIX pseudo-terminal
    pexpect = None
pytestmark_pty = pytest.mark.skipif(pexpect is None or sys.platform == "win32",
                                    reason="needs pexpect and a POSIX pseudo-terminal")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(*args):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "50"}
    env.pop("YBGUIDE_DEBUG", None)
    return pexpect.spawn(installed_ybguide(), list(args), env=env, encoding="utf-8",
                         dimensions=(50, 100), timeout=20)


def finish(child) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return ANSI.sub("", child.before)


def prompt(n: int) -> str:
    return re.escape(f"请输入序号（1-{n}）：")


@pytestmark_pty
def test_choose_in_a_terminal_typing_going_back_and_reading_the_advice():
    child = spawn("choose")
    child.expect("您遇到的是哪一类问题")
    child.expect(prompt(9))
    child.sendline("3")  # 定点医疗机构或药店违规操作
    child.expect("这件事您之前向医保部门反映过吗")
    child.expect(prompt(3))
    child.sendline("")  # Enter: the help text
    child.expect("说明：")
    child.expect(prompt(3))
    child.sendline("2")  # 市、县医保部门处理不力
    child.expect("您想用哪种方式向省级医保部门反映")
    child.expect(prompt(4))
    child.sendline("b")  # back once
    child.expect("这件事您之前向医保部门反映过吗")
    child.expect(prompt(3))
    child.sendline("1")  # 第一次反映
    child.expect("下面哪一种最符合您的情况")
    child.expect(prompt(4))
    child.sendline("1")  # 比较急
    out = finish(child)  # everything after the last prompt: the summary of answers, then the advice
    assert child.exitstatus == 0
    flat = "".join(out.split())
    answers = flat.split("您的回答")[1].split("◆")[0]
    assert "定点医疗机构或药店违规操作" in answers and "还没有，这是第一次反映" in answers
    assert "处理不力" not in answers  # the answer taken back is gone
    assert "找谁：全国统一医保服务热线12393" in flat and "电话：12393" in flat
    assert "1.拨打12393" in flat
    assert "Traceback" not in out


@pytestmark_pty
def test_reimburse_in_a_terminal():
    child = spawn("reimburse")
    child.expect(prompt(3))
    child.sendline("1")  # 付钱时医保就没有报
    child.expect(prompt(4))
    child.sendline("2")  # 医院收的挂号费或诊察费
    child.expect(prompt(3))
    child.sendline("2")  # 用微信、支付宝或银行卡直接付的
    child.expect("是参保人本人去办，还是您替家人")  # the outcome's advice depends on it: asked once
    child.expect(prompt(2))
    child.sendline("2")  # 代办
    out = finish(child)
    assert child.exitstatus == 0
    flat = "".join(out.split())
    assert "可能的原因：付钱时走了自费，没有用医保结算" in flat and "退费重结" in flat
    assert "找谁问：" in flat
    assert "ybguidechoose--answerproblem=reimbursement-dispute" in flat
    assert "□授权委托书（参保人签名或按手印）" in flat  # in the list, for someone acting


@pytestmark_pty
def test_end_of_input_in_a_terminal_is_one_line_and_no_traceback():
    child = spawn("choose")
    child.expect(prompt(9))
    child.sendeof()
    out = finish(child)
    assert child.exitstatus == 1
    last = [line for line in out.splitlines() if line.strip()][-1]
    assert last.startswith("错误：输入已结束")
    assert "Traceback" not in out


@pytestmark_pty
def test_ctrl_c_in_a_terminal_exits_130_with_one_line():
    child = spawn("choose")
    child.expect(prompt(9))
    child.sendintr()
    out = finish(child)
    assert child.exitstatus == 130
    last = [line for line in out.splitlines() if line.strip()][-1]
    assert last.strip() == "已取消（Ctrl-C），没有保存未完成的操作。"  # on a line of its own, not after ^C
    assert "Traceback" not in out


@pytestmark_pty
def test_quit_in_a_terminal():
    child = spawn("reimburse")
    child.expect(prompt(3))
    child.sendline("q")
    out = finish(child)
    assert child.exitstatus == 0 and "已退出，没有给出建议" in out and "◆" not in out


@pytestmark_pty
def test_ctrl_c_during_case_add_is_130_and_on_its_own_line(tmp_path):
    """Ctrl-C at a question of `case add`: a new line, 已取消, exit 130, nothing saved."""
    child = spawn("case", "add")
    child.expect("这个案件从哪件事开始")  # a complaint or a decision (for 行政复议)
    child.expect("请填序号")
    child.sendintr()
    out = finish(child)
    assert child.exitstatus == 130
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    assert lines[-1] == "已取消（Ctrl-C），没有保存未完成的操作。"
    assert "错误" not in lines[-1] and "Traceback" not in out
    assert not (tmp_path / "home" / "cases.sqlite3").exists()


@pytestmark_pty
def test_a_written_refusal_asks_the_day_it_was_known_and_dates_the_reconsideration():
    """The 60 days of 行政复议 run "自知道或者应当知道该行政行为之日起" (行政复议法 第二十条第一款): the
    wizard asks that day, a wrong one is asked again, and the first block gives the last day."""
    child = spawn("choose", "--today", "2026-11-20", "--answer", "acting=self", "--answer", "refusal-by=city")
    child.expect(prompt(9))
    child.sendline("2")  # 医保报销有争议
    child.expect("不予报销的书面决定")
    child.expect(prompt(3))
    child.sendline("1")  # 给了，书面写明不予报销
    child.expect("哪天知道原决定")
    child.sendline("十月")  # not a date: said, then asked again
    child.expect("哪天知道原决定")
    child.sendline("10月15日")
    out = finish(child)
    assert child.exitstatus == 0
    assert "申请行政复议的最后一天：最晚 2026-12-14 周一" in out


def test_the_day_given_as_an_option_dates_the_reconsideration_without_asking(run):
    args = ["choose", "-a", "problem=2", "-a", "decision-written=1", "--decision-known", "2026-10-15",
            "--today", "2026-11-20", "--json"]
    d = run(*args).json()
    assert d["now"]["act"] == "reconsideration" and d["now"]["date"]["date"] == "2026-12-14"
    r = run("reimburse", "-a", "stage=refused", "-a", "refusal-written=written", "--decision-known", "2026-10-15",
            "--today", "2026-11-20", "--json")
    assert r.json()["now"]["date"]["date"] == "2026-12-14"
