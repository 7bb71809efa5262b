"""The command-line frame: Chinese errors, exit codes, no tracebacks.

``YbGroup`` is the typer group class of the app.  Its ``main`` runs every
command with ``standalone_mode=False`` and turns whatever goes wrong into one
Chinese line on stderr and an exit code, so ``ybguide`` and ``CliRunner``
behave alike.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import typer
from typer.core import TyperGroup

from yb_guide.base.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, UserError
from yb_guide.cli.output import error, prepare_streams

HELP_TEXT = "显示帮助并退出。"


def _click_exceptions():
    try:  # typer >= 0.17 vendors click
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click import exceptions
    return exceptions


def _usage_message(exc) -> tuple[str, str | None]:
    """A Chinese message for a click usage error."""
    ex = _click_exceptions()
    ctx = getattr(exc, "ctx", None)
    cmd = ctx.command_path if ctx is not None else "ybguide"
    help_hint = f"运行 {cmd} --help 查看用法"
    if isinstance(exc, ex.NoSuchOption):
        near = sorted(exc.possibilities or [])
        tip = f"您是不是要用 {near[0]}？" if near else ""
        return f"没有 {exc.option_name} 这个选项。{tip}", help_hint
    if isinstance(exc, ex.MissingParameter):
        param = exc.param
        if param is not None and getattr(param, "param_type_name", "") == "argument":
            name = param.metavar or param.name
        else:
            name = "/".join(getattr(param, "opts", []) or []) if param else ""
        return f"缺少必需的参数 {name}。", help_hint
    if isinstance(exc, ex.BadParameter):
        param = exc.param
        name = "/".join(getattr(param, "opts", []) or []) if param else (exc.param_hint or "")
        return f"参数 {name} 的值不对：{_zh_value_message(exc.message)}", help_hint
    if isinstance(exc, ex.BadOptionUsage):
        if "requires" in exc.message and "argument" in exc.message:
            return f"选项 {exc.option_name} 后面要写一个值。", help_hint
        return f"选项 {exc.option_name} 用法不对：{exc.message}", help_hint
    msg = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if msg.startswith("Got unexpected extra argument"):
        # "Got unexpected extra argument(s) (a b)" (older click: "argument (a)" or "arguments (a b)")
        extra = msg.split(") (", 1)[-1] if ") (" in msg else msg.split("(", 1)[-1]
        extra = extra[:-1] if extra.endswith(")") else extra
        return "多出了参数" + "、".join(f"「{a}」" for a in extra.split()) + "。", help_hint
    if msg.startswith("Missing command"):
        return "缺少子命令。", help_hint
    return f"命令用法不对：{msg}", help_hint


def _localize_usage() -> None:
    """用法：ybguide deadline [选项] instead of click's "Usage: … [OPTIONS]"."""
    try:
        from typer._click import formatting
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click import formatting
    original = formatting.HelpFormatter.write_usage
    if getattr(original, "_ybguide", False):
        return

    def write_usage(self, prog, args="", prefix=None):
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        return original(self, prog, args, "用法：" if prefix is None else prefix)

    write_usage._ybguide = True
    formatting.HelpFormatter.write_usage = write_usage


def _zh_value_message(message: str) -> str:
    """click's messages about a value, in Chinese where we know them."""
    import re

    m = re.match(r"'(.*)' is not a valid (integer|int|float|path)", message)
    if m:
        kind = {"integer": "整数", "int": "整数", "float": "数字", "path": "路径"}[m.group(2)]
        return f"「{m.group(1)}」不是有效的{kind}。"
    m = re.match(r"'(.*)' is not one of (.*)\.", message)
    if m:
        return f"「{m.group(1)}」不是可选的值（可选：{m.group(2)}）。"
    return message


def _stand_in(module: str, name: str) -> None:
    """Put a placeholder for ``module`` whose ``name`` imports the real module when first called.

    typer's help module imports rich.markdown (markdown-it and pygments, ~30 ms) for the markdown
    markup mode and rich.traceback for pretty exceptions; ybguide uses neither, and help is shown
    often.  Nothing else imports them; if something ever calls the placeholder, it gets the real one."""
    import types

    if module in sys.modules:
        return
    stand_in = types.ModuleType(module)

    def the_real():
        import importlib

        if sys.modules.get(module) is stand_in:
            del sys.modules[module]
        return getattr(importlib.import_module(module), name)

    class _Delegates(type):  # Traceback.from_exception(...) reaches the real class
        def __getattr__(cls, attr):
            return getattr(the_real(), attr)

    # a class (typer's annotations say "Markdown | Text"), building the real thing when called
    setattr(stand_in, name, _Delegates(name, (), {"__new__": lambda cls, *a, **k: the_real()(*a, **k)}))
    sys.modules[module] = stand_in


def _localize_help() -> None:
    """Chinese titles in typer's help screen (only done when help is shown: it imports rich)."""
    _stand_in("rich.markdown", "Markdown")
    _stand_in("rich.traceback", "Traceback")
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover
        return
    from yb_guide.cli.render.wrap import install

    install()
    _localize_usage()
    for name, zh in {
        "ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
        "ERRORS_PANEL_TITLE": "错误", "ABORTED_TEXT": "已取消。", "DEFAULT_STRING": "[默认：{}]",
        "REQUIRED_LONG_STRING": "[必填]", "ENVVAR_STRING": "[环境变量：{}]",
    }.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, zh)
    # Chinese help has no spaces to wrap at: fold long lines instead of cutting them off with "…".
    make = getattr(rich_utils, "_make_rich_text", None)
    if make is not None and not getattr(make, "_ybguide", False):
        def make_folding(*args, **kwargs):
            text = make(*args, **kwargs)
            if hasattr(text, "overflow"):
                text.overflow = "fold"
            return text

        make_folding._ybguide = True
        rich_utils._make_rich_text = make_folding


started_for: str | None = None  # the command named on the command line (``cli.main``), or None
usual_thresholds: tuple | None = None  # the cycle collector's, before ``cli.main`` raised them


def collect_as_usual() -> None:
    """The usual threshold again, for a process that keeps running (``ybguide serve``)."""
    import gc

    if usual_thresholds is not None:
        gc.set_threshold(*usual_thresholds)


class YbGroup(TyperGroup):
    """The app's group: Chinese errors, fixed exit codes, 'did you mean' for commands."""

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from yb_guide.base.suggest import nearest

            commands = self.list_commands(ctx)
            near = nearest(name, commands)
            tip = f"您是不是要用「{near}」？" if near else ""
            raise UserError(f"没有「{name}」这个命令。{tip}", hint=f"可用的命令：{'、'.join(commands)}")
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, standalone_mode=True, **extra):  # noqa: D401
        prepare_streams()
        argv = list(sys.argv[1:] if args is None else args)
        prog_name = prog_name or "ybguide"
        help_key = None
        if _help_may_show(self, argv):
            from yb_guide.cli import helpcache

            help_key = helpcache.key(argv, prog_name)
            if help_key:  # the same screen as the last time is written again, not built again
                shown: list[bool] = []
                code = run_safely(lambda: shown.append(helpcache.replay(help_key)))
                if not shown or shown[0]:  # written (or the reader went away while it was)
                    if standalone_mode:
                        sys.exit(code)
                    return code
            _localize_help()
            _patch_command_help(self)

        def run() -> int:
            return run_safely(lambda: super(YbGroup, self).main(
                args=argv, prog_name=prog_name, standalone_mode=False, **extra))

        code = helpcache.record(help_key, run) if help_key else run()
        _config_warning()
        if standalone_mode:
            sys.exit(code)
        return code


def _config_warning() -> None:
    """A damaged settings file (config.json) is said once a command, never passed over in silence."""
    from yb_guide.base.paths import config_problem

    problem = config_problem()
    if problem and sys.stderr is not None:
        try:
            sys.stderr.write(f"注意：{problem}请修好或删掉它（ybguide 不会覆盖它）。\n")
        except (OSError, ValueError):
            pass


def _help_may_show(group, argv: list[str]) -> bool:
    """Help is shown for no arguments, --help, or a group named alone (ybguide case); only then is
    typer's help module (rich's markdown and traceback with it, ~60 ms) worth importing."""
    if not argv or "--help" in argv or "-h" in argv:
        return True
    named = getattr(group, "commands", {}).get(argv[0]) if len(argv) == 1 else None
    return hasattr(named, "commands") and not getattr(named, "invoke_without_command", False)


def _patch_command_help(group) -> None:
    """Give every subcommand's --help option the Chinese help text."""
    for cmd in getattr(group, "commands", {}).values():
        original = cmd.get_help_option

        def patched(ctx, _orig=original):
            opt = _orig(ctx)
            if opt is not None:
                opt.help = HELP_TEXT
            return opt

        cmd.get_help_option = patched
        for param in getattr(cmd, "params", []):
            if getattr(param, "param_type_name", "") == "argument" and not isinstance(param.type, _NoTypeName):
                param.type = _NoTypeName(param.type)
        _patch_command_help(cmd)


class _NoTypeName:
    """An argument's type without the English type name typer shows beside it in help (<str>):
    the Chinese metavar (编号, 经过) already says what to write.  Only set when help is shown."""

    def __init__(self, inner):
        self.__dict__["_inner"] = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def get_metavar(self, *args, **kwargs):
        return ""


def _broken_pipe() -> int:
    """The reader went away (ybguide … | head): not an error worth a message."""
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    return EXIT_FAILURE


stopped_by: int | None = None  # the signal (SIGTERM, SIGHUP) that stopped the command, if one did


@contextmanager
def stopped_like_ctrl_c():
    """SIGTERM and SIGHUP (the terminal closed) unwind the command as Ctrl-C does, so every file
    being written is removed (``base.files.write_atomic``); the exit code is 128 + the signal."""
    import signal

    def stop(signum, frame):
        global stopped_by
        stopped_by = signum
        raise KeyboardInterrupt  # typer and click turn it into exit code 130; run_safely says which

    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue  # Windows has no SIGHUP
        try:
            saved[sig] = signal.signal(sig, stop)
        except (ValueError, OSError):
            pass  # not the main thread (a test's worker): the default stays
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _cancelled(signum: int | None = None) -> int:
    """Ctrl-C (or SIGTERM, SIGHUP: ``cli.batch.Stopped``): end the line the prompt or ^C left open,
    then say so; the exit code."""
    if signum is None:
        how = "Ctrl-C"
    else:
        import signal

        how = f"收到 {signal.Signals(signum).name}"
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"\n已取消（{how}），没有保存未完成的操作。\n")
    except (OSError, ValueError):
        pass  # the terminal is gone (SIGHUP)
    return EXIT_INTERRUPTED if signum is None else 128 + signum


def run_safely(call) -> int:
    """Run ``call`` and map every outcome to an exit code, printing one Chinese line on errors."""
    ex = _click_exceptions()
    try:
        rv = call()
        code = rv if isinstance(rv, int) and not isinstance(rv, bool) else 0
        if code == EXIT_INTERRUPTED:
            return _cancelled(stopped_by)
        return code
    except UserError as err:
        error(err.message, err.hint)
        return err.exit_code
    except ex.UsageError as err:
        msg, hint = _usage_message(err)
        error(msg, hint)
        return EXIT_USAGE
    except typer.Abort:
        return _cancelled(stopped_by)
    except SystemExit as exit_:  # rich exits this way when the reader of a pipe goes away
        return exit_.code if isinstance(exit_.code, int) else EXIT_FAILURE
    except KeyboardInterrupt:
        return _cancelled(stopped_by)
    except OSError as err:
        if isinstance(err, BrokenPipeError):
            return _broken_pipe()
        from yb_guide.base.errors import os_error_text

        where = f" {err.filename}" if getattr(err, "filename", None) else ""
        from yb_guide.base.paths import user_home

        error(f"无法写出结果{where}（{os_error_text(err)}）。",
              f"请检查这个位置的权限或空间；ybguide 自己的文件（案件、设置）在 {user_home()}，"
              f"可以用环境变量 YBGUIDE_HOME 换到另一个文件夹")
        return EXIT_FAILURE
    except ex.ClickException as err:
        error(err.format_message())
        return err.exit_code
    except Exception as err:  # the last line of defence: never show a traceback
        if os.environ.get("YBGUIDE_DEBUG"):
            raise
        error(f"程序内部出错（{type(err).__name__}: {err}）。请把这句话和您运行的命令报告给维护者；"
              f"设置环境变量 YBGUIDE_DEBUG=1 可查看详细信息。")
        return EXIT_FAILURE
