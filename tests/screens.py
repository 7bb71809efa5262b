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
CASE_SETUP = [["case", "add", *FULL], ["case", "log", "1", "致电12393查询进度，答复仍在调查", "--kind", "call", "--at", "2024-05-20 10:30"]]
CASE_SCREENS = [
    ["case", "list", "--today", "2024-05-27"], ["case", "show", "1", "--today", "2024-05-27"],
    ["case", "result", "1", "--received", "2024-06-05", "--today", "2024-06-06"],
    ["case", "list", "--today", "2024-07-08"],
    ["letter", "--case", "1", "--today", "2024-06-10"],
    ["letter", "--name", "张三", "--institution", "太原市某医院", "--summary", "住院费用未按规定报销", "--today", "2024-06-10"],
]


def all_screens() -> list[list[str]]:
    return knowledge_screens() + DATE_SCREENS + flow_paths()
