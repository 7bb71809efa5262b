"""What differs on Windows, where the service-window PCs are, simulated here (none of it has been
run on a real Windows machine yet; the README says so): the data folder under %LOCALAPPDATA%, a file
that Excel or Word holds open, the GBK (cp936) console, CRLF line ends from Excel and Notepad."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest


def test_the_data_and_cache_folders_are_under_localappdata(monkeypatch, tmp_path):
    from yb_guide.base import cache, paths

    monkeypatch.delenv("YBGUIDE_HOME", raising=False)
    monkeypatch.delenv("YBGUIDE_CACHE_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    assert paths.user_home() == tmp_path / "AppData" / "Local" / "ybguide"
    assert cache.cache_dir() == tmp_path / "AppData" / "Local" / "ybguide" / "Cache"


def test_replacing_a_file_another_program_holds_open_says_so_and_keeps_the_old_one(monkeypatch, tmp_path):
    """Windows refuses to replace a file Excel has open (PermissionError): one Chinese message,
    the old file as it was, no temporary file left behind."""
    from yb_guide.base import files
    from yb_guide.base.errors import RuntimeProblem

    target = tmp_path / "台账结果.csv"
    target.write_text("原来的内容", encoding="utf-8")

    def locked(src, dst):
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(RuntimeProblem) as err:
        files.write_atomic(target, lambda tmp: Path(tmp).write_text("新的内容", encoding="utf-8"))
    assert "Excel" in str(err.value) and "原来的文件没有改动" in str(err.value)
    assert target.read_text(encoding="utf-8") == "原来的内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账结果.csv"]


def test_the_command_line_says_it_in_one_line_with_a_nonzero_exit(run, monkeypatch, tmp_path):
    from yb_guide.base import files

    out = tmp_path / "期限.ics"
    out.write_text("旧日历", encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", lambda a, b: (_ for _ in ()).throw(PermissionError(13, "in use")))
    r = run("deadline", "--filed", "2026-03-02", "--today", "2026-03-03", "--ics", str(out), "--force")
    assert r.exit_code != 0 and r.stderr.count("\n") == 1 and "Excel" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text(encoding="utf-8") == "旧日历"


def test_a_batch_from_excel_with_crlf_line_ends_and_gbk(run, tmp_path):
    src = tmp_path / "台账.csv"
    src.write_bytes("编号,提交日期\r\n王秀英,2026-03-02\r\n李四,2026/3/3\r\n".encode("gbk"))
    out = tmp_path / "结果.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out), "--today", "2026-03-10")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("gbk"))))
    assert [row["编号"] for row in rows] == ["王秀英", "李四"] and rows[0]["受理登记"] == "2026-03-04"
    assert all(row["错误"] == "" for row in rows)


def test_a_gbk_console_gets_every_character_of_the_deadline_screen(sh):
    r = sh("deadline", "--decision-known", "2026-08-31", "--decision-kind", "拒付", "--today", "2026-09-01",
           env={"PYTHONIOENCODING": "gbk", "COLUMNS": "80"}, encoding="gbk")
    assert r.exit_code == 0 and "?" not in r.stdout and "复议前置" in r.stdout
