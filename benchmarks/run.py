"""ybguide benchmark: start-up time, batch throughput, peak memory, the local web page under load.

Run it with the Python of the environment ybguide is installed in (after the
README's set-up):

    .venv/bin/python benchmarks/run.py            # full: 1,000,000 batch rows
    .venv/bin/python benchmarks/run.py --rows 100000 --runs 15
    .venv/bin/python benchmarks/run.py --only web  # the web page alone: 50 clients, 5,000 requests; then
                                                   # 3,000 cache misses and 2,000 junk-parameter requests;
                                                   # then checklist files (benchmarks/papers.py)

It prints figures and ratios; it asserts nothing (targets are reported as
met / NOT met), so it never fails a test run by being on a slow machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # its neighbours, also when loaded from a file path
from bench_server import YBGUIDE, peak_memory_kib, start_server  # noqa: E402  (shared with papers.py)
REFERENCE = [sys.executable, "-c", "import typer, rich.console, yaml"]
CHANNELS = ["", "", "", "hotline-12393", "nhsa-platform", "hall-visit"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def timed(cmd: list[str], env: dict) -> tuple[float, float | None]:
    """Wall time of one run, and the CPU time (user + sys) of the child where the OS reports it
    (os.wait4, POSIX): CPU time moves far less than wall time when other work shares the machine."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if not hasattr(os, "wait4"):
        p.wait()
        return time.perf_counter() - t, None
    _, _, usage = os.wait4(p.pid, 0)
    p.returncode = 0  # reaped here; Popen must not wait for it again
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


STARTUP = {  # every command a person runs many times a day; budget 1.2x the reference (moonshot 1.0x)
    "deadline --filed 2024-05-06": ["deadline", "--filed", "2024-05-06", "--today", "2024-05-20"],
    "deadline --filed 2024-05-06 --json": ["deadline", "--filed", "2024-05-06", "--today", "2024-05-20", "--json"],
    "checklist hall-visit": ["checklist", "hall-visit"],
    "channels": ["channels"],
    "case list": ["case", "list"],
    "faq 挂号费": ["faq", "挂号费"],
    "calendar 2026-10": ["calendar", "2026-10"],
    "choose --answer problem=fraud": ["choose", "--answer", "problem=fraud"],
    "--help": ["--help"],
}
BUDGET = 1.2


def startup(runs: int, env: dict) -> dict[str, float]:
    cases = {"reference: python -c 'import typer, rich.console, yaml'": REFERENCE}
    cases.update({f"ybguide {name}": [YBGUIDE, *args] for name, args in STARTUP.items()})
    for name, cmd in cases.items():  # warm the caches and the OS file cache; a failing command is no figure
        if subprocess.run(cmd, capture_output=True, env=env).returncode != 0:
            sys.exit(f"start-up: '{name}' failed; fix it before timing it")
    samples: dict[str, list[tuple[float, float | None]]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved, so drift in the machine's load hits every case alike
        for name, cmd in cases.items():
            samples[name].append(timed(cmd, env))
    result = {}
    for name, v in samples.items():
        cpu = [c for _, c in v if c is not None]
        result[name] = (statistics.median(w for w, _ in v), statistics.median(cpu) if cpu else None)
    return result


def _imports(code: list[str], env: dict) -> dict[str, int]:
    """Module -> its own import time in microseconds, from python -X importtime."""
    p = subprocess.run([sys.executable, "-X", "importtime", *code], capture_output=True, text=True, env=env)
    found = {}
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, _, name = line[len("import time:"):].split("|")
            found[name.strip()] = int(own)
    return found


def import_notes(env: dict) -> None:
    """For each command, what it imports beyond the reference's libraries (python -X importtime):
    the place to look when a command starts slowly."""
    reference = _imports(REFERENCE[1:], env)
    for name, args in STARTUP.items():
        code = ["-c", f"import sys; sys.argv = ['ybguide', *{args!r}]; from yb_guide.cli import main; main()"]
        extra = {m: us for m, us in _imports(code, env).items() if m not in reference}
        top = sorted(extra.items(), key=lambda kv: -kv[1])[:4]
        print(f"   {name}: {len(extra)} modules, {sum(extra.values()) / 1000:.1f} ms own import time; "
              + ", ".join(f"{m} {us / 1000:.1f}" for m, us in top))


def make_rows(path: Path, rows: int, seed: int = 7) -> None:
    """Rows like a desk's export: ids, filing dates 2021-2026 in mixed formats, some complex."""
    rnd = random.Random(seed)
    first = dt.date(2021, 1, 1).toordinal()
    span = dt.date(2026, 11, 30).toordinal() - first
    forms = [lambda d: d.isoformat(), lambda d: f"{d.year}/{d.month}/{d.day}",
             lambda d: d.strftime("%Y%m%d"), lambda d: f"{d.year}年{d.month}月{d.day}日"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "filed", "complex", "channel"])
        for i in range(rows):
            d = dt.date.fromordinal(first + rnd.randrange(span))
            w.writerow([f"SX{i:07d}", rnd.choice(forms)(d), "1" if rnd.random() < 0.1 else "0", rnd.choice(CHANNELS)])


def run_import(tmp: Path, rows: int, env: dict) -> float:
    """Wall time of `ybguide case import` of ``rows`` cases into a new journal (linear: the rules and
    the calendar are found once a run, not once a row)."""
    src = tmp / "import.csv"
    rnd = random.Random(11)
    first = dt.date(2021, 1, 1).toordinal()
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["filed", "channel", "complex"])
        for _ in range(rows):
            w.writerow([dt.date.fromordinal(first + rnd.randrange(2000)).isoformat(),
                        rnd.choice(CHANNELS[3:]), "1" if rnd.random() < 0.1 else "0"])
    home = tmp / "import-home"
    t = time.perf_counter()
    subprocess.run([YBGUIDE, "case", "import", str(src), "--today", "2026-12-31"], env={**env, "YBGUIDE_HOME": str(home)},
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def run_batch(inp: Path, out: Path, env: dict) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `ybguide deadline --batch` process."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    t = time.perf_counter()
    # --ids: the added columns headed by their ids (accept, investigate, feedback), which check_same reads;
    # --force: the output file of an earlier run is replaced without a question.
    p = subprocess.run([sys.executable, "-c", wrapper, YBGUIDE, "deadline", "--batch", str(inp), "--out", str(out),
                        "--ids", "--force"],
                       capture_output=True, text=True, env=env, check=True)
    elapsed = time.perf_counter() - t
    return elapsed, int(p.stdout.strip().splitlines()[-1])


def baseline(inp: Path, rows: int) -> tuple[float, list[tuple]]:
    """The same three stages per row with holidays.China().get_nth_working_day: rows per second."""
    import holidays

    from yb_guide.calendar.dates import parse_date

    cn = holidays.China(years=range(2021, 2028))
    results = []
    with open(inp, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        sample = [row for _, row in zip(range(rows), reader)]
    t = time.perf_counter()
    for row in sample:
        filed = parse_date(row[1])
        accept = cn.get_nth_working_day(filed, 2)
        investigate = cn.get_nth_working_day(accept, 30 if row[2] == "1" else 15)
        feedback = cn.get_nth_working_day(investigate, 5)
        results.append((row[0], accept.isoformat(), investigate.isoformat(), feedback.isoformat()))
    return len(sample) / (time.perf_counter() - t), results


def check_same(out: Path, base: list[tuple]) -> int:
    """How many baseline rows differ from ybguide's output (should be 0: same calendar, same rule).
    The output was written with --ids, so its columns are headed accept, investigate, feedback, error."""
    want = {r[0]: r[1:] for r in base}
    differ = 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            if row["id"] in want:
                if (row["accept"], row["investigate"], row["feedback"], row["error"]) != (*want.pop(row["id"]), ""):
                    differ += 1
            if not want:
                break
    return differ + len(want)


WEB_PATHS = [  # what a window's residents open most: questions, outcomes, deadlines
    "/choose", "/choose?answer=problem:reimbursement-dispute",
    "/choose?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time",
    "/reimburse?answer=stage:at-hospital&answer=fee-kind:registration",
    "/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time&answer=situation:urgent-or-simple",
    "/choose/result?answer=problem:fraud",
    "/reimburse/result?answer=stage:at-hospital&answer=fee-kind:registration&answer=paid-how:self&answer=acting:self",
    "/reimburse/result?answer=stage:refused&answer=refusal-written:written&answer=acting:acting&answer=decided-by:county",
    "/deadline?filed=2024-05-06",
    "/deadline?filed=2026-03-02&decision-known=2026-02-27&channel=hotline-12393",
]


STATUSES: "collections.Counter[str]" = __import__("collections").Counter()  # of the last load()


async def load(host: str, port: int, clients: int, total: int, paths: list[str] | None = None,
               ok: tuple[bytes, ...] = (b"200",)) -> tuple[list[float], int]:
    """``clients`` keep-alive connections sending GETs until ``total`` requests are done (bounded),
    for ``paths`` in turn (WEB_PATHS by default): each request's latency, and how many failed (a
    status not in ``ok``, or a broken connection)."""
    import asyncio

    paths = paths or WEB_PATHS
    STATUSES.clear()
    latencies: list[float] = []
    errors = 0
    left = total
    sent = 0

    async def client(n: int) -> None:
        nonlocal left, errors, sent
        reader, writer = await asyncio.open_connection(host, port)
        while left > 0:
            left -= 1
            path = paths[sent % len(paths)]
            sent += 1
            t = time.perf_counter()
            try:
                writer.write(f"GET {quote(path, safe='/?=&:')} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                status = head.split(b" ", 2)[1]
                STATUSES[status.decode()] += 1
                length = int(next(h.split(b":", 1)[1] for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")))
                await asyncio.wait_for(reader.readexactly(length), 10)
                latencies.append(time.perf_counter() - t)
                if status not in ok:
                    errors += 1
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, StopIteration, ValueError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
        writer.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, errors


def cpu_seconds(pid: int) -> float | None:
    """The user + system CPU time a process has used so far, from /proc (Linux only; else None)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15)


def cpu_text(before: float | None, after: float | None, requests: int) -> str:
    """The server's CPU time per request over a load (what a busier machine cannot blur)."""
    if before is None or after is None:
        return ""
    return f"; server CPU {(after - before) * 1000 / requests:.2f} ms a request"


def miss_paths(count: int) -> list[str]:
    """``count`` different addresses, none asked before, each a page the server must make: every
    page of every path through the flows (questions, 您的回答, advice), then deadline schedules
    from other filing dates and channels; shuffled (fixed seed)."""
    from urllib.parse import urlencode

    from yb_guide.knowledge import loader
    from yb_guide.knowledge.flows import all_paths

    found: list[str] = []
    for flow in loader.get().flows:
        for answers, _ in all_paths(flow):
            query = [("answer", f"{q}:{o}") for q, o in answers]
            found += [f"/{flow.id}/result?{urlencode(query, safe=':')}", f"/{flow.id}/answers?{urlencode(query, safe=':')}"]
            found += [f"/{flow.id}?{urlencode(query + [('change', q)], safe=':')}" for q, _ in answers]
    found = list(dict.fromkeys(found))[:count // 2]
    first = dt.date(2019, 1, 1)
    found += [f"/deadline?filed={first + dt.timedelta(days=i // 3)}&today=2026-11-30"
              f"&channel={['hotline-12393', 'nhsa-platform', 'hall-visit'][i % 3]}" for i in range(count - len(found))]
    random.Random(5).shuffle(found)
    return found


def junk_paths(count: int, size: int = 100_000) -> list[str]:
    """Addresses of the cached pages each with ~``size`` bytes of parameters the page does not read."""
    rnd = random.Random(3)
    return [f"{WEB_PATHS[i % len(WEB_PATHS)]}{'&' if '?' in WEB_PATHS[i % len(WEB_PATHS)] else '?'}"
            f"junk{i}={''.join(rnd.choices('abcdefghij', k=size))}" for i in range(count)]


def web_extra(env: dict, clients: int) -> None:
    """Two loads on a fresh server: every address different (the page cache cannot help), then
    2,000 requests with ~100 KB of junk parameters each (the server's memory must stay bounded)."""
    import asyncio

    proc, host, port = start_server(env)
    try:
        asyncio.run(load(host, port, clients, 200))  # warm up
        misses = miss_paths(3000)
        cpu = cpu_seconds(proc.pid)
        t = time.perf_counter()
        latencies, errors = asyncio.run(load(host, port, clients, 3000, misses))
        elapsed = time.perf_counter() - t
        cpu_used = cpu_text(cpu, cpu_seconds(proc.pid), 3000)
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
        print(f"   cache misses: 3,000 different addresses (flow pages and deadline schedules, none asked before) "
              f"from {clients} clients in {elapsed:.1f} s: "
              f"{3000 / elapsed:,.0f} requests/s, median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95:.1f} ms"
              f"{cpu_used}   target p95 < 50 ms: {'met' if p95 < 50 else 'NOT met'}; errors {errors}")
        has_proc = Path(f"/proc/{proc.pid}/status").exists()
        before = peak_memory_kib(proc.pid, "VmRSS") if has_proc else 0
        t = time.perf_counter()
        _, failed = asyncio.run(load(host, port, 20, 2000, junk_paths(2000), ok=(b"303",)))
        elapsed = time.perf_counter() - t
        answers = ", ".join(f"{n} × {status}" for status, n in sorted(STATUSES.items()))
        closed = failed - sum(n for status, n in STATUSES.items() if status != "303")
        if closed:  # the parser refused the address and closed the connection before the client had sent it all
            answers += f", {closed} × connection closed"
        if has_proc:
            after, peak = peak_memory_kib(proc.pid, "VmRSS"), peak_memory_kib(proc.pid)
            print(f"   junk parameters: 2,000 requests with ~100 KB of unknown parameters each in {elapsed:.1f} s "
                  f"(answered {answers}: 303 = sent to the clean address, 400 or closed = refused by the HTTP parser)\n"
                  f"   server memory {before / 1024:.1f} -> {after / 1024:.1f} MiB (VmRSS), "
                  f"peak {peak / 1024:.1f} MiB   target < 150 MiB: {'met' if peak < 150 * 1024 else 'NOT met'}")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def web(env: dict, clients: int, total: int) -> None:
    import asyncio

    proc, host, port = start_server(env)
    try:
        asyncio.run(load(host, port, clients, 200))  # warm up: templates compiled, caches filled
        cpu = cpu_seconds(proc.pid)
        t = time.perf_counter()
        latencies, errors = asyncio.run(load(host, port, clients, total))
        elapsed = time.perf_counter() - t
        cpu_used = cpu_text(cpu, cpu_seconds(proc.pid), total)
        peak = peak_memory_kib(proc.pid) if Path(f"/proc/{proc.pid}/status").exists() else 0
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    latencies.sort()
    median = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    print(f"   {total:,} requests from {clients} concurrent keep-alive clients over {len(WEB_PATHS)} pages "
          f"(flow questions, outcomes, deadlines) in {elapsed:.1f} s: {total / elapsed:,.0f} requests/s{cpu_used}")
    print(f"   latency median {median:.1f} ms, p95 {p95:.1f} ms   target p95 < 50 ms: {'met' if p95 < 50 else 'NOT met'}")
    print(f"   errors: {errors}   target 0: {'met' if errors == 0 else 'NOT met'}")
    if peak:
        print(f"   server peak memory (VmHWM): {peak / 1024:.1f} MiB   target < 150 MiB: "
              f"{'met' if peak < 150 * 1024 else 'NOT met'}")
    web_extra(env, clients)
    from papers import web_papers  # the checklist files: off the event loop, memory of 32 at once

    web_papers(env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--baseline-rows", type=int, default=30_000)
    ap.add_argument("--import-rows", type=int, default=50_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=5_000)
    ap.add_argument("--only", choices=["startup", "batch", "web"], help="run one section")
    args = ap.parse_args()
    if not Path(YBGUIDE).exists():
        sys.exit(f"ybguide is not installed beside {sys.executable}; follow the README's set-up first")

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "YBGUIDE_CACHE_DIR": str(Path(tmp) / "cache"), "YBGUIDE_HOME": str(Path(tmp) / "home"),
               "NO_COLOR": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"machine: {machine()}")
        if args.only in (None, "web"):
            print("\nweb: ybguide serve on loopback under load")
            web(env, args.clients, args.requests)
        if args.only == "web":
            return
        if args.only in (None, "startup"):
            print(f"\n1. start-up (median of {args.runs} interleaved runs, caches warm): wall time, and the CPU "
                  "time (user+sys) of the process, which other load on the machine moves far less")
            times = startup(args.runs, env)
            ref, ref_cpu = next(iter(times.values()))
            for name, (t, cpu) in times.items():
                ratio = t / ref
                verdict = "" if name.startswith("reference") else f"  target <= {BUDGET}x: " + (
                    "met" if ratio <= BUDGET else "NOT met")
                cpu_col = f"   cpu {cpu * 1000:6.1f} ms {cpu / ref_cpu:5.2f}x" if cpu and ref_cpu else ""
                print(f"   {t * 1000:7.1f} ms  {ratio:5.2f}x{cpu_col}  {name}{verdict}")
            print("   imported beyond the reference (python -X importtime, ms of own import time):")
            import_notes(env)

        if args.only == "startup":
            return
        inp, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        make_rows(inp, args.rows)
        print(f"\n2. batch: ybguide deadline --batch on {args.rows:,} generated rows "
              f"({inp.stat().st_size / 2**20:.1f} MiB)")
        elapsed, peak_kib = run_batch(inp, out, env)
        rate = args.rows / elapsed
        base_rate, base_rows = baseline(inp, args.baseline_rows)
        print(f"   ybguide:  {elapsed:6.2f} s   {rate:12,.0f} rows/s"
              f"   target < 10 s for 1,000,000 rows: {'met' if elapsed * 1_000_000 / args.rows < 10 else 'NOT met'}")
        print(f"   baseline: holidays.China().get_nth_working_day x3 per row, measured on "
              f"{len(base_rows):,} rows: {base_rate:10,.0f} rows/s")
        ratio = rate / base_rate
        print(f"   ratio: {ratio:.1f}x   target >= 20x: {'met' if ratio >= 20 else 'NOT met'}")
        print(f"   rows where baseline and ybguide disagree: {check_same(out, base_rows)}")
        print(f"\n3. peak memory of the batch run: {peak_kib / 1024:.1f} MiB"
              f"   target < 100 MiB: {'met' if peak_kib < 100 * 1024 else 'NOT met'}")
        took = run_import(Path(tmp), args.import_rows, env)
        print(f"\n4. case import of {args.import_rows:,} generated rows into a new journal: {took:6.2f} s"
              f"   target < 60 s for 50,000 rows: {'met' if took * 50_000 / args.import_rows < 60 else 'NOT met'}")


if __name__ == "__main__":
    main()
