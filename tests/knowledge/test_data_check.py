"""`ybguide data check` and the loader's errors: one test per kind of error, each naming file, key path and line."""

import re


from conftest import edit






def line_of(path, needle):
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def check(run, d):
    r = run("data", "check", "--data-dir", str(d))
    assert "Traceback" not in r.stdout + r.stderr
    return r


def test_shipped_data_passes(run):
    r = run("data", "check", "--json")
    assert r.exit_code == 0
    d = r.json()
    assert d["ok"] and d["counts"]["channels"] == 9 and d["counts"]["checklists"] == 10


def test_wrong_type_names_file_key_and_line(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, 'phone: "12388"', "phone: 12388")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"channels.yaml:{line_of(f, 'phone: 12388')} channels[4].contact.phone" in r.stderr
    assert "应为文本" in r.stderr


def test_unknown_key(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    group: 电话投诉", "    groop: 电话投诉")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"channels.yaml:{line_of(f, 'groop:')} channels[0].groop" in r.stderr
    assert "未知的键「groop」" in r.stderr


def test_missing_required_key(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    summary: 便捷高效，适合紧急问题\n", "")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert "channels[0]" in r.stderr and "缺少必填的键「summary」" in r.stderr
    assert re.search(r"channels\.yaml:\d+ ", r.stderr)


def test_duplicate_id(run, data_copy):
    f = data_copy / "regions" / "CN-SX" / "channels.yaml"
    edit(f, "  - id: sx-wechat", "  - id: sx-bureau-website")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert "重复" in r.stderr and "sx-bureau-website" in r.stderr
    assert f"CN-SX/channels.yaml:{line_of(f, 'id: sx-bureau-website') + 0}" not in r.stderr  # the second one is named
    assert re.search(r"CN-SX/channels\.yaml:\d+ channels\[1\]\.id", r.stderr)


def test_reference_to_missing_checklist(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    checklist: hall-visit", "    checklist: hall-vist")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"channels.yaml:{line_of(f, 'checklist: hall-vist')} channels[2].checklist" in r.stderr
    assert "「hall-visit」" in r.stderr  # did you mean


def test_reference_to_missing_source_document(run, data_copy):
    f = data_copy / "reimbursement_faq.yaml"
    edit(f, "source: {doc: seed-online-booking, section: 应对策略}", "source: {doc: seed-onlin, section: 应对策略}")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert "reimbursement_faq.yaml:" in r.stderr and "strategies[0].source.doc" in r.stderr


def test_bad_enum_value(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "        form: card", "        form: plastic")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"channels.yaml:{line_of(f, 'form: plastic')}" in r.stderr and "plastic" in r.stderr


def test_yaml_syntax_error(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "  - id: hall-visit\n", "  - id: hall-visit\n   bad: [unclosed\n")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert re.search(r"channels\.yaml:\d+", r.stderr) and "YAML 语法错误" in r.stderr


def test_duplicate_yaml_key(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    kind: phone\n", "    kind: phone\n    kind: online\n")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert "重复" in r.stderr and "kind" in r.stderr


def test_empty_file(run, data_copy):
    (data_copy / "reimbursement_faq.yaml").write_text("", encoding="utf-8")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert "reimbursement_faq.yaml" in r.stderr and "空" in r.stderr


def test_missing_file_and_missing_dir(run, data_copy, tmp_path):
    (data_copy / "sources.yaml").unlink()
    r = check(run, data_copy)
    assert r.exit_code == 2 and "sources.yaml" in r.stderr and "不存在" in r.stderr
    r = check(run, tmp_path / "nowhere")
    assert r.exit_code == 2 and "数据目录不存在" in r.stderr


def test_not_utf8(run, data_copy):
    f = data_copy / "channels.yaml"
    f.write_bytes(f.read_text(encoding="utf-8").encode("gbk"))
    r = check(run, data_copy)
    assert r.exit_code == 2 and "UTF-8" in r.stderr


def test_global_data_dir_option_is_used_by_commands(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "name: 全国统一医保服务热线 12393", "name: 测试热线 12393")
    r = run("--data-dir", str(data_copy), "channels", "--json")
    assert any(c["name"] == "测试热线 12393" for c in r.json()["channels"])


# ---------------------------------------------------------------- sources and statuses


def test_verified_fact_from_a_web_article_is_refused(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    source: {doc: seed-complaint, section: 主要投诉渠道 > 电话投诉}\n    status: unverified",
         "    source: {doc: seed-complaint, section: 主要投诉渠道 > 电话投诉}\n    status: verified\n    checked: 2026-11-25")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"channels.yaml:{line_of(f, 'status: verified')} channels[0].status" in r.stderr
    assert "网络文章，不能据此写 verified" in r.stderr


def test_verified_fact_without_a_check_date_is_refused(run, data_copy):
    f = data_copy / "deadlines.yaml"
    text = f.read_text(encoding="utf-8")
    first = text.index("  - id: petition-notice")
    f.write_text(text[:first] + text[first:].replace("    checked: 2026-11-25\n", "", 1), encoding="utf-8")
    r = check(run, data_copy)
    assert r.exit_code == 2 and "rules[5].status" in r.stderr and "写了 verified 就要写 checked" in r.stderr


def test_a_check_date_on_an_unverified_fact_is_refused(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "    source: {doc: seed-complaint, section: 主要投诉渠道 > 电话投诉}\n    status: unverified",
         "    source: {doc: seed-complaint, section: 主要投诉渠道 > 电话投诉}\n    status: unverified\n    checked: 2026-11-24")
    r = check(run, data_copy)
    assert r.exit_code == 2 and "channels[0].checked" in r.stderr and "只有 verified 的事实才写 checked" in r.stderr


def test_verified_against_a_document_nobody_read_is_refused(run, data_copy):
    f = data_copy / "sources.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("  - id: petition-regulation")
    end = text.index("    note:", start)
    block = text[start:end]
    f.write_text(text[:start] + block[:block.index("    read:")] + text[end:], encoding="utf-8")
    r = check(run, data_copy)
    assert r.exit_code == 2 and "来源「petition-regulation」没有写 read" in r.stderr


def test_a_channel_without_tracks_is_refused(run, data_copy):
    edit(data_copy / "deadlines.yaml", "  discipline-12388: []\n", "")
    r = check(run, data_copy)
    assert r.exit_code == 2 and "渠道「discipline-12388」没有写用哪几条期限轨道" in r.stderr


def test_a_rule_condition_names_a_real_question_and_answer(run, data_copy):
    f = data_copy / "deadlines.yaml"
    edit(f, "when: {decision: [refusal, unknown]}  #", "when: {decision: [refusl, unknown]}  #")
    r = check(run, data_copy)
    assert r.exit_code == 2
    assert f"deadlines.yaml:{line_of(f, 'refusl')}" in r.stderr and "situation_notes[0].when.decision" in r.stderr
    assert "refusal" in r.stderr  # the nearest answer
    edit(f, "refusl", "refusal")
    edit(f, "only: {matter: [request]}", "only: {topic: [request]}")
    r = check(run, data_copy)
    assert r.exit_code == 2 and "情况问题「topic」" in r.stderr
