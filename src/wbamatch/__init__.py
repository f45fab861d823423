"""wbamatch: match Banenafspraak candidates to vacancies and jobcarving task packages.

Needs are explicit, hard rules are never broken, the whole group is placed optimally at once,
and every decision has reasons.

>>> import wbamatch
>>> candidates, packages = wbamatch.demo_data()
>>> result = wbamatch.match(candidates, packages)
>>> result.n_candidates == len(candidates)
True

The public names are listed once, in ``__init__.pyi`` beside this file: type checkers read it
as the package's interface, and this module reads it to load each name from its module on first
use, so ``import wbamatch`` stays light for a service (numpy, pydantic and scipy load with the
first name that needs them).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Any


def _public_names() -> dict[str, tuple[str, bool]]:
    """Name -> (module, whether the name is the module itself), from ``__init__.pyi``."""
    stub = ast.parse((Path(__file__).parent / "__init__.pyi").read_text(encoding="utf-8"))
    table: dict[str, tuple[str, bool]] = {}
    for node in stub.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                if node.module is None:  # from . import io as io: a public module
                    table[alias.name] = (alias.name, True)
                else:
                    table[alias.name] = (node.module, False)
    return table


_PUBLIC = _public_names()
__all__ = sorted([*_PUBLIC, "__version__"])


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~80 ms to import: only when asked
        from ._pipeline import library_version

        globals()[name] = library_version()
        return globals()[name]
    if name not in _PUBLIC:
        raise AttributeError(f"module 'wbamatch' has no attribute {name!r}")
    module, whole = _PUBLIC[name]
    loaded = importlib.import_module(f"{__name__}.{module}")
    value = loaded if whole else getattr(loaded, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
