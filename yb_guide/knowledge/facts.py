"""Every fact of the knowledge base with its source and status: what ``ybguide sources`` lists, so
a maintainer knows what rests on which document and what nobody has confirmed yet.

A channel's contact details are listed one by one (address, postcode, menu path, hours …): they
are what people act on, and each one may need its own check.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from yb_guide.base.record import record
from yb_guide.base.schema import where_of

# What each kind of fact is called, by its dataclass's name.
FACT_KINDS = {
    "Scope": "适用范围", "Problem": "问题类型", "Channel": "渠道", "Correction": "更正", "Checklist": "材料清单",
    "ChecklistItem": "材料", "Stage": "处理阶段", "Note": "注意事项", "Faq": "问答", "Topic": "主题",
    "Reason": "原因", "Strategy": "应对策略", "Procedure": "办理步骤", "RegionalExample": "地区示例",
    "Caution": "提示", "Track": "期限轨道", "TrackNote": "期限说明", "DeadlineRule": "期限规则",
    "Flow": "引导流程", "Question": "流程问题", "Option": "选项", "Outcome": "流程结果", "LetterTemplate": "投诉信模板",
    "SituationNote": "期限提示",
}
CONTACT_FIELDS = {"phone": "电话", "website": "网址", "app": "APP", "wechat": "微信公众号", "entry": "入口",
                  "address": "地址", "recipient": "收件人", "postcode": "邮编", "hours": "办公时间"}


@record
class Fact:
    kind: str  # 渠道, 期限规则 …
    name: str  # what the fact is about
    detail: str | None  # a contact detail's value, when the fact is one
    doc: str
    section: str
    status: str
    checked: object  # dt.date | None
    where: str | None  # data/<file>.yaml:<line>, for maintainers


def _name(obj) -> str:
    # what a person reads (an option's label, a correction's advice), never an internal id when there are words
    for attr in ("title", "name", "question", "item", "label", "text", "advice", "region", "id"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value if len(value) <= 40 else value[:39] + "…"
    return type(obj).__name__


def _where(obj) -> str | None:
    w = where_of(obj)
    return f"data/{Path(w.file).name}:{w.line}" if w and w.line else None


def all_facts(k) -> list[Fact]:
    """Every fact with a source, in the order of the data files; contact details one by one."""
    out: list[Fact] = []
    seen: set[int] = set()

    def visit(obj, inherited=None) -> None:
        if isinstance(obj, (tuple, list)):
            for x in obj:
                visit(x, inherited)
            return
        if isinstance(obj, dict):
            for x in obj.values():
                visit(x, inherited)
            return
        if not dataclasses.is_dataclass(obj) or id(obj) in seen:
            return
        seen.add(id(obj))
        kind = FACT_KINDS.get(type(obj).__name__)
        source = getattr(obj, "source", None)
        has_status = hasattr(obj, "status") and source is not None
        owner = obj if has_status else inherited
        if kind and source is not None and owner is not None:
            articles = getattr(obj, "articles_checked", None)
            if articles:  # an inference from verified articles: the articles, then the reading itself
                for ref in (source, *obj.also):
                    out.append(Fact(kind, _name(obj), None, ref.doc, ref.section, "verified", articles, _where(obj)))
                out.append(Fact(kind, _name(obj), "本工具的推论", source.doc, source.section, owner.status,
                                owner.checked, _where(obj)))
            else:
                for ref in (source, *getattr(obj, "also", ())):  # further articles too, each with its status
                    out.append(Fact(kind, _name(obj), None, ref.doc, ref.section, owner.status, owner.checked,
                                    _where(obj)))
            if type(obj).__name__ == "Channel":
                for key, label in CONTACT_FIELDS.items():
                    value = getattr(obj.contact, key)
                    if value:
                        out.append(Fact("联系方式", f"{obj.name} · {label}", value, source.doc, source.section,
                                        obj.status, obj.checked, _where(obj)))
        for f in dataclasses.fields(obj):
            if not f.name.startswith("_") and f.name not in ("source", "also"):
                visit(getattr(obj, f.name), owner)

    visit((k.main, k.reimbursement, k.deadlines, k.flows_file, k.letter_file))
    return out
