"""A service window's day, as a worker on a Windows PC lives it: 30 residents in the ledger the window
keeps in Excel (序号, 编号, 姓名, 身份证号, 投诉日期, 复杂, 渠道, 备注), their deadlines computed from it
(.xlsx in and out, and the GBK CSV Excel saves on a Chinese Windows), their legal deadlines put into
a phone's calendar (.ics, read back with icalendar), the ledger imported into the case journal,
residents found by name, and the journal exported to .xlsx and imported again unchanged."""

import csv
import datetime as dt
import json

import pytest

from paperkit import A4_PT, NO_COMMANDS, cjk_font, docx_text, pdf_text  # noqa: F401 (cjk_font: a fixture)

openpyxl = pytest.importorskip("openpyxl")
icalendar = pytest.importorskip("icalendar")

TODAY = "2026-12-01"
HEADER = ["序号", "编号", "姓名", "身份证号", "投诉日期", "复杂", "渠道", "备注"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["秀英", "建国", "桂兰", "志强", "玉梅", "德胜", "淑珍", "国华", "丽娟", "永平"]
CHANNELS = ["热线", "信件", "现场", "12393", "邮寄书面投诉信"]


def id_number(n: int) -> str:
    """A valid 18-digit number (GB 11643 check digit) of someone born in the 1940s-50s in 太原."""
    from yb_guide.cases.personal import check_digit

    first17 = f"140105{1940 + n % 17}{1 + n % 12:02d}{1 + n % 28:02d}{100 + n:03d}"
    return first17 + check_digit(first17)


def residents() -> list[list]:
    rows = []
    for n in range(30):
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n + n // 20) % len(GIVEN)]  # 30 different names
        if n == 20:
            name = "王秀英"  # a second 王秀英 (resident 1 is one too): a name two residents share
        filed = dt.date(2026, 10, 19) + dt.timedelta(days=n)
        rows.append([n + 1, n + 1, name, id_number(n), filed, "是" if n % 7 == 3 else "", CHANNELS[n % len(CHANNELS)],
                     "电话里说的" if n % 5 == 0 else None])
    return rows


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_gbk_csv(path, rows):
    with open(path, "w", encoding="gbk", newline="") as fh:  # what Excel saves as "CSV（逗号分隔）"
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        for row in rows:
            w.writerow(["" if c is None else c.isoformat() if isinstance(c, dt.date) else c for c in row])


def events_of(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal.walk("VEVENT")


def legal_titles():
    from yb_guide.schedule.deadlines import get_plan

    plan = get_plan()
    legal = {r.title for r in plan.rules if plan.track(r.track).kind == "legal"}
    usual = {r.title for r in plan.rules if plan.track(r.track).kind != "legal"} - legal
    return legal, usual


def test_the_window_day(run, tmp_path, monkeypatch, cjk_font):
    rows = residents()
    ledger = tmp_path / "台账.xlsx"
    write_xlsx(ledger, rows)

    # 1. deadlines for the whole ledger, as a workbook, and the legal ones into a calendar
    out, ics = tmp_path / "期限.xlsx", tmp_path / "期限.ics"
    r = run("deadline", "--batch", str(ledger), "--out", str(out), "--ics", str(ics), "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    assert "已写出 30 行" in r.stderr and "法定期限写入日历" in r.stderr
    ws = openpyxl.load_workbook(out).active
    got = list(ws.iter_rows(values_only=True))
    header, body = list(got[0]), got[1:]
    assert header[:8] == HEADER and "错误" in header and len(body) == 30
    for row, mine in zip(body, rows):
        assert row[3] == mine[3] and isinstance(row[3], str)  # the ID number whole, as text
        assert row[4] == dt.datetime.combine(mine[4], dt.time())  # a date cell
        assert row[header.index("错误")] is None
    legal, usual = legal_titles()
    dated = [(h, i) for i, h in enumerate(header) if h in legal]
    assert dated and all(isinstance(row[i], dt.datetime) for row in body for _, i in dated if row[i] is not None)

    # 2. the calendar: one event per legal deadline still ahead per row, reminded twice; no ID numbers
    text = ics.read_text(encoding="utf-8")
    assert not any(id_number(n) in text for n in range(30)) and "1401051" not in text
    events = events_of(ics)
    today = dt.date.fromisoformat(TODAY)
    want = sorted((str(row[1]), h, row[i].date()) for row in body for h, i in dated
                  if row[i] is not None and row[i].date() >= today)
    seen = []
    for ev in events:
        label, title = str(ev.get("summary")).split("：", 1)
        title = title.removesuffix("（推算）").removesuffix("截止")
        seen.append((label.removesuffix("号"), title, ev.decoded("dtstart")))
        assert not any(title.startswith(u) for u in usual)  # a usual handling time is no legal deadline
        triggers = sorted(a.decoded("trigger") for a in ev.walk("VALARM"))
        assert triggers[-1] < dt.timedelta(0) and len(triggers) in (1, 2)
        if len(triggers) == 2:
            assert triggers[0] == dt.timedelta(days=-7, hours=9)
    assert sorted(seen) == want and len(want) >= 30

    # the same ledger as Excel saves it on a Chinese Windows (GBK CSV) gives the same calendar
    gbk, ics2 = tmp_path / "台账.csv", tmp_path / "期限2.ics"
    write_gbk_csv(gbk, rows)
    out_csv = tmp_path / "期限.csv"
    r = run("deadline", "--batch", str(gbk), "--out", str(out_csv), "--ics", str(ics2), "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    out_csv.read_bytes().decode("gbk")  # the result stays in the input's encoding
    again = sorted((str(e.get("summary")), e.decoded("dtstart"), str(e.get("uid"))) for e in events_of(ics2))
    assert again == sorted((str(e.get("summary")), e.decoded("dtstart"), str(e.get("uid"))) for e in events)

    # named by the residents' names instead: masked, still no ID numbers
    ics3 = tmp_path / "期限3.ics"
    r = run("deadline", "--batch", str(ledger), "--out", str(tmp_path / "x.xlsx"), "--ics", str(ics3),
            "--ics-name", "姓名", "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    text3 = ics3.read_text(encoding="utf-8")
    assert "王*英：" in text3 and "王秀英" not in text3 and "1401051" not in text3

    # 3. the deadlines' workbook imported into the journal: the batch's columns read, the rest named
    r = run("case", "import", str(out), "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    assert "导入了 30 个案件" in r.stdout and "序号" in r.stdout and "备注" in r.stdout and "错误" in r.stdout
    export = run("case", "export").json()
    first = export["cases"][0]
    assert (first["name"], first["id_number"], first["filed"], first["channel"]) == (
        "王秀英", id_number(0), "2026-10-19", "hotline-12393")
    assert export["cases"][3]["complex"] is True and export["cases"][1]["channel"] == "mail-letter"

    # 4. residents by name: the list shows them masked at every width; show takes a name
    for width in ("60", "80", "120"):
        listing = run("case", "list", "--today", TODAY, env={"COLUMNS": width}).stdout
        assert "王*英" in listing and "李*国" in listing and "王秀英" not in listing, width
    assert "王秀英" in run("case", "list", "--reveal", "--today", TODAY).stdout
    shown = run("case", "show", "李建国", "--today", TODAY)
    assert shown.exit_code == 0 and shown.stdout.startswith("案件 2")
    twice = run("case", "show", "王秀英", "--today", TODAY)
    assert twice.exit_code == 2 and "对应 2 个案件" in twice.stderr
    assert "案件 1（王*英" in twice.stderr and "案件 21（王*英" in twice.stderr and "王秀英，" not in twice.stderr

    # paper for 李建国, whose daughter acts for him: the checklist to take home and the 授权委托书 to sign
    assert run("case", "edit", "李建国", "--agent-name", "李梅", "--agent-relation", "女儿",
               "--today", TODAY).exit_code == 0
    for name in ("清单.pdf", "清单.docx"):
        r = run("checklist", "hall-visit", "--acting", "--out", str(tmp_path / name))
        assert r.exit_code == 0, r.stderr
    sizes, pdf = pdf_text(tmp_path / "清单.pdf")
    _, word = docx_text(tmp_path / "清单.docx")
    assert sizes and all(s == A4_PT for s in sizes)
    for paper in (pdf, word.replace("\n", "").replace(" ", "")):
        assert "授权委托书" in paper and "代办人本人的身份证" in paper and "不是工作日" not in paper
        assert not NO_COMMANDS.search(paper)
    r = run("letter", "--case", "李建国", "--kind", "授权委托书", "--today", TODAY, "--out", str(tmp_path / "委托书.docx"))
    assert r.exit_code == 0, r.stderr
    _, poa = docx_text(tmp_path / "委托书.docx")
    assert "委托人李建国现委托李梅为代理人" in poa and id_number(1) in poa and id_number(1) not in r.stdout
    export = run("case", "export").json()  # the journal as it now stands: the agent and the letter logged

    # 5. the journal to a workbook and back into an empty journal: the same journal
    book = tmp_path / "案件.xlsx"
    r = run("case", "export", "--out", str(book))
    assert r.exit_code == 0, r.stderr
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "another-desk"))
    r = run("case", "import", str(book), "--today", TODAY)
    assert r.exit_code == 0 and "没有导入" not in r.stdout, r.stdout + r.stderr
    again = run("case", "export").json()
    assert json.dumps(again["cases"], ensure_ascii=False) == json.dumps(export["cases"], ensure_ascii=False)

    # edited in a spreadsheet (a ticket typed in, a date cell retyped), imported again: just those changes
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    head = [c.value for c in ws[1]]
    ws.cell(row=3, column=head.index("工单编号") + 1, value="2026102000123")
    ws.cell(row=3, column=head.index("收到处理结果日期") + 1, value=dt.datetime(2026, 11, 30))
    wb.save(book)
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "third-desk"))
    r = run("case", "import", str(book), "--today", TODAY)
    assert r.exit_code == 0, r.stderr
    edited = run("case", "export").json()["cases"]
    want = [dict(c) for c in export["cases"]]
    want[1].update(ticket="2026102000123", result_received="2026-11-30")
    assert edited == want
