"""Errors a user can cause, each with a one-line Chinese message and an exit code.

The CLI catches ``UserError`` and prints ``message`` (never a traceback).
"""

from __future__ import annotations

# Exit codes, documented in the README.
EXIT_OK = 0
EXIT_FAILURE = 1  # something went wrong that is not the user's input (I/O, corrupt database)
EXIT_USAGE = 2  # bad input: unknown id, invalid date, malformed data file, bad option
EXIT_INTERRUPTED = 130  # Ctrl-C


class UserError(Exception):
    """An error caused by input; ``str(err)`` is the one-line Chinese message."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field  # the input it is about (an event id, a form field), for a form to mark


class UnknownIdError(UserError):
    """An id that does not exist, with the valid ids and the nearest match."""

    def __init__(self, what: str, given: str, valid: list[str]):
        from yb_guide.base.suggest import nearest

        self.what = what
        self.given = given
        self.valid = list(valid)
        self.suggestion = nearest(given, valid)
        msg = f"没有叫「{given}」的{what}。"
        if self.suggestion:
            msg += f"您是不是要找「{self.suggestion}」？"
        hint = "可用的编号：" + "、".join(valid)
        super().__init__(msg, hint=hint)


class DataError(UserError):
    """A data (YAML) file that is malformed: names the file, the key path and the line."""

    def __init__(self, file: str, path: str, line: int | None, problem: str):
        self.file = file
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{file}:{line}" if line else file
        key = f" {path}" if path else ""
        super().__init__(f"数据文件有误 {where}{key}：{problem}")


class RuntimeProblem(UserError):
    """A failure that is not bad input (a corrupt database, a file that cannot be written)."""

    exit_code = EXIT_FAILURE


def os_error_text(err: OSError) -> str:
    """The common operating-system errors in Chinese (the rest as the system words them)."""
    import errno

    words = {
        errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完", errno.EACCES: "没有权限",
        errno.EPERM: "没有权限", errno.EROFS: "磁盘是只读的", errno.ENOENT: "文件或文件夹不存在",
        errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EEXIST: "文件已经存在", errno.ENAMETOOLONG: "文件名太长", errno.EIO: "磁盘读写出错",
    }
    return words.get(err.errno) or err.strerror or str(err)
