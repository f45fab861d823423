"""The public surface: every exported name exists, imports are light, layers point one way."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import wbamatch

SRC = Path(wbamatch.__file__).parent

#: The pipeline, lowest first. A module may import only from modules before it in this list.
LAYERS = [
    "_files",
    "_gc",
    "_allocator",
    "_parallel",
    "_progress",
    "_topk",
    "_exceptions",
    "_limits",
    "_catalogue",
    "_cellerror",
    "_jsonfile",
    "_cells",
    "_vocabulary",
    "_html",
    "_models",
    "_canonical",
    "_pseudonymise",
    "_settings",
    "_validation",
    "_commute",
    "_encode",
    "rules",
    "_config",
    "_constraints",
    "_scoring",
    "_compatibility",
    "_assignment",
    "_explain",
    "_results",
    "_pipeline",
    "_synthetic",
    "_demo",
    "_api",
    "audit",
    "_shortlist",
    "_meetgreet",
    "_overtime",
    "_fairness",
    "plots",
    "_summary",
    "io",
    "_jobcarving",
    "_diagnose",
    "__init__",
    "_cli",
    "__main__",
]


def test_all_names_exist_and_are_sorted() -> None:
    for name in wbamatch.__all__:
        assert hasattr(wbamatch, name), name
    assert len(set(wbamatch.__all__)) == len(wbamatch.__all__)


def test_every_module_is_placed_in_a_layer() -> None:
    modules = {p.stem for p in SRC.glob("*.py")} | {
        p.name for p in SRC.iterdir() if (p / "__init__.py").exists()
    }
    assert modules <= set(LAYERS), modules - set(LAYERS)


#: Imports inside a function that point up the pipeline, each with its reason: none. (MatchConfig
#: checks rule names against the rule registry; it sits above the rules, which read only the
#: settings of _settings.)
LAZY_UPWARD: set[tuple[str, str]] = set()


def _imports(path: Path, package: list[str] | None = None) -> list[tuple[str, bool]]:
    """(top-level module of wbamatch, inside a function) for every import in ``path``.

    Every form counts: ``from .x import y``, ``from . import x``, ``from ..x import y`` in a
    subpackage, ``from wbamatch.x import y``, ``import wbamatch.x`` and ``from wbamatch import
    x``. An import within the file's own subpackage names that subpackage.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = ["wbamatch", *path.relative_to(SRC).parent.parts]
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.update(id(n) for n in ast.walk(node) if n is not node)
    out: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        names: list[list[str]] = []
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            names = [[*module, alias.name] for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        for full in names:
            if full[0] == "wbamatch" and len(full) > 1:
                out.append((full[1], id(node) in nested))
    return out


#: What must never import what, beyond the layer order: results are data and know no solver.
NEVER = {"_results": {"_assignment", "_compatibility", "_pipeline", "_api"}}


def test_imports_point_down_the_pipeline() -> None:
    rank = {name: k for k, name in enumerate(LAYERS)}
    checked = 0
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        layer = parts[0] if len(parts) > 1 else path.stem  # a subpackage's modules: its layer
        for target, lazy in _imports(path):
            checked += 1
            if target == layer or (lazy and (layer, target) in LAZY_UPWARD):
                continue
            assert target in rank, f"{path.name} imports wbamatch.{target}, which has no layer"
            assert rank[target] < rank[layer], f"{path.name} ({layer}) imports {target} (upward)"
            assert target not in NEVER.get(layer, set()), f"{path.name} imports {target}"
    assert checked > 100  # the parser sees the imports


def test_the_import_parser_sees_every_form(tmp_path: Path) -> None:
    sample = tmp_path / "_sample.py"
    sample.write_text(
        "from .._results import MatchResult\n"
        "from . import _solve\n"
        "from wbamatch._api import match\n"
        "import wbamatch._limits\n"
        "from wbamatch import io\n"
        "def f():\n"
        "    from .._cli import main\n",
        encoding="utf-8",
    )
    found = _imports(sample, ["wbamatch", "_pipeline"])  # as if it were in wbamatch/_pipeline/
    assert sorted(found) == [
        ("_api", False),
        ("_cli", True),
        ("_limits", False),
        ("_pipeline", False),
        ("_results", False),
        ("io", False),
    ]


def test_import_is_light_and_has_no_side_effects() -> None:
    code = (
        "import sys, wbamatch\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'sklearn', 'openpyxl', 'tqdm', "
        "'scipy.optimize') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert out.stderr == ""


def test_version_is_set() -> None:
    assert isinstance(wbamatch.__version__, str) and wbamatch.__version__


def test_errors_subclass_builtins() -> None:
    assert issubclass(wbamatch.InputError, ValueError)
    assert issubclass(wbamatch.DuplicateIdError, wbamatch.InputError)
    assert issubclass(wbamatch.UnknownIdError, LookupError)
    assert issubclass(wbamatch.UnknownPlaceError, wbamatch.WbamatchError)


def test_lazy_names_resolve_to_the_function_not_the_module() -> None:
    import importlib
    import types

    for module in LAYERS:
        if not module.startswith("_") and module not in ("cli", "__main__"):
            importlib.import_module(f"wbamatch.{module}")
    submodules = {"audit", "io", "plots", "rules"}
    for name in wbamatch.__all__:
        value = getattr(wbamatch, name)
        assert isinstance(value, types.ModuleType) == (name in submodules), name


def test_no_public_name_shares_a_module_name() -> None:
    # Implementation modules are private (_name.py), so wbamatch.explain is the function
    # whatever was imported first; only the public subpackages and modules are modules.
    modules = {p.stem for p in SRC.glob("*.py")} | {
        p.name for p in SRC.iterdir() if (p / "__init__.py").exists()
    }
    public_modules = {"audit", "io", "plots", "rules"}
    assert {m for m in modules if not m.startswith("_")} == public_modules
    for name in wbamatch.__all__:
        if name in public_modules:
            assert isinstance(getattr(wbamatch, name), types.ModuleType), name
        else:
            assert not isinstance(getattr(wbamatch, name), types.ModuleType), name


def test_submodules_imported_first_leave_the_functions_in_place() -> None:
    names = ("compatibility", "diagnose", "explain", "pseudonymise", "shortlist", "synthetic")
    code = (
        "import importlib, pkgutil, types, wbamatch\n"
        "for m in pkgutil.iter_modules(wbamatch.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('wbamatch.' + m.name)\n"
        f"print([n for n in {names!r} if isinstance(getattr(wbamatch, n), types.ModuleType)])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_stub_is_the_one_table_of_names() -> None:
    # __init__.pyi lists each public name once, sorted within its import, and nothing else
    # in the package lists them (no second table to keep in step).
    stub = ast.parse((SRC / "__init__.pyi").read_text(encoding="utf-8"))
    imported = [
        alias.name for node in stub.body if isinstance(node, ast.ImportFrom) for alias in node.names
    ]
    assert len(imported) == len(set(imported))
    for node in stub.body:
        if isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            assert names == sorted(names), node.module
            assert all(alias.asname == alias.name for alias in node.names)  # re-exported
    assert sorted([*imported, "__version__"]) == wbamatch.__all__
    init = (SRC / "__init__.py").read_text(encoding="utf-8")
    assert not [n for n in imported if f'"{n}"' in init]


def test_plain_import_loads_no_numerics() -> None:
    # A service that only imports the package (to catch its errors, say) pays for nothing else.
    code = (
        "import sys, wbamatch\n"
        "print([m for m in ('numpy', 'pydantic', 'scipy') if m in sys.modules])\n"
        "wbamatch.match\n"
        "print(all(m in sys.modules for m in ('numpy', 'pydantic')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True"]


def test_heavy_parts_load_on_first_use() -> None:
    code = (
        "import sys, wbamatch\n"
        "before = [m for m in ('wbamatch._jobcarving', 'wbamatch.io', 'wbamatch.plots') "
        "if m in sys.modules]\n"
        "wbamatch.carve\n"
        "print(before, 'wbamatch._jobcarving' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"


def _module_imports(path: Path, modules: set[str]) -> set[str]:
    """The wbamatch modules (dotted, files or packages) that ``path`` imports, at any depth:
    for ``from x import y``, module ``x.y`` when it is one, else ``x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["wbamatch", *path.relative_to(SRC).parent.parts]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            for alias in node.names:
                sub = ".".join([*module, alias.name])
                out.add(sub if sub in modules else ".".join(module))
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_no_import_circles_between_files() -> None:
    # Not even type-only ones, and not inside a subpackage: a circle means two modules that
    # cannot be read (or moved) apart.
    files: dict[str, Path] = {}
    for path in SRC.rglob("*.py"):
        parts = ["wbamatch", *path.relative_to(SRC).with_suffix("").parts]
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {
        name: {t for t in _module_imports(path, set(files)) if t in files and t != name}
        for name, path in files.items()
    }
    # A package's __init__ importing its own modules is how it exports them; a module importing
    # its own package (``from . import x``) would close the circle, and that is what is checked.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circle = stack[stack.index(target) :]
                raise AssertionError("import circle: " + " -> ".join([*circle, target]))
            if target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert len(graph) > 100
