"""The user's files are never silently lost: every write goes through one writer (base.files) that
refuses to replace a file without --force, refuses to write over its input, and leaves nothing
behind when the disk is full."""

import os
import subprocess
from contextlib import contextmanager

import pytest

from conftest import FULL


@contextmanager
def tiny_disk(tmp_path, kib: int = 64):
    """A real, nearly full file system (a small tmpfs); skipped where mounting is not allowed."""
    where = tmp_path / "tiny"
    where.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(where)], capture_output=True)
    if p.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        fd = os.open(where / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 1024)
        except OSError:
            pass  # full
        finally:
            os.close(fd)
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def one_line(r):
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_the_writer_refuses_to_replace_and_keeps_the_file(tmp_path):
    from yb_guide.base.errors import UserError
    from yb_guide.base.files import write_atomic

    target = tmp_path / "手改.txt"
    target.write_text("我改过的信", encoding="utf-8")
    with pytest.raises(UserError, match="已经存在"):
        write_atomic(target, lambda tmp: tmp.write_text("新的", encoding="utf-8"), overwrite=False)
    assert target.read_text(encoding="utf-8") == "我改过的信"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["手改.txt"]  # no temporary file left
    write_atomic(target, lambda tmp: tmp.write_text("新的", encoding="utf-8"), overwrite=True)
    assert target.read_text(encoding="utf-8") == "新的"


def test_the_writer_refuses_to_write_over_its_input_even_through_a_link(tmp_path):
    from yb_guide.base.errors import UserError
    from yb_guide.base.files import write_atomic

    ledger = tmp_path / "台账.csv"
    ledger.write_bytes(b"id,filed\n1,2024-05-06\n")
    link = tmp_path / "link.csv"
    link.symlink_to(ledger)
    for out in (ledger, link):
        with pytest.raises(UserError, match="就是输入文件"):
            write_atomic(out, lambda tmp: tmp.write_bytes(b""), overwrite=True, source=ledger)
    assert ledger.read_bytes() == b"id,filed\n1,2024-05-06\n"


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import errno

    from yb_guide.base.errors import RuntimeProblem
    from yb_guide.base.files import write_atomic

    def full(tmp):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(RuntimeProblem, match="磁盘已满"):
        write_atomic(tmp_path / "x.ics", full)
    assert list(tmp_path.iterdir()) == []


def test_letter_out_does_not_replace_a_letter_edited_by_hand(run, tmp_path):
    assert run("case", "add", *FULL).exit_code == 0
    edited = tmp_path / "手改.txt"
    edited.write_text("我自己改过的投诉信", encoding="utf-8")
    r = run("letter", "--case", "1", "--out", str(edited))
    assert r.exit_code == 2 and "已经存在" in r.stderr and "--force" in r.stderr
    one_line(r)
    assert edited.read_text(encoding="utf-8") == "我自己改过的投诉信"
    log = run("case", "show", "1", "--json").json()["log"]
    assert not any(e["kind"] == "letter" for e in log)  # a letter not written is not logged
    r = run("letter", "--case", "1", "--out", str(edited), "--force")
    assert r.exit_code == 0 and "投诉信" in edited.read_text(encoding="utf-8-sig")


def test_export_and_ics_do_not_replace_files(run, tmp_path):
    assert run("case", "add", *FULL).exit_code == 0
    backup = tmp_path / "备份.json"
    backup.write_text("old", encoding="utf-8")
    r = run("case", "export", "--out", str(backup))
    assert r.exit_code == 2 and backup.read_text(encoding="utf-8") == "old"
    assert run("case", "export", "--out", str(backup), "--force").exit_code == 0
    ics = tmp_path / "期限.ics"
    ics.write_text("mine", encoding="utf-8")
    r = run("deadline", "--filed", "2024-05-06", "--ics", str(ics))
    assert r.exit_code == 2 and "已经存在" in r.stderr and ics.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_full_disk_letter_is_one_chinese_line_and_no_file(sh, tmp_path, suffix):
    with tiny_disk(tmp_path) as disk:
        out = disk / f"投诉信{suffix}"
        r = sh("letter", "--name", "张三", "--summary", "住院费用未按规定报销" * 200, "--out", str(out))
        assert r.exit_code == 1 and "磁盘已满" in r.stderr, r.stderr
        one_line(r)
        assert not out.exists() and not [p for p in os.listdir(disk) if p.startswith(".")]


def test_full_disk_ics_leaves_no_empty_file(sh, tmp_path):
    with tiny_disk(tmp_path) as disk:
        out = disk / "期限.ics"
        r = sh("deadline", "--filed", "2024-05-06", "--decision-known", "2024-05-01", "--ics", str(out))
        assert r.exit_code == 1 and "磁盘已满" in r.stderr
        one_line(r)
        assert not out.exists()
