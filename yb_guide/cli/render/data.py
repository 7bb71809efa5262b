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
    for pack in payload.get("packs", []):
        yield T(f"数据包 {pack['id']}（{pack['name']}，{' + '.join(pack['chain'])}，数据版本 {pack['version']}）：通过，"
                f"{pack['channels']} 个渠道")
        if pack["national_words"]:
            yield T("  还是全国说法的词：" + "、".join(pack["national_words"]), style="dim")
        if pack["unfilled_roles"]:
            yield T("  没有渠道填的角色（流程里用到它的选项不出现）：" + "、".join(pack["unfilled_roles"]), style="dim")
    yield T(f"以下是{payload['region']['name']}（{payload['region']['id']}）合并后的内容。")
    yield T("渠道：" + "、".join(payload["channels"]))
    yield T("材料清单：" + "、".join(payload["checklists"]))


def config(payload: dict):
    r = payload["region"]
    yield T(f"现在用的地区：{r['name']}（{r['id']}）", style="bold")
    saved = payload["saved"].get("region")
    default = "没有（用{name}，{id}）".format(**payload["default"])
    yield with_paths(f"保存的默认地区：{saved or default}（{payload['file']}）")
    yield T("可选的地区：" + "、".join(f"{x['id']} {x['name']}" for x in payload["regions"]))
    yield T("改默认地区：ybguide config region CN；只这一次：ybguide --region CN …")
