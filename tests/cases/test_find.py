"""A case by what the person at the desk knows: its number, the resident's name (or the relative's who
acts), its ticket.  One match is that case; several, or only partial ones, are listed (number, masked
name, channel, date) and nothing is done; a delete says whose case it removes."""

import pytest

from conftest import FULL


@pytest.fixture
def desk(run):
    for args in (("--channel", "热线", "--filed", "2026-11-02", "--name", "王秀英", "--ticket", "2026110200123"),
                 ("--channel", "信件", "--filed", "2026-11-20", "--name", "王秀英"),
                 ("--channel", "现场", "--filed", "2026-11-21", "--name", "李四", "--agent-name", "李娜",
                  "--agent-relation", "女儿"),
                 ("--channel", "现场", "--filed", "2026-11-23", "--name", "欧阳秀英")):
        assert run("case", "add", *args, "--today", "2026-12-01").exit_code == 0


def shown_id(run, given) -> int:
    r = run("case", "show", given, "--json", "--today", "2026-12-01")
    assert r.exit_code == 0, r.stderr
    return r.json()["id"]


@pytest.mark.parametrize("given, case", [("3", 3), ("#2", 2), ("李四", 3), ("李娜", 3), ("2026110200123", 1),
                                         ("２０２６１１０２００１２３", 1), (" 欧阳秀英 ", 4)])
def test_a_number_a_name_or_a_ticket(run, desk, given, case):
    assert shown_id(run, given) == case


def test_a_shared_name_lists_the_cases_and_does_nothing(run, desk):
    for command in (("show", "王秀英"), ("log", "王秀英", "打过电话"), ("delete", "王秀英", "--yes")):
        r = run("case", *command)
        assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
        assert "「王秀英」对应 2 个案件" in r.stderr
        assert "案件 1（王*英，全国统一医保服务热线 12393，2026-11-02）" in r.stderr
        assert "案件 2（王*英，邮寄书面投诉信，2026-11-20）" in r.stderr and "王秀英，" not in r.stderr
    assert len(run("case", "export").json()["cases"]) == 4
    assert all(c["log"] == [] for c in run("case", "export").json()["cases"])


def test_part_of_a_name_is_never_guessed(run, desk):
    r = run("case", "show", "秀英")
    assert r.exit_code == 2 and "没有编号、姓名或工单编号是「秀英」的案件" in r.stderr
    assert "案件 1（王*英" in r.stderr and "案件 4（欧**英" in r.stderr and "case list --search" in r.stderr
    r = run("case", "show", "张三")
    assert r.exit_code == 2 and "姓名或工单编号里有" not in r.stderr and "现有的案件编号：1、2、3、4" in r.stderr


def test_the_delete_confirmation_names_the_person(run, desk, monkeypatch):
    from yb_guide.cli import prompts

    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    r = run("case", "delete", "李娜", input="否\n")
    assert r.exit_code == 2 and "没有删除" in r.stderr
    assert "要删除案件 3（参保人李*，李*代办，医保服务大厅现场投诉，2026-11-21 提交）吗？" in r.stdout + r.stderr
    r = run("case", "delete", "欧阳秀英", "--yes")
    assert r.exit_code == 0 and "已删除案件 4（参保人欧**英）" in r.stdout


def test_the_list_shows_names_masked_unless_revealed(run):
    assert run("case", "add", *FULL).exit_code == 0
    listing = run("case", "list", "--json", "--today", "2024-05-20").json()
    assert listing["cases"][0]["name"] == "张*" and listing["revealed"] is False
    assert run("case", "list", "--json", "--reveal", "--today", "2024-05-20").json()["cases"][0]["name"] == "张三"


@pytest.mark.parametrize("name, masked", [("王秀英", "王*英"), ("张三", "张*"), ("欧阳秀英", "欧**英"), ("王", "王"),
                                          ("", ""), (None, None)])
def test_mask_name(name, masked):
    from yb_guide.base.text import mask_name

    assert mask_name(name) == masked


def test_the_due_list_masks_names_too(run):
    assert run("case", "add", *FULL).exit_code == 0
    r = run("case", "due", "--today", "2024-05-27", "--days", "14")
    assert "案件 1（张*）" in r.stdout and "张三" not in r.stdout
    assert "案件 1（张三）" in run("case", "due", "--reveal", "--today", "2024-05-27", "--days", "14").stdout
