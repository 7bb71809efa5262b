"""User text made fit for a letter, in one place: every letter (its .txt, .md, .docx and the web
page's preview) is built from the same cleaned text, so they agree.

- line breaks (CRLF from a browser's textarea, CR, U+2028/U+2029) become one "\\n", so a typed
  line break is one break in Word and one line in the .txt;
- a tab becomes a space;
- control characters (C0 and C1, NUL included), Unicode non-characters (U+FFFE, U+FFFF, ...),
  lone surrogates, the direction marks, embeddings, overrides and isolates (U+200E/200F, U+061C,
  U+202A-202E, U+2066-2069) and the invisible format characters (zero-width space and joiners
  U+200B-200D, word joiner U+2060-2064, U+FEFF, U+180E, U+206A-206F) are removed: Word refuses a
  file that holds the first (XML 1.0 cannot carry them), and the others show nothing a reader could
  see while they can reorder or hide what a signed paper says.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # control characters (the breaks above are kept as \n)
    "\ud800-\udfff"  # lone surrogates (from a broken decoding)
    "\ufdd0-\ufdef\ufffe\uffff"  # non-characters of the first plane …
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # … the invisible direction marks and overrides …
    "\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\u180e]"  # … and the other invisible characters
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff"
    "\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff"
    "\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]")


def text(value: str) -> str:
    """``value`` with line breaks made "\\n", tabs made spaces, and invisible characters removed."""
    return _DROP.sub("", _BREAKS.sub("\n", value).replace("\t", " "))


def letter(built):
    """The letter ``built`` with every text in it cleaned (its blocks, envelope, advice, facts)."""
    import dataclasses

    blocks = [dataclasses.replace(b, text=text(b.text), item=None if b.item is None else text(b.item))
              for b in built.blocks]
    return dataclasses.replace(built, blocks=blocks, envelope=[text(x) for x in built.envelope],
                               advice=[text(x) for x in built.advice], facts=[text(x) for x in built.facts])
