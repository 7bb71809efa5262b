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
