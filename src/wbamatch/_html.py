"""Escaped HTML: small tables for notebooks (``_repr_html_``) and the shell of printed pages.

Everything here returns :class:`Html`, a ``str`` that is already safe markup; every other value
put into a table is escaped. The notebook tables are styled with inline CSS only (no ``<style>``
block that would leak into the rest of a notebook, no JavaScript), so they also render in
viewers that sanitise HTML. Scores show as a bar with the percentage written next to it, so they
still read when the bar is stripped. The few words of its own ("... and 3 more") come from the
message catalogue, in the language given (default: ``WBAMATCH_LANG``, else Dutch).

The printed pages (the Meet & Greet handouts, the department summary) are whole documents with
their own style sheet; they share :func:`page`, :func:`paragraph` and :func:`print_table`, at the
end of the module.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Final, TypeAlias

from ._catalogue import Number, format_value, resolve_lang, text

__all__ = [
    "MAX_ROWS",
    "Cell",
    "Html",
    "bar",
    "block",
    "esc",
    "heading",
    "number",
    "page",
    "paragraph",
    "percent",
    "print_table",
    "table",
]

#: Rows a table shows before it says "... and n more".
MAX_ROWS: Final[int] = 50

_FONT: Final[str] = "font-size:0.92em;"
_TABLE: Final[str] = "border-collapse:collapse;margin:0.3em 0 0.8em 0;" + _FONT
_CELL: Final[str] = "border-bottom:1px solid #ddd;padding:0.2em 0.6em;vertical-align:top;"
_HEAD: Final[str] = _CELL + "border-bottom:2px solid #999;text-align:left;font-weight:600;"
_BAR_TRACK: Final[str] = (
    "display:inline-block;width:5em;height:0.75em;background:#e4e4e4;"
    "vertical-align:middle;margin-right:0.4em;"
)


class Html(str):
    """Markup that is already safe: :func:`table` puts it in as is instead of escaping it."""

    __slots__ = ()


def esc(value: object) -> Html:
    """Escape any value for HTML text or an attribute.

    >>> esc("<b>&")
    '&lt;b&gt;&amp;'
    """
    return Html(html.escape(str(value), quote=True))


def percent(score: float) -> str:
    """A score in [0, 1] as a whole percentage.

    >>> percent(0.7174)
    '72%'
    """
    return f"{score:.0%}" if math.isfinite(score) else "-"


def number(value: float, digits: int = 2, lang: str | None = None) -> str:
    """A number with at most ``digits`` decimals and no trailing zeros, written per language.

    >>> number(0.78431, lang="en"), number(0.78431, lang="nl"), number(20.0)
    ('0.78', '0,78', '20')
    """
    if not math.isfinite(value):
        return "-"
    return format_value(Number(value, digits), resolve_lang(lang))


def bar(score: float, text: str | None = None, colour: str = "#2f7d4f") -> Html:
    """A horizontal bar for a value in [0, 1] with ``text`` (default: the percentage) after it.

    Values outside [0, 1] are clipped for the bar only; the text shows the value itself.

    >>> "72%" in bar(0.7174)
    True
    """
    width = 0.0 if not math.isfinite(score) else min(max(score, 0.0), 1.0) * 100
    fill = f"display:block;height:100%;width:{width:.1f}%;background:{esc(colour)};"
    label = percent(score) if text is None else text
    return Html(
        f'<span style="white-space:nowrap"><span style="{_BAR_TRACK}">'
        f'<span style="{fill}"></span></span>{esc(label)}</span>'
    )


def _cell(value: object, tag: str, style: str) -> str:
    text = value if isinstance(value, Html) else esc(value)
    return f'<{tag} style="{style}">{text}</{tag}>'


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    limit: int = MAX_ROWS,
    numeric: Iterable[int] = (),
    empty: str = "-",
    total: int | None = None,
    lang: str | None = None,
) -> Html:
    """An HTML table; at most ``limit`` rows, then one row saying how many more there are.

    Parameters
    ----------
    header
        Column titles.
    rows
        Cells; :class:`Html` values go in as they are, anything else is escaped.
    limit
        Rows shown before "... and n more".
    numeric
        Column positions to align right.
    empty
        Text shown (in italics, no table) when there are no rows.
    total
        Rows in all, when ``rows`` holds only the first ones (saves building rows nobody sees).
    lang
        Language of "... and n more": ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else
        Dutch.

    >>> t = table(["id", "score"], [["c-1", 0.5], ["<x>", 1]], limit=1, numeric=[1], lang="en")
    >>> "&lt;x&gt;" in t, "and 1 more" in t
    (False, True)
    >>> "en nog 1" in table(["id"], [["a"], ["b"]], limit=1, lang="nl")
    True
    """
    if not rows:
        return Html(f'<p style="{_FONT}"><em>{esc(empty)}</em></p>')
    right = set(numeric)
    head = "".join(
        _cell(h, "th", _HEAD + ("text-align:right;" if k in right else ""))
        for k, h in enumerate(header)
    )
    body = []
    for row in rows[:limit]:
        cells = "".join(
            _cell(v, "td", _CELL + ("text-align:right;" if k in right else ""))
            for k, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    hidden = (len(rows) if total is None else total) - min(len(rows), limit)
    if hidden > 0:
        more = text("html.more", lang, n=hidden)
        body.append(
            f'<tr><td colspan="{len(header)}" style="{_CELL}color:#666"><em>{more}</em></td></tr>'
        )
    return Html(
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def block(title: str, lines: Iterable[str] = (), parts: Iterable[Html] = ()) -> Html:
    """A titled block: a bold title, lines of escaped text, then ready-made parts (tables).

    >>> out = block("Result", ["2 of 3 placed"], [Html("<table></table>")])
    >>> out.startswith("<div") and "2 of 3 placed" in out
    True
    """
    text = "".join(f'<div style="{_FONT}">{esc(line)}</div>' for line in lines)
    return Html(
        f'<div class="wbamatch"><div style="font-weight:600;margin-bottom:0.2em">{esc(title)}'
        f"</div>{text}{''.join(parts)}</div>"
    )


def heading(text: str) -> Html:
    """A small sub-heading inside a block.

    >>> heading("Placed").startswith("<div")
    True
    """
    return Html(f'<div style="font-weight:600;margin-top:0.6em;{_FONT}">{esc(text)}</div>')


# ---------------------------------------------------------------------------------------------
# Printed pages: a whole document with its own style sheet (never shown inside a notebook)
# ---------------------------------------------------------------------------------------------
#: A cell of a printed table: (text, class); the class is "" for none.
Cell: TypeAlias = tuple[str, str]


def page(lang: str, title: str, css: str, parts: Iterable[str]) -> Html:
    """A whole HTML document: ``parts`` (ready markup) one a line, under ``title`` and ``css``.

    ``css`` is the page's own style sheet, put in as it is (it is the module's constant, never
    data); ``title`` is escaped.

    >>> doc = page("en", "A & B", "p{}", ["<p>x</p>"])
    >>> doc.splitlines()[0], "<title>A &amp; B</title>" in doc, doc.endswith("</html>\\n")
    ('<!DOCTYPE html>', True, True)
    """
    return Html(
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title>",
                f"<style>{css}</style></head><body>",
                *parts,
                "</body></html>\n",
            ]
        )
    )


def paragraph(value: str, kind: str = "") -> Html:
    """``<p>`` with escaped text, of class ``kind`` when one is given.

    >>> paragraph("a < b", "lead")
    '<p class="lead">a &lt; b</p>'
    """
    return Html(f'<p class="{kind}">{esc(value)}</p>' if kind else f"<p>{esc(value)}</p>")


def print_table(head: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Html:
    """A table for print: escaped cells with their class, styled by the page's style sheet.

    Not :func:`table`: that one is for notebooks (inline styles, a row limit).

    >>> print_table(["n"], [[("1", "num")]]).split("<tbody>")[1]
    '<tr><td class="num">1</td></tr></tbody></table>'
    """
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{kind}">{esc(value)}</td>' if kind else f"<td>{esc(value)}</td>"
            for value, kind in row
        )
        + "</tr>"
        for row in rows
    )
    return Html(f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>")
