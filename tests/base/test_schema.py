"""Text from the YAML files reads as written: a folded line break inside Chinese text is no space."""

from dataclasses import dataclass

import pytest

from yb_guide.base.schema import Where, build


@dataclass(frozen=True)
class Note:
    text: str


@pytest.mark.parametrize("folded, expected", [
    ("不是投诉或信访的答复—— 对信访答复", "不是投诉或信访的答复——对信访答复"),
    ("按往年规律推算的， 可能相差几天", "按往年规律推算的，可能相差几天"),
    ("称为“复核” ，并说", "称为“复核”，并说"),
    ("拨打 12393 热线", "拨打 12393 热线"),  # a space beside a number or a Latin word stays
    ("见 ybguide checklist", "见 ybguide checklist"),
])
def test_a_folded_line_break_between_chinese_characters_is_dropped(folded, expected):
    assert build(Note, {"text": folded}, Where("x.yaml", "", 1)).text == expected
