"""Shared test helpers: run the CLI in-process (CliRunner) or as the installed program."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"

ID = "11010519491231002X"  # the standard's sample number (valid check digit)
# A complete case, as `case add` options.
FULL = ("--channel", "hotline-12393", "--filed", "2024-05-06", "--ticket", "2024050600123", "--staff", "王五",
        "--institution", "太原市某医院", "--amount", "1,280.5元", "--summary", "住院费用中部分项目未按规定报销",
        "--ask", "重新报销", "--ask", "道歉", "--evidence", "住院费用票据复印件", "--incident-date", "2024-04-28",
        "--name", "张三", "--phone", "13912345678", "--id-number", ID, "--card-number", "140100123456",
        "--today", "2024-05-20")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own YBGUIDE_HOME and cache, so nothing touches the user's files."""
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YBGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("YBGUIDE_DATA_DIR", raising=False)
    monkeypatch.delenv("YBGUIDE_REGION", raising=False)
    monkeypatch.delenv("YBGUIDE_PACKS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # The terminal's width is the test's to choose (COLUMNS=… where it matters), never the machine's.
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("LINES", raising=False)
    from yb_guide.base import paths
    from yb_guide.base.cache import reset_caches

    reset_caches()

    paths.use_data_dir(None)
    paths.use_region(None)
    yield
    paths.use_data_dir(None)  # a test's --data-dir or --region must not leak into module-scoped fixtures
    paths.use_region(None)


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ for a test to break on purpose (pass it with --data-dir or YBGUIDE_DATA_DIR)."""
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    return d


def edit(path, old, new, count=1):
    """Replace the first ``count`` of ``old``, which must be in the data file: a test's deliberate mistake."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


class Result:
    def __init__(self, code: int, stdout: str, stderr: str):
        self.exit_code, self.stdout, self.stderr = code, stdout, stderr

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture
def run():
    """run("channels", "--json") -> Result, through typer's CliRunner."""
    from typer.testing import CliRunner

    from yb_guide.cli.app import app

    def _run(*args: str, input: str | None = None, env: dict | None = None) -> Result:
        runner = CliRunner()
        r = runner.invoke(app, list(args), input=input, env=env, prog_name="ybguide")
        if r.exception and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r.exit_code, r.stdout, r.stderr)

    return _run


def installed_ybguide() -> str:
    """The `ybguide` program installed beside the running Python (the venv's bin)."""
    exe = Path(sys.executable).parent / ("ybguide.exe" if os.name == "nt" else "ybguide")
    if exe.exists():
        return str(exe)
    found = shutil.which("ybguide")
    if not found:
        pytest.fail("ybguide is not installed in this environment: follow the README's set-up")
    return found


@pytest.fixture
def sh(tmp_path):
    """sh("channels", env={...}) runs the installed program from a directory outside the repo."""

    def _sh(*args: str, env: dict | None = None, input: str | None = None, encoding: str = "utf-8"):
        full_env = {**os.environ, **(env or {})}
        p = subprocess.run([installed_ybguide(), *args], capture_output=True, cwd=tmp_path,
                           env=full_env, input=input.encode(encoding) if input is not None else None,
                           timeout=120)
        return Result(p.returncode, p.stdout.decode(encoding, "replace"), p.stderr.decode(encoding, "replace"))

    return _sh
