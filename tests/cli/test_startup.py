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


def test_a_command_of_a_group_builds_that_command_alone():
    case = typer.main.get_command(only(app, ["case", "list"])).commands["case"]
    assert set(case.commands) == {"list"}
    assert set(typer.main.get_command(only(app, ["case", "lst"])).commands["case"].commands) > {"list", "add"}
    assert set(typer.main.get_command(only(app, ["channels"])).commands["channels"].commands) == {"show"}


def test_anything_else_gets_every_command():
    full = names(app)
    for argv in ([], ["--help"], ["--version"], ["dedline"], ["-h", "deadline"]):
        assert names(only(app, argv)) == full, argv


def test_a_misspelt_command_still_gets_its_suggestion(sh):
    r = sh("dedline")
    assert r.exit_code == 2 and "deadline" in r.stderr and "可用的命令" in r.stderr
    r = sh("case", "lst")
    assert r.exit_code == 2 and "list" in r.stderr


def _loaded(*args: str, columns: int = 100) -> tuple[set[str], str]:
    """The modules the installed program loaded for ``args``, and what it printed."""
    import json
    import os
    import subprocess
    import sys

    code = ("import sys, json; sys.argv = ['ybguide', *json.loads(sys.argv[1])]\n"
            "from yb_guide.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))")
    p = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True,
                       encoding="utf-8", env={**os.environ, "COLUMNS": str(columns)}, timeout=120)
    head, _, modules = p.stderr.rpartition("\nMODULES ")
    return set(json.loads(modules)), p.stdout + head


def test_a_command_that_shows_no_help_never_loads_typers_help_module():
    for args in (["channels"], ["checklist", "hall-visit"], ["case", "list"], ["calendar", "2026-10"]):
        _loaded(*args)  # the first start compiles the knowledge and calendar into the (test's own) cache
        modules, out = _loaded(*args)
        assert "typer.rich_utils" not in modules, args
        assert "rich.table" not in modules and "fractions" not in modules, args  # cli.render.table draws tables
        if args[0] != "case":  # the case journal's, the letters' and the settings' commands are not added
            assert not {"yb_guide.cli.cases", "yb_guide.cli.letters", "yb_guide.cli.settings"} & modules, args
        assert "yb_guide.base.schema" not in modules and "yaml" not in modules, args  # the knowledge from the cache


def test_help_is_chinese_without_markdown_or_pygments():
    modules, out = _loaded("--help")
    assert "用法：ybguide" in out and "命令" in out and "deadline" in out
    assert not {m for m in modules if m.startswith(("markdown_it", "pygments"))}
    modules, out = _loaded("case")  # a group named alone shows its help
    assert "用法：ybguide case" in out and "typer.rich_utils" in modules


def test_a_help_screen_shown_again_is_written_as_kept_not_built_again():
    first_modules, first = _loaded("--help")
    modules, again = _loaded("--help")
    assert again == first and "用法：ybguide" in again and "deadline" in again
    assert "typer.rich_utils" in first_modules and "typer.rich_utils" not in modules
    narrow_modules, narrow = _loaded("--help", columns=60)  # another console: another screen, built
    assert narrow != first and "typer.rich_utils" in narrow_modules
    assert max(len(line) for line in narrow.splitlines()) <= 60
    _, command_help = _loaded("deadline", "--help")
    assert "用法：ybguide deadline" in command_help and _loaded("deadline", "--help")[1] == command_help


def test_the_commands_app_py_says_are_its_own_are_its_own():
    import yb_guide.cli.app as m

    here = {(c.name or c.callback.__name__.replace("_", "-")) for c in m.app.registered_commands
            if c.callback.__module__ == m.__name__}
    here |= {g.name for g in m.app.registered_groups
             if {c.callback.__module__ for c in g.typer_instance.registered_commands} == {m.__name__}}
    assert here == m.HERE
    assert set(names(m.app)) == m.HERE | m.ELSEWHERE and not m.HERE & m.ELSEWHERE


def test_a_start_for_a_misspelt_or_another_modules_command_still_has_every_command():
    modules, out = _loaded("dedline")
    assert "可用的命令" in out and all(name in out for name in ("case", "letter", "config", "hall-hours", "channels"))
    modules, out = _loaded("config")
    assert "yb_guide.cli.settings" in modules and "错误" not in out


def test_the_collector_runs_less_often_during_a_start_and_as_usual_for_a_server(monkeypatch):
    import gc

    from yb_guide.cli import frame

    usual = gc.get_threshold()
    code = ("import gc, sys; sys.argv = ['ybguide', 'channels', '--json']\n"
            "from yb_guide.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nGC %s %s' % (gc.get_threshold(), gc.isenabled()))")
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    threshold, enabled = p.stderr.rpartition("\nGC ")[2].rsplit(" ", 1)
    assert threshold.startswith("(100000,") and enabled == "True"  # still collecting, less often
    monkeypatch.setattr(frame, "usual_thresholds", usual)
    gc.set_threshold(100_000, *usual[1:])
    try:
        frame.collect_as_usual()  # what ``serve`` does first
        assert gc.get_threshold() == usual
    finally:
        gc.set_threshold(*usual)
