"""Every screen of the command line, for the tests that check all of them (no file names, widths,
encodings): each entry is the arguments of one command, with the data it needs."""

from __future__ import annotations

import yaml

from conftest import FULL, ROOT


def flow_paths() -> list[list[str]]:
    golden = yaml.safe_load((ROOT / "tests" / "golden" / "flows.yaml").read_text(encoding="utf-8"))
    out = []
    for flow, paths in golden.items():
        for answers in paths:
            out.append([flow, *(x for a in answers.split() for x in ("--answer", a))])
    return out


def knowledge_screens() -> list[list[str]]:
    from yb_guide.knowledge import loader

    k = loader.load()
    screens = [["channels"], ["faq"], ["faq", "--show", "2"], ["faq", "挂号", "报销"], ["sources"],
               ["sources", "--unverified"], ["data", "check"]]
    screens += [["channels", "show", c.id] for c in k.channels]
    screens += [["checklist", c.id] for c in k.checklists]
    screens += [["checklist", c.id, "--markdown"] for c in k.checklists[:2]]
    screens += [["checklist", c.id, "--acting"] for c in k.checklists if any(i.when == "acting" for i in c.items)]
    return screens


DATE_SCREENS = [
    ["deadline", "--filed", "2024-05-06", "--today", "2024-05-20"],
    ["deadline", "--filed", "2024-05-06", "--channel", "hotline-12393", "--complex", "--today", "2024-05-20"],
    ["deadline", "--channel", "mail-letter", "--filed", "2026-11-02", "--result-received", "2026-12-20"],
    ["deadline", "--channel", "fraud-report", "--filed", "2026-11-02"],
    ["deadline", "--filed", "2026-03-02", "--decision-known", "2026-02-27", "--today", "2026-11-25"],
    ["deadline", "--filed", "2024-05-06", "--result-received", "2024-06-05", "--review-requested", "2024-06-20",
     "--decision-known", "2024-06-01", "--reconsideration-filed", "2024-06-25"],
    ["workday", "2024-05-06", "+3"], ["workday", "2026-02-16"],
    ["calendar", "2026-02"], ["calendar", "2026-10"], ["calendar", "--year", "2026"], ["calendar", "--year", "2027"],
    ["hall-hours", "--on", "2026-02-16"], ["hall-hours", "--on", "2026-11-25"],
]

# Screens of the case journal, after CASE_SETUP has made case 1.
CASE_SETUP = [["case", "add", *FULL], ["case", "log", "1", "致电12393查询进度，答复仍在调查", "--kind", "call", "--at", "2024-05-20 10:30"],
              ["case", "add", "--channel", "信件", "--filed", "2024-05-08", "--name", "王秀英", "--agent-name", "李娜",
               "--agent-relation", "女儿", "--summary", "门诊费用未按规定报销", "--today", "2024-05-08"]]
CASE_SCREENS = [
    ["case", "list", "--today", "2024-05-27"], ["case", "show", "1", "--today", "2024-05-27"],
    ["case", "show", "2", "--today", "2024-05-27"], ["case", "due", "--today", "2024-05-27", "--days", "30"],
    ["case", "list", "--search", "王", "--today", "2024-05-27"],
    ["case", "edit", "1", "--staff", "王六", "--today", "2024-05-27"],
    ["case", "result", "1", "--received", "2024-06-05", "--today", "2024-06-06"],
    ["case", "result", "1", "--received", "2024-06-04", "--today", "2024-06-06"],
    ["case", "show", "1", "--history", "--today", "2024-06-06"],
    ["case", "review", "1", "--requested", "2024-06-07", "--to", "太原市医疗保障局", "--today", "2024-06-07"],
    ["letter", "--case", "1", "--kind", "复查申请书", "--today", "2024-06-07"],
    ["case", "review", "1", "--replied", "2024-07-01", "--today", "2024-07-01"],
    ["case", "decision", "1", "--known", "2024-06-04", "--today", "2024-07-01"],
    ["case", "close", "1", "--today", "2024-07-08"], ["case", "show", "1", "--today", "2024-07-08"],
    ["case", "list", "--today", "2024-07-08"], ["case", "due", "--today", "2024-07-08"],
    ["letter", "--case", "1", "--today", "2024-07-08"], ["letter", "--case", "2", "--today", "2024-06-10"],
    ["letter", "--name", "张三", "--institution", "太原市某医院", "--summary", "住院费用未按规定报销", "--today", "2024-06-10"],
]


def all_screens() -> list[list[str]]:
    return knowledge_screens() + DATE_SCREENS + flow_paths()


# ---------------------------------------------------------------- what a screen must never do

import re as _re  # noqa: E402

NO_LINE_START = "，。、；：）」》"
# Tokens a person copies or reads as one piece: dates, times, URLs, phone and ticket numbers, ids.
TOKEN = _re.compile(r"https?://[!-~]+|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?|\d{5,}|[a-z]+(?:-[a-z0-9]+)+")


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def tokens_of(data_text: str) -> set[str]:
    """The tokens in a screen's data (its --json output): the ones the screen must not split."""
    return set(TOKEN.findall(data_text))


WHOLE_PATH = _re.compile(r"(?:~?/|[A-Za-z]:\\)\S+")


def screen_problems(text: str, width: int, tokens: set[str] = frozenset()) -> list[str]:
    """What is wrong with a screen printed at ``width`` columns."""
    problems = []
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        if cells(line) > width and not WHOLE_PATH.fullmatch(line.strip()):  # a path runs on whole
            problems.append(f"line {n} is {cells(line)} cells wide: {line!r}")
        stripped = line.lstrip(" │┃")
        if stripped[:1] and stripped[0] in NO_LINE_START:
            problems.append(f"line {n} starts with {stripped[0]!r}: {line!r}")
    flat = "".join(line.strip() for line in lines)
    for token in tokens:
        if token in flat and token not in text and cells(token) <= width - 6:
            problems.append(f"{token!r} is split across lines")
    return problems
