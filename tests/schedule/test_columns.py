"""data/columns.yaml: one vocabulary of spreadsheet columns for deadline --batch, case import and case
export: the headers people write for the same thing all mean it, an event's column is named by the
event's label, and a broken vocabulary is refused naming the file, the entry and the line."""

import pytest

from conftest import edit


def words(data_dir=None):
    from yb_guide.schedule.columns import vocabulary

    return vocabulary(data_dir)


@pytest.mark.parametrize("header, key", [
    ("提交日期", "filed"), ("投诉日期", "filed"), (" 投诉 日期 ", "filed"), ("FILED", "filed"),
    ("姓名", "name"), ("参保人姓名", "name"), ("复杂", "complex"), ("复杂案件", "complex"),
    ("身份证号", "id_number"), ("参保人身份证号", "id_number"), ("\ufeff编号", "id"),
    ("收到结果日期", "result_received"), ("收到处理结果日期", "result_received"),
    ("知道原决定日期", "decision_known"), ("知道原决定的日期", "decision_known"), ("信访受理日期", "petition_accepted"),
])
def test_synonyms_mean_one_column(header, key):
    assert words().key_of(header) == key


@pytest.mark.parametrize("header", ["序号", "备注", "受理登记", "是否推算", "错误", ""])
def test_other_columns_are_no_column_of_ours(header):
    assert words().key_of(header) is None


def test_event_columns_are_named_by_the_event_labels():
    from yb_guide.knowledge import loader

    labels = loader.get().events.labels
    v = words()
    events = [c for c in v.columns if c.event]
    assert {c.event for c in events} >= {"filed", "result-received", "decision-known", "review-requested"}
    for c in events:
        if c.header is None:  # 收到处理结果（书面答复） -> 收到处理结果日期
            label = labels[c.event]
            assert v.header(c.key) == label.split("（")[0] + "日期"
        assert c.cell == "date"


def test_every_case_field_has_a_column():
    from yb_guide.cases.model import CASE_FIELDS
    from yb_guide.schedule.batch import batch_keys

    v = words()
    assert set(CASE_FIELDS) | set(batch_keys()) <= set(v.headers)
    assert v.column("id_number").cell == "digits" and v.column("phone").cell == "digits"


def test_a_synonym_of_two_columns_is_refused(data_copy):
    from yb_guide.base.errors import DataError

    edit(data_copy / "columns.yaml", "synonyms: [name, 姓名, 参保人,", "synonyms: [name, 姓名, 参保人, 复杂,")
    with pytest.raises(DataError) as err:
        words(data_copy)
    lines = (data_copy / "columns.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "{key: name," in text)
    assert f"columns.yaml:{line} " in str(err.value) and "「复杂」同时属于" in str(err.value)


def test_an_unknown_event_is_refused(data_copy):
    from yb_guide.base.errors import DataError

    edit(data_copy / "columns.yaml", "event: decision-made", "event: decision-taken")
    with pytest.raises(DataError) as err:
        words(data_copy)
    assert "decision-taken" in str(err.value)


def test_data_check_checks_the_columns_too(run, data_copy):
    edit(data_copy / "columns.yaml", "cell: digits}", "cell: number}")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "columns.yaml" in r.stderr and "number" in r.stderr
    assert run("data", "check").exit_code == 0
