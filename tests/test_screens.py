"""Every screen of the command line: what no screen may show."""

import re

from screens import CASE_SCREENS, CASE_SETUP, all_screens

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_no_screen_shows_a_source_file_name(run):
    """A person cannot look up '000_….txt': sources are shown by issuing body and title."""
    screens = all_screens()
    assert len(screens) > 60
    for args in screens:
        for as_json in ([], ["--json"]):
            if "--markdown" in args and as_json:
                continue
            r = run(*args, *as_json)
            assert r.exit_code == 0, (args, r.stderr)
            assert not FILE_NAME.search(r.stdout + r.stderr), (args, FILE_NAME.search(r.stdout + r.stderr).group(0))
    for args in CASE_SETUP:
        assert run(*args).exit_code == 0
    for args in CASE_SCREENS:
        r = run(*args)
        assert r.exit_code == 0, (args, r.stderr)
        assert not FILE_NAME.search(r.stdout + r.stderr), args


def test_every_screen_reads_well_at_60_80_and_120_columns(run):
    """No line wider than the screen, none starting with closing punctuation, no date, number, phone,
    id or URL cut in two; and every character exists in GBK (a Windows console in Chinese)."""
    from screens import screen_problems, tokens_of

    checked = {60: 0, 80: 0, 120: 0}
    for args in CASE_SETUP:
        assert run(*args).exit_code == 0
    for args in all_screens() + CASE_SCREENS:
        if "--markdown" in args:  # a document for a file, not a screen
            continue
        data = run(*args, "--json").stdout if args[:2] != ["case", "result"] else ""
        for width in checked:
            r = run(*args, env={"COLUMNS": str(width)})
            assert r.exit_code == 0, (args, r.stderr)
            problems = screen_problems(r.stdout + r.stderr, width, tokens_of(data))
            assert not problems, (width, args, problems[:3])
            (r.stdout + r.stderr).encode("gbk")
            checked[width] += 1
    assert min(checked.values()) > 90, checked
    print(f"\n[screens] checked at each width: {checked}")


SAMPLES = [["channels"], ["deadline", "--filed", "2026-03-02", "--decision-known", "2026-02-27", "--today", "2026-03-03"],
           ["choose", "--answer", "problem=fraud"], ["calendar", "--year", "2026"], ["checklist", "hall-visit"],
           ["faq", "挂号"], ["sources", "--unverified"]]


def test_a_gbk_console_shows_the_same_screens(sh):
    """The installed program on a GBK console (PYTHONIOENCODING=gbk, as cmd.exe in Chinese): the same
    text as on a UTF-8 one, nothing replaced by '?'."""
    for args in SAMPLES:
        gbk = sh(*args, env={"PYTHONIOENCODING": "gbk", "COLUMNS": "60"}, encoding="gbk")
        utf8 = sh(*args, env={"PYTHONIOENCODING": "utf-8", "COLUMNS": "60"})
        assert gbk.exit_code == 0, args
        # rich draws table borders in ASCII on a non-UTF console; the words must be the same
        assert _words(gbk.stdout) == _words(utf8.stdout), args
        assert gbk.stdout.count("?") == utf8.stdout.count("?"), args  # nothing replaced


def _words(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "━─│┃┏┓┗┛╇╈┡┩+-|=")


def test_a_long_data_path_is_shown_whole_at_60_columns(run, tmp_path):
    """The data folder's path, however long (a clone 150 characters deep), is one unbroken line
    that can be copied; the rest of the screen still fits 60 columns."""
    import shutil

    from conftest import DATA
    from screens import screen_problems

    deep = tmp_path / ("很长的文件夹名-" + "x" * 40) / ("y" * 60) / "site-packages" / "yb_guide" / "data"
    shutil.copytree(DATA, deep)
    assert len(str(deep)) > 150
    for width in (60, 80, 120):
        r = run("data", "check", "--data-dir", str(deep), env={"COLUMNS": str(width)})
        assert r.exit_code == 0, r.stderr
        assert str(deep) in [line.strip() for line in r.stdout.splitlines()] or width == 120 and str(deep) in r.stdout
        assert not screen_problems(r.stdout, width, {"site-packages"}), screen_problems(r.stdout, width)


def test_a_sentence_with_a_long_path_keeps_the_path_whole():
    from rich.console import Console

    from yb_guide.cli.render.kit import with_paths

    path = "/home/" + "窗口工作人员/" * 8 + "删除前-3.json"
    out = Console(width=60, record=True, no_color=True)
    with out.capture() as captured:
        out.print(with_paths(f"已删除案件 3。删除前的内容存在 {path}，需要时可用 ybguide case import 找回。"), crop=False)
    lines = [line.strip() for line in captured.get().splitlines()]
    assert path + "，" in lines  # the path whole on a line of its own, with the comma that follows it
    assert lines[0] == "已删除案件 3。删除前的内容存在"
    assert lines[-1] == "需要时可用 ybguide case import 找回。"
