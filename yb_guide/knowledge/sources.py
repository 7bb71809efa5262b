"""data/sources.yaml: the documents every fact rests on, how a fact points at one, and how a source is
cited to a person (the way Chinese government pages cite: 发布机关《标题》文号 第N条，日期).

Every fact has a status: ``verified`` (checked against a named official source on the date in
``checked``), ``unverified`` (seen only in a web article or report, nobody has confirmed it) or
``estimated``.  A file name is kept for maintainers but never shown to a user.
"""

from __future__ import annotations

import datetime as dt
from yb_guide.base.record import record
from typing import Literal

Status = Literal["verified", "unverified", "estimated"]
DocumentKind = Literal["law", "regulation", "judicial-interpretation", "departmental-rule", "official-notice",
                       "official-site", "news-report", "web-article"]
# Kinds whose text is the rule itself: only these can make a fact verified.
OFFICIAL_KINDS = ("law", "regulation", "judicial-interpretation", "departmental-rule", "official-notice",
                  "official-site")
STALE_AFTER_DAYS = 365  # a check older than this is shown as 较久未核对 (GOV.UK's "may be out of date")


@record
class SourceRef:
    doc: str  # an id in sources.yaml
    section: str  # 第二十条第一款, or a heading path in a web article


@record
class Document:
    id: str
    kind: DocumentKind
    issuer: str  # 发布机关；web articles: 作者不详
    title: str
    date: dt.date | None = None
    date_kind: str | None = None  # 公布, 发布, 修订, 修正 … : what happened on ``date``
    effective: dt.date | None = None  # 施行
    number: str | None = None  # 文号, 令号
    url: str | None = None
    read: str | None = None  # where the text was read, for the facts marked verified
    title_note: str | None = None  # e.g. the article has no title of its own
    file: str | None = None  # maintainers only: the copy in shared/seeds/; never shown
    note: str | None = None


@record
class SourcesFile:
    documents: tuple[Document, ...]


KIND_LABELS = {
    "law": "法律", "regulation": "行政法规/党内法规", "judicial-interpretation": "司法解释",
    "departmental-rule": "部门规章", "official-notice": "官方通知", "official-site": "官方网站",
    "news-report": "新闻报道", "web-article": "网络文章",
}
STATUS_LABELS = {"verified": "已核实", "unverified": "未经官方核实", "estimated": "推算"}


def date_zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def document_text(doc: Document) -> str:
    """The document as a person can look it up: 全国人民代表大会常务委员会《中华人民共和国行政复议法》（2023年9月1日修订）."""
    if doc.kind == "web-article":
        return f"网络文章《{doc.title}》（{doc.issuer}）"
    if doc.kind == "news-report":
        when = f"，{date_zh(doc.date)}" if doc.date else ""
        if doc.title_note:  # the headline was not read: the title is a summary, not a quotation
            return f"{doc.issuer}报道：{doc.title}（{when.lstrip('，')}）" if when else f"{doc.issuer}报道：{doc.title}"
        return f"{doc.issuer}报道《{doc.title}》（{when.lstrip('，')}）" if when else f"{doc.issuer}报道《{doc.title}》"
    if doc.kind == "official-site":
        return f"{doc.issuer}{doc.title}"
    text = f"{doc.issuer}《{doc.title}》"
    if doc.number:
        text += f"（{doc.number}）"
    if doc.date:
        text += f"，{date_zh(doc.date)}{doc.date_kind or ''}"
    return text


def cite(doc: Document, ref: SourceRef) -> str:
    """A source of one fact: the document and the article or section."""
    if doc.kind in OFFICIAL_KINDS and doc.kind != "official-site":
        text = f"{doc.issuer}《{doc.title}》"
        if doc.number:
            text += doc.number
        text += ref.section
        if doc.date:
            text += f"（{date_zh(doc.date)}{doc.date_kind or ''}）"
        return text
    return f"{document_text(doc)} · {ref.section}"


def is_stale(checked: dt.date | None, today: dt.date) -> bool:
    return checked is not None and (today - checked).days > STALE_AFTER_DAYS
