"""The knowledge base as one object: every data file loaded, validated and cross-checked once.

``get()`` is what the front ends call: loaded once per process, from the compiled cache when the
data files are unchanged.  Errors name the file, the key path and the line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from pathlib import Path

from yb_guide.base import cache
from yb_guide.base.errors import DataError, UnknownIdError
from yb_guide.base.paths import data_dir as default_data_dir, data_files
from yb_guide.base.record import record
from yb_guide.knowledge.channels import Channel, ChannelsFile, Checklist, Correction, Faq, Note, Stage
from yb_guide.knowledge.deadline_rules import DeadlinesFile
from yb_guide.knowledge.flows import Flow, FlowsFile
from yb_guide.knowledge.letter_template import LetterFile, LetterTemplate
from yb_guide.knowledge.packs import PackInfo
from yb_guide.knowledge.reimbursement import Caution, Procedure, Reason, ReimbursementFile, Strategy
from yb_guide.knowledge.search_terms import SearchFile
from yb_guide.knowledge.sources import Document, SourceRef, SourcesFile


@record
class Knowledge:
    data_dir: Path
    sources: SourcesFile
    main: ChannelsFile
    reimbursement: ReimbursementFile
    deadlines: DeadlinesFile
    flows_file: FlowsFile
    letter_file: LetterFile
    search: SearchFile
    pack: PackInfo  # the region's pack: its name is the region every screen names
    packs: tuple[str, ...]  # the chain it was merged from, national first (CN, CN-ZZ)
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    # Lookups; each raises UnknownIdError (with "did you mean") for a bad id.
    def _get(self, kind: str, what: str, items, wanted: str):
        key = (kind, "map")
        if key not in self._index:
            self._index[key] = {x.id: x for x in items}
        found = self._index[key].get(wanted)
        if found is None:
            raise UnknownIdError(what, wanted, [x.id for x in items])
        return found

    @property
    def channels(self) -> tuple[Channel, ...]:
        return self.main.channels

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        return self.main.checklists + self.reimbursement.checklists

    @property
    def faqs(self) -> tuple[Faq, ...]:
        return self.main.faq + self.reimbursement.faq

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.sources.documents

    @property
    def flows(self) -> tuple[Flow, ...]:
        return self.flows_file.flows

    @property
    def events(self):
        """The declared events (``knowledge.events.Events``): ids, labels, order."""
        if "events" not in self._index:
            from yb_guide.knowledge.events import of

            self._index["events"] = of(self.deadlines.events)
        return self._index["events"]

    @property
    def letter(self) -> LetterTemplate:
        return self.letter_file.letter

    def correction(self, correction_id: str) -> Correction:
        return self._get("correction", "更正", self.main.corrections, correction_id)

    def channel(self, channel_id: str) -> Channel:
        return self._get("channel", "渠道", self.channels, channel_id)

    def filling(self, role: str) -> tuple[Channel, ...]:
        """The channels that fill a role (data/pack.yaml ``roles:``), in the order of the channel list."""
        return tuple(c for c in self.channels if c.role == role)

    def checklist(self, checklist_id: str) -> Checklist:
        return self._get("checklist", "材料清单", self.checklists, checklist_id)

    def document(self, doc_id: str) -> Document:
        return self._get("document", "来源", self.documents, doc_id)

    def procedure(self, procedure_id: str) -> Procedure:
        return self._get("procedure", "办理步骤", self.reimbursement.procedures, procedure_id)

    def stage(self, stage_id: str) -> Stage:
        return self._get("stage", "处理阶段", self.main.process.stages, stage_id)

    def cite(self, ref: SourceRef) -> str:
        """How a source is shown to a person: 发布机关《标题》第N条（日期）, or 网络文章《…》 · 章节."""
        from yb_guide.knowledge.sources import cite

        return cite(self.document(ref.doc), ref)

    def flow(self, flow_id: str) -> Flow:
        return self._get("flow", "流程", self.flows, flow_id)

    def note(self, note_id: str) -> Note:
        return self._get("note", "注意事项", self.main.notes, note_id)

    def reason(self, reason_id: str) -> Reason:
        return self._get("reason", "原因", self.reimbursement.reasons, reason_id)

    def strategy(self, strategy_id: str) -> Strategy:
        return self._get("strategy", "应对策略", self.reimbursement.strategies, strategy_id)

    def caution(self, caution_id: str) -> Caution:
        return self._get("caution", "提示", self.reimbursement.cautions, caution_id)

    def corrections_for(self, channel_id: str) -> list[Correction]:
        return [c for c in self.main.corrections if channel_id in c.channels]

    def corrections_for_faq(self, faq_id: str) -> list[Correction]:
        return [c for c in self.main.corrections if faq_id in c.faqs]

    def track(self, track_id: str):
        return self._get("track", "期限轨道", self.deadlines.tracks, track_id)

    def counts(self) -> dict[str, int]:
        """How many of each kind of entry the data holds (for ``data check``)."""
        return {
            "documents": len(self.documents),
            "problems": len(self.main.problems),
            "channels": len(self.channels),
            "corrections": len(self.main.corrections),
            "checklists": len(self.checklists),
            "stages": len(self.main.process.stages),
            "notes": len(self.main.notes),
            "faq": len(self.faqs),
            "reasons": len(self.reimbursement.reasons),
            "strategies": len(self.reimbursement.strategies),
            "procedures": len(self.reimbursement.procedures),
            "regional_examples": len(self.reimbursement.regional_examples),
            "cautions": len(self.reimbursement.cautions),
            "deadline_tracks": len(self.deadlines.tracks),
            "deadline_rules": len(self.deadlines.rules),
            "flows": len(self.flows),
            "questions": sum(len(f.questions) for f in self.flows),
            "outcomes": sum(len(f.outcomes) for f in self.flows),
        }


# ---------------------------------------------------------------- loading

_SCHEMAS = (("sources.yaml", "sources", SourcesFile), ("channels.yaml", "main", ChannelsFile),
            ("reimbursement_faq.yaml", "reimbursement", ReimbursementFile), ("deadlines.yaml", "deadlines", DeadlinesFile),
            ("flows.yaml", "flows_file", FlowsFile), ("letter.yaml", "letter_file", LetterFile),
            ("search.yaml", "search", SearchFile))


def _raw(path: Path):
    from yb_guide.base.yamlio import load_file

    raw = load_file(path, display_name=str(path))
    if raw is None:
        raise DataError(str(path), "", None, "文件是空的")
    return raw


def load(data_dir: Path | str | None = None, region: str | None = None) -> Knowledge:
    """Load, merge (``knowledge.packs``) and validate the data files of ``region``'s packs."""
    from yb_guide.base.paths import region as chosen_region
    from yb_guide.base.schema import build
    from yb_guide.base.yamlio import Where
    from yb_guide.knowledge import packs as packs_mod

    d = default_data_dir(data_dir)
    if not d.is_dir():
        raise DataError(str(d), "", None, "数据目录不存在")
    chain = packs_mod.chain(d, region or chosen_region())
    raws = {}
    for name, _, _ in _SCHEMAS:
        raw = _raw(d / name)
        for pack in chain[1:]:
            if (pack.folder / name).is_file():
                raw = packs_mod.merge(raw, _raw(pack.folder / name), str(pack.folder / name))
        raws[name] = raw
    words = packs_mod.words_of(chain)
    channels = {c.get("id") for c in raws["channels.yaml"].get("channels") or [] if isinstance(c, dict)}
    roles = packs_mod.roles_of(chain, raws["channels.yaml"].get("channels"), str(d / "channels.yaml"))
    parts = {}
    for name, attr, schema in _SCHEMAS:
        path = str(d / name)
        raw = packs_mod.finish(raws[name], words, channels, path, packs_mod.local_words(chain), roles)
        parts[attr] = build(schema, raw, Where(path, "", getattr(raw, "line", 1)))
    k = Knowledge(data_dir=d, pack=chain[-1].info, packs=tuple(p.id for p in chain), **parts)
    from yb_guide.knowledge.checks import cross_check
    from yb_guide.knowledge.deadline_rules import resolve

    from yb_guide.knowledge import events

    events.check(k)  # the events declared once in deadlines.yaml (first: the other checks refer to them)
    cross_check(k)
    # From here on every deadline rule carries its own numbers (one model of a rule).
    rules = tuple(resolve(rule, k) for rule in k.deadlines.rules)
    object.__setattr__(k, "deadlines", dataclasses.replace(k.deadlines, rules=rules))
    return k


def check_all(data_dir: Path | str | None = None) -> list[Knowledge]:
    """Every pack of the data folder loaded and checked (the national pack alone, each region
    merged with the packs it extends), national first; the first error is raised."""
    from yb_guide.knowledge.packs import available

    from yb_guide.base.paths import DEFAULT_KEY, default_region

    d = default_data_dir(data_dir)
    if not d.is_dir():
        raise DataError(str(d), "", None, "数据目录不存在")
    checked = [load(d, pack_id) for pack_id in sorted(available(d), key=lambda p: (p != "CN", p))]
    declared = (checked[0].pack.default_region or "").upper()
    if declared not in available(d) or default_region(d) != declared:  # the one-line reading agrees
        raise DataError(str(d / "pack.yaml"), DEFAULT_KEY, None,
                        f"默认地区「{declared}」要写成一行 {DEFAULT_KEY}: <编号>，编号是 data/regions 下的一个数据包")
    return checked


_loaded: dict[tuple, Knowledge] = cache.memo()


def pack_files(data_dir: Path | str | None = None, region: str | None = None) -> list[Path]:
    """Every file a region's knowledge may be made of: the national pack's and every region pack's
    YAML (the cache key: change one byte anywhere, rebuild).  Found by listing folders only, so a
    start from the cache parses no YAML."""
    from yb_guide.knowledge.packs import PACK_FILE, available

    d = default_data_dir(data_dir)
    files = data_files(d) + [d / PACK_FILE]
    for pack_id, folder in sorted(available(d).items()):
        if folder != d:
            files += sorted(folder.glob("*.yaml"))
    return files


def get(data_dir: Path | str | None = None, region: str | None = None) -> Knowledge:
    """The knowledge base of ``region`` (default: the chosen one), loaded once per process; from
    the compiled cache when no file of its packs changed (parsing and checking the YAML is most of
    a cold start)."""
    from yb_guide.base.paths import region as chosen_region

    from yb_guide.knowledge.packs import resolve

    d = default_data_dir(data_dir)
    asked = (region or chosen_region()).upper()
    if (d, asked) not in _loaded:
        if not d.is_dir():
            raise DataError(str(d), "", None, "数据目录不存在")
        r = resolve(d, asked)  # a name (全国) → its id (CN)
        key = cache.files_key(pack_files(d), "knowledge", r)
        _loaded[d, asked] = cache.cached("knowledge", key, lambda: load(d, r), valid=lambda k: isinstance(k, Knowledge))
    return _loaded[d, asked]
