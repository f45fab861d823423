"""Echoing text safely: control and escape characters are shown, never sent to the terminal.

Every path, id and message the command line prints goes through :func:`escape` (or
:func:`escape_json` for a JSON document), so a crafted file name cannot move the cursor, clear
the screen or reorder what a terminal shows.
"""

from __future__ import annotations

from pathlib import Path


def _escape_char(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")


def escape(text: str, *, lines: bool = True) -> str:
    r"""``text`` with every unprintable character escaped as Python would write it.

    Control characters (``\x1b``), format characters (bidi overrides, zero-width spaces),
    line separators, lone surrogates and non-breaking spaces are shown as escapes, so a path or
    an id cannot move the cursor, clear the screen or reorder what a terminal shows. Line
    breaks are kept when ``lines`` is true, escaped too otherwise.

    Example
    -------
    >>> escape("r\x1b[2J.json"), escape("a\nb", lines=False)
    ('r\\x1b[2J.json', 'a\\nb')
    """
    if (text.replace("\n", "") if lines else text).isprintable():
        return text
    return "".join(c if c.isprintable() or (lines and c == "\n") else _escape_char(c) for c in text)


def _escape_json_char(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_json(text: str) -> str:
    """JSON text with every unprintable character inside its strings written as ``\\uXXXX``.

    The same document (a JSON parser reads equal values), safe to show on a terminal.
    """
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else _escape_json_char(c) for c in text)


def _say(text: str) -> None:
    """Print text for a terminal, control characters escaped."""
    print(escape(text))


def _say_json(text: str) -> None:
    print(escape_json(text))


def _show(path: Path | str) -> str:
    return repr(str(path))
