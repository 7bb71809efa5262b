"""What ``data check`` found."""

from __future__ import annotations

from yb_guide.knowledge.labels import COUNT_LABELS
from yb_guide.cli.render.kit import T, with_paths


def data_check(payload: dict):
    yield with_paths(f"数据检查通过：{payload['data_dir']}", style="bold green")
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE)
    table.add_column("内容")
    table.add_column("数量", justify="right")
    for key, n in payload["counts"].items():
        table.add_row(T(COUNT_LABELS[key]), T(str(n)))
    yield table
    yield T("渠道：" + "、".join(payload["channels"]))
    yield T("材料清单：" + "、".join(payload["checklists"]))
