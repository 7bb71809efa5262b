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


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own YBGUIDE_HOME and cache, so nothing touches the user's files."""
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("YBGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("YBGUIDE_DATA_DIR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    from yb_guide.knowledge import loader as knowledge

    knowledge._cache.clear()
    from yb_guide.calendar import workdays

    workdays._memo.clear()
    from yb_guide.base import paths

    paths.use_data_dir(None)
    yield
    paths.use_data_dir(None)  # a test's --data-dir must not leak into module-scoped fixtures


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
