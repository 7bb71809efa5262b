"""The journal's folder as it really is on people's machines: missing, read-only, locked, damaged —
each told apart, and never an advice that could lose a healthy journal."""

import os
import sqlite3
import subprocess
from contextlib import contextmanager

import pytest

from conftest import FULL


@contextmanager
def read_only(folder):
    """Make ``folder`` truly read-only: a read-only bind mount as root, else chmod (other users)."""
    if os.geteuid() == 0:
        p = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
        if p.returncode != 0:
            pytest.skip("cannot make a read-only mount here")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True)
        try:
            probe = folder / ".probe"
            try:
                probe.touch()
                probe.unlink()
                pytest.skip("the mount did not become read-only")
            except OSError:
                pass
            yield
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(mode)


def test_a_read_only_home_still_lists_and_says_what_is_wrong_on_writes(run, tmp_path):
    assert run("case", "add", *FULL).exit_code == 0
    home = tmp_path / "home"
    with read_only(home):
        r = run("case", "list", "--json")
        assert r.exit_code == 0, r.stderr
        assert r.json()["total"] == 1  # the journal is readable
        assert run("case", "show", "1", "--json").json()["ticket"] == "2024050600123"
        assert run("case", "export").exit_code == 0
        r = run("case", "log", "1", "致电12393查询进度")
        assert r.exit_code == 1 and "只读" in r.stderr and "已损坏" not in r.stderr and "移走" not in r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert run("case", "show", "1", "--json").json()["log"] == []  # nothing half-written


def test_a_missing_home_is_not_created_by_reading(run, tmp_path):
    r = run("case", "list")
    assert r.exit_code == 0 and "还没有记录任何案件" in r.stdout
    assert not (tmp_path / "home").exists()


def test_a_home_that_cannot_be_created(run, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    r = run("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06",
            env={"YBGUIDE_HOME": str(blocker / "ybguide")})
    assert r.exit_code == 1 and "无法创建保存案件的文件夹" in r.stderr and "YBGUIDE_HOME" in r.stderr
    assert "已损坏" not in r.stderr


def test_a_locked_journal_is_not_called_damaged(run, tmp_path, monkeypatch):
    assert run("case", "add", *FULL).exit_code == 0
    from yb_guide.cases import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(tmp_path / "home" / "cases.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = run("case", "log", "1", "查询进度")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.exit_code == 1 and "正被另一个程序占用" in r.stderr and "已损坏" not in r.stderr


def test_a_damaged_journal_advises_a_copy_first(run, tmp_path):
    assert run("case", "add", *FULL).exit_code == 0
    db = tmp_path / "home" / "cases.sqlite3"
    for extra in db.parent.glob("cases.sqlite3-*"):
        extra.unlink()
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    r = run("case", "list")
    assert r.exit_code == 1 and "已损坏" in r.stderr and "复制一份" in r.stderr and "不要删除" in r.stderr
    assert db.read_bytes() == before  # the file is left as it was


@pytest.mark.parametrize("args", [["case", "add"], ["case", "add", "-i"], ["letter", "-i"], ["choose"],
                                  ["reimburse"], ["deadline", "--batch", "-"]])
def test_closed_stdin_is_one_chinese_line_naming_what_to_give(sh, args):
    """`ybguide case add <&-`: no AttributeError, a line saying which option to give, exit 2."""
    import shlex

    from conftest import installed_ybguide

    cmd = " ".join(shlex.quote(a) for a in [installed_ybguide(), *args]) + " <&-"
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("错误：") and len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert "--" in p.stderr  # names an option to use instead
    assert "AttributeError" not in p.stderr and "Traceback" not in p.stderr
