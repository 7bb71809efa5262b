"""Which case a person means: its number, the insured person's name (or the name of who acts for
them), or its ticket.  A name that fits one case is that case; one that fits several, or none, is
refused with the cases it could mean (number, masked name, channel, filing date), never guessed."""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms, mask_name

SHOWN = 8  # matches named in one error line


def spelled(text: str | None) -> str:
    """How names and tickets are compared: full-width forms, spaces and case do not count."""
    return "".join(ascii_forms(text or "").split()).lower()


class AmbiguousCaseError(UserError):
    def __init__(self, given, matches: list[dict]):
        self.given, self.matches = given, matches
        super().__init__(f"「{given}」对应 {len(matches)} 个案件：{_listed(matches)}。",
                         hint=f"请改用案件编号，如 {matches[0]['id']}")


class NoSuchCaseError(UserError):
    def __init__(self, given, existing: list[int], near: list[dict]):
        self.given, self.near = given, near
        digits = str(given).strip().lstrip("#").isdigit()
        message = f"没有编号为「{given}」的案件。" if digits and not near else f"没有编号、姓名或工单编号是「{given}」的案件。"
        if near:
            message += f"姓名或工单编号里有「{given}」的：{_listed(near)}。"
        if existing:
            shown = "、".join(str(i) for i in existing[:30]) + ("……" if len(existing) > 30 else "")
            hint = f"现有的案件编号：{shown}；按词查找：ybguide case list --search 词"
        else:
            hint = "还没有记录任何案件：先用 ybguide case add 记一个"
        super().__init__(message, hint=hint)


def _listed(matches: list[dict]) -> str:
    shown = "；".join(f"案件 {m['id']}（{'，'.join(x for x in (m['name'], m['channel'], m['filed']) if x)}）"
                     for m in matches[:SHOWN])
    return shown + (f"……共 {len(matches)} 个" if len(matches) > SHOWN else "")


def _row(r) -> dict:
    """A case as a match names it: number, masked name, channel, filing date."""
    from yb_guide.knowledge import loader

    try:
        channel = loader.get().channel(r["channel"]).name if r["channel"] else ""
    except (KeyError, LookupError, UserError):
        channel = r["channel"]
    return {"id": r["id"], "name": mask_name(r["name"]) or "", "channel": channel, "filed": r["filed"] or ""}


def case_id(db, given) -> int:
    """The id of the one case ``given`` means, or an error naming the cases it could mean."""
    import sqlite3

    s = str(given).strip().lstrip("#").strip()
    if s.isdigit():
        row = db.execute("SELECT id FROM cases WHERE id = ?", (int(s),)).fetchone()
        if row:
            return row[0]
    want = spelled(s)
    exact, near = [], []
    if want:
        cur = db.cursor()
        cur.row_factory = sqlite3.Row
        for r in cur.execute("SELECT id, name, agent_name, ticket, channel, filed FROM cases ORDER BY id"):
            names = [spelled(r[f]) for f in ("name", "agent_name", "ticket")]
            if want in names:
                exact.append(r)
            elif any(want in n for n in names if n):
                near.append(r)
    if len(exact) == 1:
        return exact[0]["id"]
    if exact:
        raise AmbiguousCaseError(given, [_row(r) for r in exact])
    existing = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id")]
    raise NoSuchCaseError(given, existing, [_row(r) for r in near])
