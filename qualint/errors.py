"""Errors that end the checking of one input file with a one-line message and exit code 2."""


class InputError(Exception):
    """An input qualint cannot read: unreadable, binary, too large, corrupt or hostile.

    The message is one line, names the reason, and is shown as ``path: message``.
    """


def first_line(exc: BaseException, with_type: bool = True, limit: int = 200) -> str:
    """An exception as one short line (``Type: first line``), for one-line file errors."""
    lines = str(exc).strip().splitlines()
    text = lines[0][:limit] if lines else ""
    if with_type:
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text or type(exc).__name__


def from_os_error(exc: OSError) -> InputError:
    """The one-line reason for a file the operating system would not give us."""
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    if isinstance(exc, FileNotFoundError):
        return InputError("file not found (it may have been removed)")
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    return InputError(f"cannot read ({exc.strerror or exc})")
