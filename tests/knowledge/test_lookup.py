"""`knowledge.lookup.find_channel`: a channel by id, name or short name (data/channels.yaml `aliases`),
from the knowledge base or the cached deadline plan; and the data check that keeps those words unambiguous."""


import pytest

from conftest import edit


@pytest.fixture(scope="module")
def k():
    from yb_guide.knowledge import loader

    return loader.load()


@pytest.mark.parametrize("text, want", [
    ("hotline-12393", "hotline-12393"), ("HALL-VISIT", "hall-visit"), (" hall-visit ", "hall-visit"),
    ("全国统一医保服务热线 12393", "hotline-12393"), ("医保服务大厅现场投诉", "hall-visit"),
    ("热线", "hotline-12393"), ("12393", "hotline-12393"), ("１２３９３", "hotline-12393"),
    ("现场", "hall-visit"), ("信件", "mail-letter"), ("app", "nhsa-platform"), ("ＡＰＰ", "nhsa-platform"),
    ("12388", "discipline-12388"), ("举报", "fraud-report"), ("公众号", "sx-wechat"), ("官网", "sx-bureau-website"),
])
def test_id_name_or_short_name(k, text, want):
    from yb_guide.knowledge.lookup import find_channel

    assert find_channel(k, text) == want


def test_the_plan_finds_the_same_words_without_the_knowledge_base(k):
    from yb_guide.knowledge.lookup import find_channel
    from yb_guide.schedule import deadlines

    plan = deadlines.make_plan(k)
    for c in k.channels:
        for word in (c.id, c.name, *c.aliases):
            assert find_channel(plan, word) == c.id == find_channel(k, word)


def test_a_typo_gets_did_you_mean(k):
    from yb_guide.base.errors import UnknownIdError
    from yb_guide.knowledge.lookup import find_channel

    with pytest.raises(UnknownIdError) as e:
        find_channel(k, "热先")
    assert e.value.message == "没有叫「热先」的渠道。您是不是要找「热线」？"
    assert "热线（hotline-12393）" in e.value.hint and "现场（hall-visit）" in e.value.hint
    with pytest.raises(UnknownIdError) as e:
        find_channel(k, "hotline")
    assert "您是不是要找「hotline-12393」" in e.value.message






def test_an_alias_of_two_channels_is_refused(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "aliases: [现场, 大厅,", "aliases: [现场, 热线, 大厅,")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2
    assert "channels[2].aliases" in r.stderr and "「热线」已经是渠道「hotline-12393」" in r.stderr


def test_an_alias_that_is_another_channels_id_is_refused(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "aliases: [信件,", "aliases: [Hall-Visit, 信件,")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "「Hall-Visit」已经是渠道「hall-visit」" in r.stderr


def test_an_alias_written_twice_is_refused(run, data_copy):
    f = data_copy / "channels.yaml"
    edit(f, "APP, 国家平台]", "APP, app, 国家平台]")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "「app」和「APP」查找时是同一个词" in r.stderr
