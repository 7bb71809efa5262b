"""The calendar's commands: workday, calendar (a month, a year, importing a notice), hall-hours.

Registered on the app by ``cli.app`` in the order --help lists them."""


from pathlib import Path
from typing import Optional

import typer

from yb_guide.base.errors import UserError
from yb_guide.cli.options import CALENDAR, JSON, TODAY, date_option, knowledge, today_option
from yb_guide.cli.output import emit, emit_text


def workday(day: str = typer.Argument(..., metavar="日期", help="要查的日期，如 2024-05-06。"),
            n: Optional[str] = typer.Argument(None, metavar="[+N|-N]", help="之后（+N）或之前（-N）第 N 个工作日。"),
            calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """某天是不是工作日；给出 +N/-N 时，算出之后/之前第 N 个工作日。"""
    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import parse_steps
    from yb_guide.cli.render import dates as render
    from yb_guide.views import dates as views

    steps = parse_steps(n) if n is not None else None
    d = date_option(day, "日期", today_option(None))
    cal = workdays.get_calendar(calendar_file)
    emit(views.workday(cal, d, steps), render.workday, as_json=as_json)


def calendar_cmd(month: Optional[str] = typer.Argument(None, metavar="[年-月 | import]", help="如 2026-10（默认：本月）；或 import。"),
                 notice: Optional[Path] = typer.Argument(None, metavar="[通知.txt]",
                                                          help="import 时：国务院办公厅放假安排通知的全文（文本文件）。"),
                 year: Optional[int] = typer.Option(None, "--year", metavar="年份",
                                                    help="列出这一年的放假和调休安排；import 时：通知是哪一年的。"),
                 print_only: bool = typer.Option(False, "--print", help="import 时：只显示导入的内容（YAML），不保存。"),
                 force: bool = typer.Option(False, "--force", help="import 时：这一年已经导入过，也用新的替换。"),
                 calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """月历：周末、法定节假日（带名称）、调休上班日；或一年的放假安排；或导入新一年的放假通知。"""
    import datetime as dt

    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import parse_month
    from yb_guide.cli.render import dates as render
    from yb_guide.views import dates as views

    if month == "import":
        if notice is None:
            raise UserError("calendar import 后面要写通知的文件名。", hint="例如 ybguide calendar import 2027年放假通知.txt")
        from yb_guide.calendar import notice as notices

        parsed = notices.parse_notice(notices.read_text(notice), year)
        notices.merge_later(parsed, workdays.later_notices())  # never undo a later notice of that year
        text = notices.overrides_yaml(parsed)
        if print_only:
            emit_text(text)
            return
        saved = notices.save(parsed, text, overwrite=force)
        emit(views.notice_imported(parsed, str(saved)), render.notice_imported, as_json=as_json)
        return
    if notice is not None:
        raise UserError(f"多出了参数「{notice}」。", hint="看月历写 ybguide calendar 2026-10；导入通知写 ybguide calendar import 文件")
    cal = workdays.get_calendar(calendar_file)
    if year is not None:
        cal.check(dt.date(year, 1, 1), f"{year} 年")
        emit(views.year(cal, year), render.year, as_json=as_json)
        return
    y, m = parse_month(month) if month else (today_option(None).year, today_option(None).month)
    cal.check(dt.date(y, m, 1), "月份")
    emit(views.month(cal, y, m), render.month, as_json=as_json)


def hall_hours(on: Optional[str] = typer.Option(None, "--on", metavar="日期",
                                               help="哪一天（默认：今天，此时此刻）；5月6日 这样不带年份的写法指下一个这一天。"),
               today: Optional[str] = TODAY, calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """医保服务大厅某天开不开门（按参保地数据包里大厅的办公时间），以及下一个开放日。"""
    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import FUTURE, now_in_china
    from yb_guide.cli.render import dates as render
    from yb_guide.schedule import hall
    from yb_guide.views import dates as views

    now = now_in_china().replace(tzinfo=None)
    base = today_option(today) if today is not None else now.date()
    day = date_option(on, "--on", base, toward=FUTURE) if on else base
    at = now.time() if on is None and today is None else None  # "now" only on the real today
    h = hall.hall_hours(knowledge(), workdays.get_calendar(calendar_file), day, at)
    emit(views.hall(h), render.hall, as_json=as_json)
