"""Command line: ``wbamatch demo | match | shortlist | meet-greet | carve | schema | template``.

``--candidates`` and ``--packages`` take JSON lists, or CSV / XLSX files in the layout of
``wbamatch template`` (needs ``wbamatch[excel]`` for XLSX). ``wbamatch demo --write DIR`` writes
the demo data in both forms to start from; ``wbamatch --version`` names the version.

What the commands print for people (the demo and match tables, shortlists, Meet & Greet rounds,
carved packages) comes from the message catalogue (``data/catalogue/<lang>/cli.json``) in the
language of ``--lang nl|en``, else ``MatchConfig.lang`` of ``--config``, else the environment
variable ``WBAMATCH_LANG``, else Dutch; so does ``--help`` (from ``--lang`` on the command line,
else ``WBAMATCH_LANG``, else Dutch). Error messages are English. Invalid JSON records are
listed all at once, one line per error: ``file 'c.json', record 'c-2', field hours.min: ...``.

Exit codes: 0 success, 2 bad input or an output that cannot be written (one message on standard
error, no traceback; it names file, record and field), 1 a bug, 130 interrupted.

Nothing is written to disk unless ``--out`` is given (or ``template``'s path). The suffix of
``--out`` names the format (``.json``, ``.csv``, ``.xlsx``; anything else is refused). The file is
written atomically, an existing file is replaced only with ``--force``, and anything other than a
regular file at the path (a symbolic link, a folder, a named pipe, a device) is never replaced.
Text the command echoes (paths, ids, messages) shows control characters escaped (``\\x1b``).

The package by concern: the parser and its help (``_parser``), reading the inputs
(``_inputs``), checking and writing the outputs (``_outputs``), echoing text safely
(``_echo``), the texts for people (``_tables``), one function per subcommand (``_commands``),
the errors of invalid records (``_errors``) and :func:`main` with its error handling (``_main``).
"""

from __future__ import annotations

from ._echo import escape, escape_json
from ._inputs import _read_list as _read_list
from ._main import main
from ._outputs import DEMO_FILES
from ._parser import _help_lang as _help_lang, build_parser
from ._tables import format_table

__all__ = ["DEMO_FILES", "build_parser", "escape", "escape_json", "format_table", "main"]
