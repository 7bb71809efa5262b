"""Finding a thing by what people call it: a channel by its id, its Chinese name or a short name
(``aliases`` in data/channels.yaml: 热线, 现场, 信件, 12393 …).

One lookup for every front end and for the batch calculator.  The words are matched whole, without
regard to case or full-width forms (``base.text.ascii_forms``); an unknown word is a one-line
Chinese error with the nearest word (您是不是要找…).
"""

from __future__ import annotations

from yb_guide.base.record import record

from yb_guide.base.errors import UnknownIdError
from yb_guide.base.text import ascii_forms


def normal(text: str) -> str:
    """The form words are compared in: NFKC (１２３９３ -> 12393, ＡＰＰ -> APP), lower case, inner
    white space collapsed."""
    return " ".join(ascii_forms(text).split()).lower()


@record
class ChannelIndex:
    """Every word that names a channel.  Small and plain, so ``schedule.deadlines.Plan`` can carry it
    (the batch calculator starts from the cached plan, without loading the knowledge base)."""

    words: dict[str, str]  # normal(id, name or alias) -> channel id
    names: dict[str, tuple[str, ...]]  # channel id -> (name, *aliases), as written in the data


def channel_index(channels) -> ChannelIndex:
    """The index of ``channels`` (``knowledge.channels.Channel`` objects).  The data check makes sure
    no word names two channels (``knowledge.checks``); if one did, the first channel would keep it."""
    words: dict[str, str] = {}
    names: dict[str, tuple[str, ...]] = {}
    for c in channels:
        name = getattr(c, "name", None) or c.title  # a checklist has a title
        names[c.id] = (name, *c.aliases)
        for word in (c.id, name, *c.aliases):
            words.setdefault(normal(word), c.id)
    return ChannelIndex(words, names)


class UnknownChannelError(UnknownIdError):
    """No channel is called that; suggests the nearest id, name or short name."""

    def __init__(self, given: str, index: ChannelIndex):
        spellings = [w for cid, names in index.names.items() for w in (cid, *names)]
        super().__init__("渠道", given, spellings)
        self.valid = list(index.names)
        short = "、".join(f"{names[1] if len(names) > 1 else names[0]}（{cid}）" for cid, names in index.names.items())
        self.hint = f"可写渠道的编号、名称或简称，例如 {short}"


def _index_of(source) -> ChannelIndex:
    index = getattr(source, "channel_index", None)
    if isinstance(index, ChannelIndex):
        return index
    memo = getattr(source, "_index", None)  # the Knowledge object's memo of lookups
    if isinstance(memo, dict):
        if ("channel", "index") not in memo:
            memo[("channel", "index")] = channel_index(source.channels)
        return memo[("channel", "index")]
    return channel_index(source.channels)


def find_channel(source, text: str) -> str:
    """The id of the channel ``text`` names: an id (hotline-12393), a name (全国统一医保服务热线 12393)
    or a short name (热线, １２３９３, app).  ``source``: the knowledge base or a deadline plan."""
    index = _index_of(source)
    found = index.words.get(normal(text))
    if found is None:
        raise UnknownChannelError(text.strip(), index)
    return found


def find_checklist(k, text: str) -> str:
    """The id of the checklist ``text`` names: its id, its title or a short name (现场, 信件 …)."""
    index = channel_index(k.checklists)  # the same index: id, title (as name) and aliases
    found = index.words.get(normal(text))
    if found is None:
        err = UnknownIdError("材料清单", text.strip(), [w for cid, names in index.names.items() for w in (cid, *names)])
        err.hint = "可写清单的编号、标题或简称，例如 " + "、".join(
            f"{names[1] if len(names) > 1 else names[0]}（{cid}）" for cid, names in index.names.items())
        raise err
    return found
