"""The README and the manual (docs/manual.md) document every command with an example; the README
opens with its set-up commands and stays a README (a page, not the manual)."""

import re

from conftest import ROOT


def command_paths():
    """Every leaf command of the app, as 'channels show', 'data check', …"""
    import typer

    from yb_guide.cli.app import app

    root = typer.main.get_command(app)

    def walk(group, prefix):
        for name, cmd in sorted(getattr(group, "commands", {}).items()):
            path = f"{prefix} {name}".strip()
            yield path
            yield from walk(cmd, path)

    return list(walk(root, ""))


def readme_examples():
    text = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "docs/manual.md"))
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)
    lines = [ln.strip() for b in blocks for ln in b.splitlines()]
    return [re.sub(r"^\$\s*", "", ln) for ln in lines if re.match(r"^(\$\s*)?ybguide\b", ln)]


def test_every_command_has_an_example_in_readme():
    examples = readme_examples()
    missing = [p for p in command_paths() if not any(e.startswith(f"ybguide {p}") for e in examples)]
    assert not missing, f"commands without an example in README.md or docs/manual.md: {missing}"


def test_the_readme_is_a_page_and_its_links_lead_somewhere():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    import re as re_

    for target in re_.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
    # the daughter's case, end to end: a case from a decision, the 复议 application, the authorisation, the dates
    for step in ("ybguide case add --decision-kind 不予报销", "--kind 行政复议申请书", "--kind 授权委托书",
                 "ybguide deadline --decision-made", "先做这件事：申请行政复议的最后一天——2026-12-14"):
        assert step in text, step


def test_readme_opens_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```[a-z]*\n(.*?)```", text, flags=re.S).group(1).strip().splitlines()
    assert len(first_block) == 2
    run_cmd, test_cmd = first_block
    assert "pip install ." in run_cmd and "ybguide" in run_cmd
    assert 'pip install ".[test]"' in test_cmd and "pytest" in test_cmd


def test_readme_examples_use_real_ids():
    """An example naming a channel or checklist must name one that exists."""
    from yb_guide.knowledge import loader as knowledge

    k = knowledge.load()
    named = [m.groups() for e in readme_examples() if (m := re.match(r"ybguide (checklist|channels show) ([\w-]+)", e))]
    named = [(cmd, name) for cmd, name in named if name != "hall_visit"]  # the README shows that typo on purpose
    assert {cmd for cmd, _ in named} == {"checklist", "channels show"}, named  # the check has something to check
    for cmd, name in named:
        if cmd == "checklist":
            k.checklist(name)  # raises UnknownIdError for an id that does not exist
        else:
            k.channel(name)


def test_help_is_chinese_and_not_cut_off(sh):
    r = sh("deadline", "--help", env={"COLUMNS": "80"})
    assert r.exit_code == 0
    assert "…" not in r.stdout
    assert "选项" in r.stdout and "显示帮助并退出" in r.stdout
    flat = "".join(line.strip("│ ") for line in r.stdout.splitlines())
    assert "复杂案件：调查核实按30个工作日" in flat.replace(" ", "")
