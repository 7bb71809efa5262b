"""The program builds only the command it runs (typer builds every command's options otherwise)."""

import typer

from yb_guide.cli.app import app, only


def names(group) -> set[str]:
    return set(typer.main.get_command(group).commands)


def test_an_exact_command_name_builds_that_command_alone():
    assert names(only(app, ["deadline", "--filed", "2024-05-06"])) == {"deadline"}
    assert names(only(app, ["case", "list"])) == {"case"}
    assert names(only(app, ["hall-hours"])) == {"hall-hours"}
    assert len(names(app)) > 10  # the app itself is untouched


def test_anything_else_gets_every_command():
    full = names(app)
    for argv in ([], ["--help"], ["--version"], ["dedline"], ["-h", "deadline"]):
        assert names(only(app, argv)) == full, argv


def test_a_misspelt_command_still_gets_its_suggestion(sh):
    r = sh("dedline")
    assert r.exit_code == 2 and "deadline" in r.stderr and "可用的命令" in r.stderr
    r = sh("case", "lst")
    assert r.exit_code == 2 and "list" in r.stderr
