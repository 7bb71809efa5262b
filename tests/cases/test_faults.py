"""Fault injection (issue 32): a damaged journal takes no write and gives back what it holds; a
read-only file or folder (with and without a WAL), a full disk, SIGTERM and SIGHUP mid-batch,
formulas in spreadsheets.  Each test asserts what a person sees and that nothing saved is lost."""

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, installed_ybguide

ADD = ("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06", "--today", "2024-06-01")


def fill(n, logs=2):
    """A journal of ``n`` cases (ticket T0 …), each with ``logs`` log entries, in one transaction."""
    import datetime as dt

    from yb_guide.cases import db as casedb, journal
    from yb_guide.cases.store import insert_case
    from yb_guide.knowledge import loader

    k, today = loader.get(), dt.date(2024, 6, 1)
    with casedb.transaction(write=True) as db:
        for i in range(n):
            c = journal.make_case(k, {"channel": "hall-visit", "filed": "2024-05-06", "ticket": f"T{i}",
                                      "summary": f"经过{i} " + "内容" * 60, "name": "张三"}, today)
            c.log = [journal.LogEntry(f"2024-05-{7 + j:02d} 10:00", "call", f"{i}-{j}") for j in range(logs)]
            insert_case(db, c)
    return casedb.db_path()


def one_line_error(r, code=1):
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stderr.startswith("错误：") and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def tickets(r):
    return {c["ticket"] for c in r.json()["cases"]}


# ---------------------------------------------------------------- damage


def quick_check(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as err:
        return str(err)
    finally:
        conn.close()


def damage(db, offset, data):
    raw = bytearray(db.read_bytes())
    raw[offset:offset + len(data)] = data
    db.write_bytes(bytes(raw))


@pytest.mark.parametrize("offset, size", [(40960, 2000), (20000, 3000), (4096 * 3, 4096), (4096 * 30 + 200, 800)])
def test_a_damaged_journal_takes_no_write_and_salvage_gets_back_the_rest(run, tmp_path, offset, size):
    db = fill(200)
    rng = random.Random(offset)
    damage(db, offset, bytes(rng.randrange(256) for _ in range(size)))
    assert quick_check(db) != "ok"  # damage SQLite itself calls damage
    before = db.read_bytes()
    for args in (ADD, ("case", "list"), ("case", "export"), ("case", "log", "1", "又打了电话")):
        r = run(*args)
        one_line_error(r)
        assert "已损坏" in r.stderr and "--salvage" in r.stderr and "不要删除" in r.stderr
        assert db.read_bytes() == before  # not a byte written
    out = tmp_path / "取回.json"
    r = run("case", "export", "--salvage", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    assert db.read_bytes() == before and not list(db.parent.glob("cases.sqlite3-*"))
    saved = json.loads(out.read_text(encoding="utf-8"))["cases"]
    summary = r.stderr.strip().splitlines()[-1]
    assert f"取回 {len(saved)} 个案件" in summary and "原文件没有改动" in summary
    assert len(saved) > 0
    lost, logs = 200 - len(saved), sum(len(c["log"]) for c in saved)
    assert f"{logs} 条沟通记录" in summary
    if lost:  # counted as unreadable, or as an id that gave no row
        assert sum(int(n) for n in re.findall(r"(\d+) 个案件", summary.split("；", 1)[1])) == lost, summary
    if lost == 0 and logs == 400:
        assert "没有读不出的内容" in summary
    else:  # every row not given back is counted
        assert "已丢失" in summary
    for c in saved:  # what came back is what was saved
        i = int(c["ticket"][1:])
        assert c["summary"].startswith(f"经过{i} ") and [e["text"] for e in c["log"]] in ([f"{i}-0", f"{i}-1"], [])
    # … and it imports into a new journal
    r = run("case", "import", str(out), "--today", "2024-06-01", env={"YBGUIDE_HOME": str(tmp_path / "new")})
    assert r.exit_code == 0, r.stderr
    assert len(run("case", "list", "--json", env={"YBGUIDE_HOME": str(tmp_path / "new")}).json()["cases"]) == len(saved)


def test_salvage_of_a_healthy_journal_loses_nothing_and_writes_csv_too(run, tmp_path):
    fill(30)
    out = tmp_path / "取回.csv"
    r = run("case", "export", "--salvage", "--out", str(out))
    assert r.exit_code == 0 and "取回 30 个案件、60 条沟通记录" in r.stderr and "没有读不出的内容" in r.stderr
    assert run("case", "export", "--out", str(tmp_path / "导出.csv")).exit_code == 0
    assert out.read_bytes() == (tmp_path / "导出.csv").read_bytes()


def test_salvage_with_an_unreadable_schema_says_so(run, tmp_path):
    db = fill(5)
    damage(db, 100, b"\xff" * 3996)  # page 1: the schema itself
    r = run("case", "export", "--salvage", "--out", str(tmp_path / "x.json"))
    one_line_error(r)
    assert "读不出" in r.stderr and ".recover" in r.stderr and not (tmp_path / "x.json").exists()


def test_another_programs_database_is_refused_by_a_read_too(run, tmp_path):
    db = tmp_path / "home" / "cases.sqlite3"
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    r = run("case", "list")
    one_line_error(r)
    assert "不是 ybguide 的案件数据库" in r.stderr


# ---------------------------------------------------------------- read-only, WAL


def leave_wal(db, tickets_):
    """Cases committed into the WAL by a process then killed (SIGKILL): nothing folded back."""
    code = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "for t in sys.argv[2:]:\n"
        "    c.execute(\"INSERT INTO cases (channel, filed, ticket, created, updated) VALUES \"\n"
        "              \"('hall-visit', '2024-05-06', ?, '2024-06-01 10:00:00', '2024-06-01 10:00:00')\", (t,))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code, str(db), *tickets_])
    assert db.with_name("cases.sqlite3-wal").stat().st_size > 0


def test_a_read_only_folder_with_a_wal_shows_every_saved_case(run, tmp_path):
    from test_homes import read_only

    db = fill(1)
    leave_wal(db, ["W1", "W2", "W3"])
    home = db.parent
    before = {p.name: p.read_bytes() for p in home.iterdir()}
    with read_only(home):
        r = run("case", "list", "--json")
        assert r.exit_code == 0, r.stderr
        assert tickets(r) == {"T0", "W1", "W2", "W3"}
        out = tmp_path / "备份.json"
        r = run("case", "export", "--out", str(out))
        assert r.exit_code == 0 and "已导出 4 个案件" in r.stdout
        r = run(*ADD)
        one_line_error(r)
        assert str(home) in r.stderr and "只读" in r.stderr and "YBGUIDE_HOME" in r.stderr
    assert {p.name: p.read_bytes() for p in home.iterdir()} == before


def unprivileged():
    """A command prefix that runs without the power to ignore file modes (root has it)."""
    if os.name == "nt":
        pytest.skip("file modes are POSIX")
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only mode would not hold")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def sh_as(prefix, *args, home):
    env = {**os.environ, "YBGUIDE_HOME": str(home)}
    p = subprocess.run([*prefix, installed_ybguide(), *args], capture_output=True, env=env, timeout=120)
    from conftest import Result

    return Result(p.returncode, p.stdout.decode(), p.stderr.decode())


@pytest.mark.parametrize("with_wal", [False, True])
def test_a_read_only_file_is_read_whole_and_leaves_nothing_that_blocks_writes(tmp_path, with_wal):
    prefix = unprivileged()
    db = fill(2)
    if with_wal:
        leave_wal(db, ["W1"])
    home = db.parent
    names = {p.name for p in home.iterdir()}
    db.chmod(0o444)
    r = sh_as(prefix, "case", "list", "--json", home=home)
    assert r.exit_code == 0, r.stderr
    assert tickets(r) == ({"T0", "T1", "W1"} if with_wal else {"T0", "T1"})
    r = sh_as(prefix, *ADD, home=home)
    one_line_error(r)
    assert f"案件数据库文件 {db}" in r.stderr and "只读" in r.stderr and "YBGUIDE_HOME" in r.stderr
    assert {p.name for p in home.iterdir()} == names  # no -shm or -wal made by reading
    db.chmod(0o600)
    r = sh_as(prefix, *ADD, home=home)
    assert r.exit_code == 0, r.stderr
    r = sh_as(prefix, "case", "list", "--json", home=home)
    assert len(r.json()["cases"]) == (4 if with_wal else 3)


def test_a_read_only_shm_left_by_an_older_version_is_repaired_or_named(tmp_path):
    prefix = unprivileged()
    db = fill(1)
    leave_wal(db, ["W1"])
    shm = db.with_name("cases.sqlite3-shm")
    shm.chmod(0o444)
    r = sh_as(prefix, *ADD, home=db.parent)
    assert r.exit_code == 0, r.stderr  # ours: given the file's mode back
    assert len(sh_as(prefix, "case", "list", "--json", home=db.parent).json()["cases"]) == 3
    if os.geteuid() == 0:  # someone else's -shm (only root can make one here): named, and nothing lost
        leave_wal(db, ["W2"])
        os.chown(shm, 65534, 65534)
        shm.chmod(0o444)
        r = sh_as(prefix, *ADD, home=db.parent)
        one_line_error(r)
        assert f"{shm}" in r.stderr and "没有写入权限" in r.stderr and "YBGUIDE_HOME" in r.stderr
        assert tickets(sh_as(prefix, "case", "list", "--json", home=db.parent)) >= {"T0", "W1", "W2"}


# ---------------------------------------------------------------- a full disk


def in_tiny_disk(tmp_path, script, size="256k"):
    """Run ``script`` (sh) with $D a fresh tmpfs of ``size``, in a user and mount namespace."""
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        pytest.skip("needs Linux namespaces (unshare) for a tiny tmpfs")
    d = tmp_path / "disk"
    d.mkdir()
    full = f"mount -t tmpfs -o size={size} tmpfs \"$D\" || exit 97\n{script}"
    p = subprocess.run(["unshare", "-rm", "sh", "-c", full], capture_output=True, timeout=300,
                       env={**os.environ, "D": str(d), "Y": installed_ybguide(), "YBGUIDE_HOME": str(d / "home")})
    if p.returncode == 97 or b"unshare failed" in p.stderr or b"Operation not permitted" in p.stderr[:200]:
        pytest.skip(f"no tmpfs in a user namespace here: {p.stderr.decode(errors='replace')[:200]}")
    return p.stdout.decode(), p.stderr.decode()


def test_a_full_disk_is_said_and_loses_no_case(tmp_path):
    fill(3)
    src = tmp_path / "home" / "cases.sqlite3"
    script = f"""
        mkdir "$D/home" && cp "{src}" "$D/home/"
        "$Y" case list --json --today 2024-06-01 > "$D/before.json" || echo LIST-BEFORE-FAILED
        cat "$D/before.json"; echo "@@"
        dd if=/dev/zero of="$D/filler" bs=1k count=100000 2>/dev/null
        "$Y" {' '.join(ADD)} --summary "{'很长的经过' * 300}"; echo "rc=$?"; echo "@@"
        "$Y" case list --json --today 2024-06-01; echo "rc=$?"; echo "@@"
        rm -rf "$D/home"; mkdir "$D/home"
        "$Y" {' '.join(ADD)}; echo "rc=$?"; echo "@@"
        "$Y" case list; echo "rc=$?"
        """
    out, err = in_tiny_disk(tmp_path, script)
    before, added, after, fresh, fresh_list = out.split("@@")
    errors = err.strip().splitlines()
    assert "rc=1" in added and "rc=0" in after and "rc=1" in fresh and "rc=0" in fresh_list, (out, err)
    assert len(errors) == 2 and all(e.startswith("错误：磁盘已满") for e in errors), err
    assert all(str(tmp_path / "disk" / "home") in e and "KB" in e for e in errors)
    assert json.loads(after.replace("rc=0", "")) == json.loads(before)  # every saved case still there
    assert "还没有记录任何案件" in fresh_list  # what a stopped first write left does not block reading
