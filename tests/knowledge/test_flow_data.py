"""Validation of data/flows.yaml at load: one test per kind of error, each naming file, key path and line."""

import re

import pytest

from conftest import edit






def line_of(path, needle):
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(lines) == 1, f"test setup: {needle!r} on lines {lines}"
    return lines[0]


def check(run, d):
    r = run("data", "check", "--data-dir", str(d))
    assert "Traceback" not in r.stdout + r.stderr
    assert r.exit_code == 2, r.stdout
    assert len(r.stderr.strip().splitlines()) == 1
    return r.stderr


@pytest.fixture
def flows(data_copy):
    return data_copy / "flows.yaml"


def test_shipped_flows_pass_and_are_counted(run):
    d = run("data", "check", "--json").json()
    assert d["counts"]["flows"] == 2 and d["counts"]["outcomes"] == 29
    assert any(f.endswith("flows.yaml") for f in d["files"])


def test_option_leads_to_a_question_that_does_not_exist(run, data_copy, flows):
    edit(flows, "            next: situation\n", "            next: situaton\n")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'next: situaton')} flows[0].questions[1].options[0].next" in err
    assert "不存在的问题「situaton」" in err and "您是不是要写「situation」" in err


def test_option_leads_to_an_outcome_that_does_not_exist(run, data_copy, flows):
    edit(flows, "            outcome: provincial-wechat\n", "            outcome: provincial-wechats\n")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'outcome: provincial-wechats')} flows[0].questions[5].options[1].outcome" in err
    assert "不存在的结果" in err


def test_option_with_both_next_and_outcome(run, data_copy, flows):
    edit(flows, "            next: online-ok\n", "            next: online-ok\n            outcome: hotline\n")
    err = check(run, data_copy)
    assert "flows[0].questions[2].options[1].id" in err and "只能写其中一个" in err


def test_outcome_names_a_channel_that_does_not_exist(run, data_copy, flows):
    edit(flows, "        channel: discipline-12388\n", "        channel: discipline-1238\n")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'channel: discipline-1238')} flows[0].outcomes[6].channel" in err
    assert "不存在的渠道「discipline-1238」" in err and "「discipline-12388」" in err


def test_alternative_names_a_channel_that_does_not_exist(run, data_copy, flows):
    edit(flows, "          - channel: mail-letter\n            when: 想要正式的书面投诉，或者在网上反映后仍没有解决时。",
         "          - channel: mail-letterr\n            when: 想要正式的书面投诉，或者在网上反映后仍没有解决时。")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'channel: mail-letterr')} flows[0].outcomes[2].alternatives[1].channel" in err


def test_outcome_names_a_checklist_that_does_not_exist(run, data_copy, flows):
    edit(flows, "        maybe: [platform-fee, no-filing]\n        checklists: [manual-claim]\n",
         "        maybe: [platform-fee, no-filing]\n        checklists: [manual-claims]\n")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'checklists: [manual-claims]')} flows[1].outcomes[1].checklists" in err
    assert "不存在的材料清单" in err


def test_outcome_names_a_procedure_that_does_not_exist(run, data_copy, flows):
    edit(flows, "        procedure: submit-claim\n", "        procedure: submit-claims\n")
    err = check(run, data_copy)
    assert "flows[1].outcomes[10].procedure" in err and "不存在的办理步骤" in err


def test_questions_that_lead_back_to_themselves(run, data_copy, flows):
    edit(flows, "            label: 能去\n            because: 您能在工作日去：现场投诉可以当面沟通、当面核实材料。\n"
                "            outcome: hall\n",
         "            label: 能去\n            because: 您能在工作日去：现场投诉可以当面沟通、当面核实材料。\n"
         "            next: situation\n")
    err = check(run, data_copy)
    lines = flows.read_text(encoding="utf-8").splitlines()
    edited = max(i for i, line in enumerate(lines, start=1) if line.strip() == "next: situation")
    assert f"flows.yaml:{edited} flows[0].questions[4].options[0].next" in err
    assert "循环：situation → online-ok → can-visit → situation" in err


def test_question_that_cannot_be_reached(run, data_copy, flows):
    edit(flows, "            next: provincial-how\n", "            outcome: letter\n")
    err = check(run, data_copy)
    line = line_of(flows, "      - id: provincial-how")
    assert f"flows.yaml:{line} flows[0].questions[5].id" in err and "走不到这个问题" in err


def test_outcome_that_cannot_be_reached(run, data_copy, flows):
    edit(flows, "            outcome: provincial-wechat\n", "            outcome: provincial-website\n")
    err = check(run, data_copy)
    line = line_of(flows, "      - id: provincial-wechat")
    assert f"flows.yaml:{line} flows[0].outcomes[3].id" in err and "走不到这个结果" in err


def test_start_question_that_does_not_exist(run, data_copy, flows):
    edit(flows, "    start: stage\n", "    start: stag\n")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'start: stag')} flows[1].start" in err


def test_handover_with_answers_the_other_flow_does_not_know(run, data_copy, flows):
    text = flows.read_text(encoding="utf-8")
    flows.write_text(text.replace("answers: [problem=reimbursement-dispute]", "answers: [problem=reimbursement]", 1),
                     encoding="utf-8")
    err = check(run, data_copy)
    line = line_of(flows, "answers: [problem=reimbursement]")
    assert f"flows.yaml:{line} flows[1].outcomes[0].handover.answers" in err
    assert "「reimbursement-dispute」" in err


def test_outcome_without_channel_procedure_or_handover(run, data_copy, flows):
    edit(flows, "        channel: fraud-report\n", "")
    err = check(run, data_copy)
    assert "flows[0].outcomes[7].id" in err and "channel" in err and "handover" in err


def test_duplicate_option_id(run, data_copy, flows):
    edit(flows, "          - id: in-province\n", "          - id: local\n")
    err = check(run, data_copy)
    assert "选项编号「local」重复" in err and "flows[1].questions[6].options[1].id" in err


def test_unknown_key_and_missing_help(run, data_copy, flows):
    edit(flows, "            because: 您想写信：", "            becuase: 您想写信：")
    err = check(run, data_copy)
    assert f"flows.yaml:{line_of(flows, 'becuase:')}" in err and "未知的键「becuase」" in err


def test_missing_required_help(run, data_copy, flows):
    edit(flows, "        help: >-\n          医保按服务协议和定点医疗机构结算。可以在“国家医保服务平台”App或国家医保局微信公众号里查定点医疗机构，\n"
                "          也可以直接问医院的医保窗口。\n", "")
    err = check(run, data_copy)
    assert "flows[1].questions[8]" in err and "缺少必填的键「help」" in err
    assert re.search(r"flows\.yaml:\d+ ", err)


def test_yes_and_no_as_ids_are_caught(run, data_copy, flows):
    """YAML reads a bare `yes` as true: an option id must be text."""
    edit(flows, "          - id: can-go\n", "          - id: yes\n")
    err = check(run, data_copy)
    assert "flows[0].questions[4].options[0].id" in err and "应为文本" in err


def test_missing_flows_file(run, data_copy, flows):
    flows.unlink()
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "flows.yaml" in r.stderr and "不存在" in r.stderr


def test_a_broken_flow_is_reported_by_the_flow_command_too(run, data_copy, flows):
    edit(flows, "            next: situation\n", "            next: situaton\n")
    r = run("--data-dir", str(data_copy), "choose", "-a", "problem=fraud")
    assert r.exit_code == 2 and "flows.yaml" in r.stderr and "Traceback" not in r.stderr
