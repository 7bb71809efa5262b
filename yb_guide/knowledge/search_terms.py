"""data/search.yaml: the words people use for the same thing, for finding FAQs."""

from __future__ import annotations

from yb_guide.base.record import record
from yb_guide.knowledge.sources import SourceRef, Status


@record
class ReferralFlow:
    flow: str  # a flow's id (flows.yaml)
    words: tuple[str, ...]  # a query with one of these (or a synonym) is pointed to it


@record
class Referral:
    """What a search that found nothing says: who answers such questions, and a flow where one fits."""
    lead: str
    lead_source: SourceRef
    lead_status: Status
    channels: tuple[str, ...] = ()  # channels.yaml ids: their names, phones and use_when are shown
    flows: tuple[ReferralFlow, ...] = ()


@record
class SearchFile:
    synonyms: tuple[tuple[str, ...], ...]
    # Chinese is typed without spaces: a query is cut into these words (and the synonyms' words),
    # longest first; the stop words (怎么, 吗 …) are dropped.
    terms: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    # FAQs of the web article on appointments and reimbursement in general (not 医保): found after the 医保 ones
    general: tuple[str, ...] = ()
    # a FAQ fits a query when it matches at least this share of the query's characters (stop words left out) …
    fits: float = 0.5
    # … and it is a sure answer when it matches this share; below it the screen also says who answers
    sure: float = 0.7
    # … and the ones listed score at least this share of the best one's score
    near_best: float = 0.4
    referral: Referral | None = None
