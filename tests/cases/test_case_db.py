"""The case database: schema migrations, refusing foreign or damaged files, two writers, a killed writer."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import ROOT

# The on-disk schema of version 1, frozen here as it was released: the migration test
# must open a real old file, not whatever the code's first step says today.
V1_SCHEMA = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL, filed TEXT NOT NULL,
    ticket TEXT, staff TEXT, institution TEXT, amount TEXT, summary TEXT,
    asks TEXT NOT NULL DEFAULT '[]', complex INTEGER NOT NULL DEFAULT 0,
    id_number TEXT, card_number TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    result_received TEXT, created TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE TABLE log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'letter', 'reply', 'other')),
    text TEXT NOT NULL
);
CREATE INDEX log_by_case ON log(case_id, at);
PRAGMA application_id = 1497515844;  -- 0x59424744, "YBGD"
PRAGMA user_version = 1;
"""


@pytest.fixture
def db(tmp_path):
    return tmp_path / "home" / "cases.sqlite3"


def make_v1(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute("INSERT INTO cases (channel, filed, ticket, asks, id_number, created, updated) VALUES "
                 "('hotline-12393', '2024-05-06', 'T-1', '[\"重新报销\"]', '11010519491231002X', "
                 "'2024-05-06 09:00:00', '2024-05-06 09:00:00')")
    conn.execute("INSERT INTO log (case_id, at, kind, text) VALUES (1, '2024-05-07 10:00', 'call', '打过电话')")
    conn.commit()
    conn.close()


def pragma(path, name):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_new_database_is_versioned_wal_and_ours(run, db):
    from yb_guide.cases import db as casedb

    assert run("case", "list").exit_code == 0
    assert not db.exists() and not db.parent.exists()  # reading an empty journal creates nothing
    assert run("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06").exit_code == 0
    assert pragma(db, "user_version") == casedb.SCHEMA_VERSION == 5
    assert pragma(db, "application_id") == casedb.APPLICATION_ID
    assert pragma(db, "journal_mode") == "wal"


def test_old_version_is_migrated_forward(run, db):
    make_v1(db)
    r = run("case", "show", "1", "--json", "--reveal")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert (d["ticket"], d["asks"], d["id_number"]) == ("T-1", ["重新报销"], "11010519491231002X")
    assert d["evidence"] == [] and d["name"] is None and d["closed"] is None
    assert d["log"] == [{"n": 1, "at": "2024-05-07 10:00", "kind": "call", "kind_label": "电话", "text": "打过电话",
                         "auto": False}]
    assert pragma(db, "user_version") == 5
    # The new columns work after the migration.
    assert run("case", "close", "1", "--today", "2024-06-01").exit_code == 0
    assert run("case", "show", "1", "--json").json()["closed"] == "2024-06-01"
    r = run("case", "edit", "1", "--decision-kind", "拒付", "--matter", "申诉求决", "--today", "2024-06-01", "--json")
    assert r.exit_code == 0, r.stderr
    situation = r.json()["schedule"]["situation"]
    assert situation["decision"]["answer"] == "refusal" and situation["matter"]["answer"] == "request"


def test_a_journal_made_by_the_previous_release_is_migrated(run, db):
    """tests/cases/fixtures/journal-v2-release-0.1.0.sqlite3 was written by ybguide 0.1.0 (schema 2):
    two cases, a log entry, a result, a closed case.  Everything is still there after the migration,
    the new fields work, and the file was not touched before it could be read."""
    import shutil

    from conftest import ROOT

    db.parent.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "cases" / "fixtures" / "journal-v2-release-0.1.0.sqlite3", db)
    assert pragma(db, "user_version") == 2
    d = run("case", "show", "1", "--json", "--reveal", "--today", "2024-06-06").json()
    assert (d["ticket"], d["staff"], d["amount"], d["name"], d["id_number"]) == (
        "2024050600123", "王五", "1280.50", "张三", "11010519491231002X")
    assert d["result_received"] == "2024-06-05" and [e["text"] for e in d["log"]][:1] == ["致电12393查询进度"]
    assert {s["id"]: s["due"] for s in d["schedule"]["stages"]}["review-request"] == "2024-07-05"
    assert pragma(db, "user_version") == 5
    assert run("case", "list", "--json").json()["cases"][1]["status"] == "closed"
    r = run("case", "edit", "1", "--agent-name", "李四", "--agent-relation", "女儿", "--today", "2024-06-06", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["agent_name"] == "李四" and r.json()["changes"][0]["label"] == "代办人姓名"


def test_every_migration_step_runs_in_order():
    from yb_guide.cases import db as casedb

    conn = sqlite3.connect(":memory:")
    for step in casedb.MIGRATIONS:
        for statement in step:
            conn.execute(statement)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
    assert {"evidence", "closed", "incident_date"} <= columns


def unchanged_after(run, db, *args):
    before = db.read_bytes()
    r = run(*args)
    assert r.exit_code == 1, (r.stdout, r.stderr)
    assert r.stderr.startswith("错误：案件数据库 " + str(db)) and r.stderr.count("\n") == 1
    assert "文件没有被改动" in r.stderr and "Traceback" not in r.stderr
    assert db.read_bytes() == before
    return r


@pytest.mark.parametrize("command", [("case", "list"), ("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06")])
def test_not_sqlite_is_refused_and_left_alone(run, db, command):
    db.parent.mkdir(parents=True)
    db.write_bytes("这是一个文本文件，不是数据库。\n".encode() * 20)
    assert "不是 SQLite 数据库文件" in unchanged_after(run, db, *command).stderr


def test_another_programs_database_is_refused(run, db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    r = unchanged_after(run, db, "case", "add", "--channel", "hall-visit", "--filed", "2024-05-06")
    assert "不是 ybguide 的案件数据库" in r.stderr
    assert not db.with_name("cases.sqlite3-wal").exists()


def test_newer_schema_is_refused(run, db):
    make_v1(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    assert "更新版本的 ybguide" in unchanged_after(run, db, "case", "list").stderr


def test_truncated_header_is_refused(run, db):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    assert "不完整" in unchanged_after(run, db, "case", "list").stderr


def test_damaged_pages_are_reported(run, db):
    for i in range(30):
        assert run("case", "add", "--channel", "hall-visit", "--filed", "2024-05-06",
                   "--summary", "经过" * 200).exit_code == 0
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[page:3 * page] = b"\xde\xad\xbe\xef" * (2 * page // 4)  # wreck pages 2-3, keep the header
    db.write_bytes(bytes(data))
    r = unchanged_after(run, db, "case", "list")
    assert "已损坏" in r.stderr


def test_unreadable_path_is_a_runtime_error(run, db):
    db.mkdir(parents=True)  # a folder where the file should be (root can read any file, so no chmod test)
    r = run("case", "list")
    assert r.exit_code == 1 and "无法读取案件数据库" in r.stderr and str(db) in r.stderr


WRITER = textwrap.dedent("""
    import datetime as dt, os, sys, time
    from yb_guide.cases import journal as cases
    from yb_guide.knowledge import loader as knowledge
    from yb_guide.calendar import workdays
    k = knowledge.get()
    workdays.get_calendar()
    tag, n, logs, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    today = dt.date(2024, 6, 1)
    while not os.path.exists(go):  # start together, so that the writers really compete
        time.sleep(0.005)
    for i in range(n):
        c = cases.make_case(k, {"channel": "hall-visit", "filed": "2024-05-06", "ticket": f"{tag}-{i}",
                                "summary": "经过" * 300}, today)
        c.log = [cases.LogEntry(f"2024-05-{7 + j % 20:02d}", "call", f"{tag}-{i} 第{j}次") for j in range(logs)]
        print("start", flush=True)
        cases.add(k, c, today)  # one command: open, BEGIN IMMEDIATE, insert, COMMIT, close
        print(c.id, flush=True)
""")


def writer(tag, n, logs, env, go):
    return subprocess.Popen([sys.executable, "-c", WRITER, tag, str(n), str(logs), str(go)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_200_adds_each_lose_nothing(tmp_path, db, capsys):
    env = {**os.environ, "YBGUIDE_HOME": str(db.parent)}
    go = tmp_path / "go"
    procs = [writer(tag, 200, 0, env, go) for tag in ("A", "B")]
    time.sleep(1.0)
    start = time.monotonic()
    go.touch()
    outs = [p.communicate(timeout=300) for p in procs]
    seconds = time.monotonic() - start
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    ids = [int(x) for out, _ in outs for x in out.split() if x != "start"]
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    order = [r[0][0] for r in conn.execute("SELECT ticket FROM cases ORDER BY id")]
    tickets = {r[0] for r in conn.execute("SELECT ticket FROM cases")}
    switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    with capsys.disabled():
        print(f"\n[concurrency] 2 processes x 200 case adds: written {len(ids)}, found {count}, "
              f"distinct ids {len(set(ids))}, integrity_check {check}, writers alternated {switches} times, "
              f"{seconds:.1f} s")
    assert count == len(ids) == len(set(ids)) == 400
    assert tickets == {f"{t}-{i}" for t in "AB" for i in range(200)}
    assert check == "ok"
    assert switches >= 2  # they really wrote at the same time (A…B…A at least)


def test_killed_writer_leaves_a_consistent_database(tmp_path, db, capsys):
    """SIGKILL a writer at random moments in the middle of its transactions, five times over."""
    import random

    env = {**os.environ, "YBGUIDE_HOME": str(db.parent)}
    committed: list[int] = []
    rng = random.Random(5)
    go = tmp_path / "go"
    go.touch()
    mid_write = 0  # kills that landed after an add began and before it reported its commit
    for round_ in range(5):
        p = writer(f"R{round_}", 10_000, 40, env, go)
        seen = 0
        while seen < 15:  # let some transactions commit first
            line = p.stdout.readline().strip()
            assert line, p.stderr.read()
            if line != "start":
                committed.append(int(line))
                seen += 1
        time.sleep(rng.uniform(0.0, 0.05))  # then kill it wherever it is
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        rest = p.stdout.read().split()  # lines printed before the kill
        committed += [int(x) for x in rest if x != "start"]
        mid_write += bool(rest) and rest[-1] == "start"
    conn = sqlite3.connect(db)
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    found = {r[0] for r in conn.execute("SELECT id FROM cases")}
    # Each case was written with its 40 log entries in one transaction: all or nothing.
    partial = conn.execute("SELECT count(*) FROM (SELECT c.id FROM cases c LEFT JOIN log l ON l.case_id = c.id "
                           "GROUP BY c.id HAVING count(l.id) != 40)").fetchone()[0]
    conn.close()
    with capsys.disabled():
        print(f"\n[kill] 5 writers SIGKILLed: committed {len(committed)}, found {len(found)} "
              f"(all committed present: {set(committed) <= found}), partial cases {partial}, "
              f"kills after an add had begun {mid_write}/5, integrity_check {check}")
    assert check == "ok"
    assert set(committed) <= found
    assert len(found) - len(committed) <= 5  # at most the one in flight per kill (committed, not yet printed)
    assert partial == 0
    assert mid_write >= 1  # the test did kill writers in the middle of an add


def test_default_location_is_the_platform_data_dir(monkeypatch):
    import platformdirs

    from yb_guide.cases import db as casedb

    monkeypatch.delenv("YBGUIDE_HOME")
    expected = platformdirs.user_data_dir("ybguide", appauthor=False)
    assert casedb.db_path() == casedb.Path(expected) / "cases.sqlite3"


def test_a_schema_5_journal_keeps_every_event_date(run, db):
    """A journal built by the released migrations 1..5 with every event date a case had then opens as
    it was: each date is read back by its event, shown, exported, and counted in the deadlines."""
    from yb_guide.cases import db as casedb

    dates = {"filed": "2024-05-06", "petition_accepted": "2024-05-08", "result_received": "2024-06-05",
             "review_requested": "2024-06-10", "review_replied": "2024-07-01", "reexam_requested": "2024-07-05",
             "reexam_replied": "2024-07-20", "decision_made": "2024-05-30", "decision_known": "2024-06-05"}
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    for step in casedb.MIGRATIONS[:5]:
        for statement in step:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {casedb.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 5")
    names = ", ".join(dates)
    conn.execute(f"INSERT INTO cases (channel, created, updated, {names}) VALUES "
                 f"('mail-letter', '2024-05-06 09:00:00', '2024-07-20 09:00:00', {', '.join('?' * len(dates))})",
                 list(dates.values()))
    conn.commit()
    conn.close()
    d = run("case", "show", "1", "--json", "--today", "2024-07-21").json()
    assert {e["field"]: e["date"] for e in d["events"]} == {k: v for k, v in dates.items() if k != "filed"}
    assert d["filed"] == "2024-05-06" and d["result_received"] == "2024-06-05"
    assert [e["label"] for e in d["events"]][:3] == ["信访受理日期", "收到处理结果日期", "提出复查请求日期"]
    assert d["schedule"]["events"] == {k.replace("_", "-"): v for k, v in dates.items()}
    exported = run("case", "export").json()["cases"][0]
    assert {k: exported[k] for k in dates} == dates
    assert pragma(db, "user_version") == 5
