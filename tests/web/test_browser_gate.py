"""The browser tests skip on a machine without Chromium (with the packages to install) and must run in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from webpage import browser_missing

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("ci", ["", "0", "false"])
def test_no_browser_outside_ci_skips_and_names_the_install(ci):
    verdict, reason = browser_missing({"CI": ci} if ci else {}, lambda p: False)
    assert verdict == "skip"
    assert "chromium-driver" in reason and "fonts-noto-cjk" in reason and "apt-get install" in reason


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_no_browser_in_ci_fails(ci):
    verdict, reason = browser_missing({"CI": ci}, lambda p: False)
    assert verdict == "fail" and "CI" in reason


def test_browser_present_runs_in_either_setting():
    assert browser_missing({}, lambda p: True)[0] == "run"
    assert browser_missing({"CI": "true"}, lambda p: True)[0] == "run"


def _run_browser_module(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "YBGUIDE_SKIP_BROWSER")}
    env.update(YBGUIDE_CHROMIUM="/nonexistent/chromium", YBGUIDE_CHROMEDRIVER="/nonexistent/chromedriver")
    if ci is not None:
        env["CI"] = ci
    test = HERE / "test_web_browser.py"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           f"{test}::test_the_keyboard_alone_reaches_the_advice_with_a_visible_focus"],
                          capture_output=True, text=True, env=env, cwd=HERE.parent, timeout=300)


def test_the_real_module_skips_visibly_without_a_browser():
    p = _run_browser_module(None)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 skipped" in p.stdout and "apt-get install chromium chromium-driver fonts-noto-cjk" in p.stdout


def test_the_real_module_fails_without_a_browser_in_ci():
    p = _run_browser_module("true")
    assert p.returncode != 0
    assert "CI must run the browser tests" in p.stdout
