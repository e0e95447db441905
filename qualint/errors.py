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
