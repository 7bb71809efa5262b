"""Fault injection (issue 32), the rest: SIGTERM and SIGHUP mid-batch, output names, formulas and
Excel's limits, an import in linear time, a damaged settings file, a planted cache file, a home
without permission.  The journal's own faults: test_faults.py."""

import os
import pickle
import signal
import subprocess
import time

import pytest

from conftest import installed_ybguide
from test_faults import one_line_error, unprivileged, sh_as


# ---------------------------------------------------------------- batch: signals, names, formulas, limits


def big_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("提交日期,渠道,身份证号\n")
        for i in range(rows):
            f.write(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},hall-visit,11010519491231002X\n")


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_a_signal_mid_batch_leaves_no_file_behind(tmp_path, sig):
    if not hasattr(signal, sig):
        pytest.skip(f"no {sig} here")
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    big_csv(tmp_path / "big.csv", 400_000)
    (tmp_path / "old.csv").write_text("旧的结果\n", encoding="utf-8")
    p = subprocess.Popen([installed_ybguide(), "deadline", "--batch", "big.csv", "--out", "old.csv", "--force"],
                         cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    give_up = time.monotonic() + 60
    while not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]:  # writing has begun
        assert p.poll() is None and time.monotonic() < give_up, "the run ended before it could be stopped"
        time.sleep(0.01)
    p.send_signal(getattr(signal, sig))
    _, err = p.communicate(timeout=60)
    assert p.returncode == 128 + getattr(signal, sig)
    assert "已取消" in err.decode() and sig in err.decode()
    assert sorted(os.listdir(tmp_path)) == ["big.csv", "old.csv"]  # no temporary file left
    assert (tmp_path / "old.csv").read_text(encoding="utf-8") == "旧的结果\n"  # the old result as it was


def test_an_output_name_of_255_bytes_is_written(run, tmp_path):
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    big_csv(tmp_path / "in.csv", 3)
    name = "长" * 83 + "ab.csv"
    assert len(os.fsencode(name)) == 255
    r = run("deadline", "--batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / name))
    assert r.exit_code == 0, r.stderr
    assert sorted(os.listdir(tmp_path)) == sorted(["in.csv", name])
    if os.name != "nt":
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600  # it holds ID numbers


FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1:A2)"]


def read_csv_cells(path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_batch_csv_neutralises_formulas_as_case_export_does(run, tmp_path):
    from yb_guide.schedule.sheets import excel_safe

    src = tmp_path / "in.csv"
    lines = ["提交日期,渠道,备注"] + [f'2024-05-06,hall-visit,"{f.replace(chr(34), chr(34) * 2)}"' for f in FORMULAS]
    src.write_text("\n".join(lines + ["2024-05-07,hall-visit,普通的备注"]) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    rows = read_csv_cells(out)
    assert [row[2] for row in rows[1:]] == [excel_safe(f, False) for f in FORMULAS] + ["普通的备注"]
    assert all(not row[2].startswith(("=", "+", "-", "@")) or row[2].startswith('="') for row in rows[1:])
    assert rows[1][3] and not rows[1][-1]  # the dates were still computed, no error
    # what comes back through case import is the text that was typed
    r = run("case", "import", str(out), "--today", "2024-06-01")
    assert r.exit_code == 0, r.stderr


def test_batch_csv_from_a_workbook_neutralises_its_text_cells(run, tmp_path):
    pytest.importorskip("openpyxl")
    from yb_guide.schedule.sheets import write_xlsx

    src = tmp_path / "in.xlsx"
    write_xlsx(src, ["提交日期", "渠道", "备注"], [["2024-05-06", "hall-visit", f] for f in FORMULAS])
    out = tmp_path / "out.csv"
    r = run("deadline", "--batch", str(src), "--out", str(out))
    assert r.exit_code == 0, r.stderr
    cells = [row[2] for row in read_csv_cells(out)[1:]]
    assert cells == ['="' + f.replace('"', '""') + '"' for f in FORMULAS]


def test_xlsx_limits_are_checked_before_work_starts(run, tmp_path):
    pytest.importorskip("openpyxl")
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    wide = tmp_path / "wide.csv"
    wide.write_text("提交日期," + ",".join(f"列{i}" for i in range(16_400)) + "\n2024-05-06" + "," * 16_400 + "\n",
                    encoding="utf-8")
    r = run("deadline", "--batch", str(wide), "--out", str(tmp_path / "wide.xlsx"))
    one_line_error(r, code=2)
    assert "16,384 列" in r.stderr and "CSV" in r.stderr and not (tmp_path / "wide.xlsx").exists()
    long = tmp_path / "long.csv"
    big_csv(long, 1_048_576)  # with its header: one row over
    r = run("deadline", "--batch", str(long), "--out", str(tmp_path / "long.xlsx"))
    one_line_error(r, code=2)
    assert "1,048,576 行" in r.stderr and not (tmp_path / "long.xlsx").exists()
    assert sorted(os.listdir(tmp_path)) == ["long.csv", "wide.csv"]
    r = run("deadline", "--batch", str(wide), "--out", str(tmp_path / "wide.csv.out.csv"))
    assert r.exit_code == 0, r.stderr  # CSV has no limit


# ---------------------------------------------------------------- import in linear time


@pytest.mark.parametrize("rows", [50, 400])
def test_import_reads_the_data_files_once_a_run_not_once_a_row(run, tmp_path, monkeypatch, rows):
    from yb_guide.base import cache

    src = tmp_path / "in.csv"
    src.write_text("提交日期,渠道\n" + "".join(f"2024-05-{1 + i % 28:02d},hall-visit\n" for i in range(rows)),
                   encoding="utf-8")
    run("channels")  # the knowledge base and the calendar, read as any command does
    seen = []
    real = cache.files_key
    monkeypatch.setattr(cache, "files_key", lambda *a, **kw: seen.append(1) or real(*a, **kw))
    r = run("case", "import", str(src), "--today", "2024-06-01")
    assert r.exit_code == 0 and f"导入了 {rows} 个案件" in r.stdout, r.stderr
    assert len(seen) <= 6  # the same few for 50 rows as for 400


# ---------------------------------------------------------------- small faults


def test_a_damaged_settings_file_is_said_and_never_overwritten(run, tmp_path):
    config = tmp_path / "home" / "config.json"
    config.parent.mkdir()
    config.write_text('{"region": "CN",', encoding="utf-8")
    r = run("channels")
    assert r.exit_code == 0
    warning = r.stderr.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("注意：配置文件 " + str(config)) and "已损坏" in warning[0]
    r = run("config", "region", "CN")
    assert r.exit_code == 2 and f"配置文件 {config}" in r.stderr and "没有改动它" in r.stderr
    assert config.read_text(encoding="utf-8") == '{"region": "CN",'  # as the person left it
    config.write_text('{"region": "CN"}', encoding="utf-8")
    r = run("channels")
    assert r.exit_code == 0 and "注意" not in r.stderr


def planted(tmp_path, run):
    """The knowledge cache file, replaced by a pickle that would create ``marker`` when loaded."""
    assert run("channels").exit_code == 0
    cache = tmp_path / "cache"
    [target] = list(cache.glob("knowledge-*.pickle"))
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    target.write_bytes(pickle.dumps(Evil()))
    return cache, target, marker


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners are POSIX")
def test_a_cache_file_another_user_could_have_planted_is_never_loaded(run, tmp_path):
    from yb_guide.base.cache import reset_caches

    cache, target, marker = planted(tmp_path, run)
    assert cache.stat().st_mode & 0o777 == 0o700 and target.stat().st_mode & 0o777 == 0o600
    for mode, owner in ((0o644, None), (0o620, None), (0o600, 65534)):
        target.chmod(mode)
        if owner is not None:
            if os.geteuid() != 0:
                continue  # only root can give a file away
            os.chown(target, owner, -1)
        reset_caches()
        r = run("channels")
        assert r.exit_code == 0 and "12393" in r.stdout
        assert not marker.exists()  # not unpickled: rebuilt instead
        cache, target, marker = planted(tmp_path, run)
    target.chmod(0o600)
    cache.chmod(0o777)  # a folder anyone may write to: nothing in it is trusted
    reset_caches()
    assert run("channels").exit_code == 0 and not marker.exists()


def test_no_permission_names_the_path_and_ybguide_home(tmp_path):
    prefix = unprivileged()
    home = tmp_path / "locked"
    home.mkdir(mode=0o500)
    r = sh_as(prefix, "config", "region", "CN", home=home)
    one_line_error(r)
    assert str(home) in r.stderr and "YBGUIDE_HOME" in r.stderr and "没有权限" in r.stderr
    r = sh_as(prefix, "case", "add", "--channel", "hall-visit", "--filed", "2024-05-06", home=home)
    one_line_error(r)
    assert str(home) in r.stderr and "YBGUIDE_HOME" in r.stderr
    out = tmp_path / "ro"
    out.mkdir(mode=0o500)
    r = sh_as(prefix, "deadline", "--filed", "2024-05-06", "--ics", str(out / "a.ics"), home=tmp_path / "h")
    one_line_error(r)
    assert str(out) in r.stderr and "YBGUIDE_HOME" in r.stderr and not list(out.iterdir())


def test_a_full_disk_under_a_batch_says_so_and_leaves_nothing(tmp_path):
    from test_faults import in_tiny_disk

    big_csv(tmp_path / "big.csv", 20_000)
    out, err = in_tiny_disk(tmp_path, f"""
        echo old > "$D/out.csv"
        "$Y" deadline --batch "{tmp_path / 'big.csv'}" --out "$D/out.csv" --force; echo "rc=$?"
        ls -a "$D"; cat "$D/out.csv"
        """)
    assert "rc=1" in out, (out, err)
    assert err.startswith("错误：磁盘已满") and str(tmp_path / "disk") in err and "KB" in err, err
    assert len(err.strip().splitlines()) == 1
    assert ".tmp" not in out and out.rstrip().endswith("old")  # no half file; the old result as it was


def test_kill_9_mid_batch_keeps_the_old_result_and_the_next_run_clears_the_leftover(run, tmp_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL here")
    work = tmp_path / "work"
    work.mkdir()
    big_csv(work / "big.csv", 400_000)
    (work / "old.csv").write_text("旧的结果\n", encoding="utf-8")
    p = subprocess.Popen([installed_ybguide(), "deadline", "--batch", "big.csv", "--out", "old.csv", "--force"],
                         cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    give_up = time.monotonic() + 60
    while not [f for f in os.listdir(work) if f.endswith(".tmp")]:
        assert p.poll() is None and time.monotonic() < give_up, "the run ended before it could be stopped"
        time.sleep(0.01)
    p.kill()
    p.wait()
    assert (work / "old.csv").read_text(encoding="utf-8") == "旧的结果\n"  # never half a result
    big_csv(work / "small.csv", 3)
    r = run("deadline", "--batch", str(work / "small.csv"), "--out", str(work / "old.csv"), "--force")
    assert r.exit_code == 0, r.stderr
    assert sorted(os.listdir(work)) == ["big.csv", "old.csv", "small.csv"]  # the killed run's file cleared
