"""``main``: run the command line, turning every problem into one message and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pydantic import ValidationError

from .._cellerror import SpreadsheetError
from .._exceptions import WbamatchError
from ._echo import _show, escape
from ._errors import _validation_message
from ._inputs import _check_paths
from ._parser import _help_lang, build_parser


def _fail(message: str) -> int:
    """Print ``message`` as the one error of the run; the exit code of bad input, 2."""
    print(f"wbamatch: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Every problem with an input or an output ends in exit code 2 and a message on standard
    error, without a traceback: one line, except that a spreadsheet's problems are listed one a
    line, and so are the errors of invalid JSON records (file, record and field each). Control
    characters in what it echoes (paths, ids) are shown escaped.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    try:  # the help is in the language --lang names, looked for before the parser is made
        args = build_parser(_help_lang(words)).parse_args(words)
    except SystemExit as exc:  # argparse has printed the usage (or the help) already
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    try:
        _check_paths(args)
        code: int = args.func(args)
    except ValidationError as exc:
        return _fail(_validation_message(exc, getattr(args, "sources", None)))
    except SpreadsheetError as exc:  # all of a sheet's problems, one a line
        return _fail("\n".join(escape(line, lines=False) for line in str(exc).splitlines()))
    except WbamatchError as exc:  # also MissingDependencyError: the message names the extra
        return _fail(escape(str(exc), lines=False))
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except OSError as exc:  # a file problem no command turned into a message of its own
        name = exc.filename2 or exc.filename  # os.replace(tmp, target): the target is 2nd
        where = f" {_show(name)}" if name else ""
        return _fail(escape(f"cannot write{where}: {exc.strerror or exc}", lines=False))
    except UnicodeEncodeError:
        return _fail(
            "the terminal cannot show some characters of the output; "
            "set PYTHONIOENCODING=utf-8 or use --out"
        )
    except MemoryError:  # the machine has less memory than MatchConfig.max_memory_mb assumes
        return _fail(
            "ran out of memory; give a config with a lower max_memory_mb (what this machine "
            "can spare, in MB) so that the run stops before it starts, or split the input"
        )
    except KeyboardInterrupt:
        print("wbamatch: interrupted", file=sys.stderr)
        return 130
    return code
