"""``ybguide config``: the person's saved settings (the region of their 医保)."""


from typing import Optional

import typer

from yb_guide.base.errors import UserError
from yb_guide.cli.options import JSON
from yb_guide.cli.output import emit


def config(key: Optional[str] = typer.Argument(None, metavar="设置", help="要改的设置：region（参保地的地区）。"),
           value: Optional[str] = typer.Argument(None, metavar="值", help="新的值：地区编号或名称，如 CN、全国；写 default 恢复默认。"),
           as_json: bool = JSON):
    """看或改保存的设置：ybguide config region CN 以后默认用全国通用版（--region 和 YBGUIDE_REGION 优先）。"""
    from yb_guide.base import paths
    from yb_guide.cli.render import data as render
    from yb_guide.knowledge import packs
    from yb_guide.views import data as views

    if key is not None:
        if key != "region":
            raise UserError(f"没有「{key}」这个设置。", hint="可以改的设置：region（例如 ybguide config region CN）")
        if value is None:
            raise UserError("请写出新的地区编号或名称。", hint="例如 ybguide config region CN；可用：" +
                            "、".join(sorted(packs.available(paths.data_dir()))))
        chosen = None if value.strip().lower() == "default" else value.strip().upper()
        if chosen is not None:
            chosen = packs.resolve(paths.data_dir(), chosen)  # a name: its id; unknown: one line with the ones there are
        paths.save_config(region=chosen)
        paths.use_region(None)
    emit(views.config(packs.resolve(paths.data_dir(), paths.region()), paths.read_config(), str(paths.config_file()),
                      packs.names(paths.data_dir()), paths.default_region()), render.config, as_json=as_json)
