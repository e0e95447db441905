"""Errors that end the checking of one input file with a one-line message and exit code 2."""


class InputError(Exception):
    """An input qualint cannot read: unreadable, binary, too large, corrupt or hostile.

    The message is one line, names the reason, and is shown as ``path: message``.
    """
