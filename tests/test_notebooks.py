"""Every notebook in ``notebooks/`` runs top to bottom in a fresh kernel and shows its plots.

A failing cell fails the test. The notebooks are stored without outputs; they are executed
here on a copy, nothing is written back. The notebooks for recruiters, managers and event
organisers (:data:`DUTCH`) show people only plain Dutch: every output they print or display.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import pytest

from dutch import assert_dutch

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = {
    "01_recruiter_walkthrough.ipynb",
    "02_meet_and_greet.ipynb",
    "03_service_integration.ipynb",
    "04_jobcarving.ipynb",
    "06_over_time.ipynb",
    "05_doorstroom.ipynb",
}

#: Seconds a single cell may take.
CELL_TIMEOUT = 120

#: The notebooks for people, whose every output must be plain Dutch (no codes, no snake_case,
#: no English words), with the only exact strings each may show besides: file names the
#: library writes and that a reader has to find. Notebook 03 is for developers, in English.
DUTCH: dict[str, tuple[str, ...]] = {
    "01_recruiter_walkthrough.ipynb": (),
    "02_meet_and_greet.ipynb": ("schedule_by_package.csv", "schedule_by_candidate.csv"),
    "04_jobcarving.ipynb": (),
    "05_doorstroom.ipynb": (),
}

_STYLE = re.compile(r"<style\b.*?</style>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def test_the_notebooks_are_there() -> None:
    names = {path.name for path in NOTEBOOKS}
    assert names >= EXPECTED, f"missing notebooks: {sorted(EXPECTED - names)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: store notebooks with outputs cleared"
            )


def test_the_dutch_notebooks_are_there() -> None:
    assert set(DUTCH) <= EXPECTED


def _texts(nb: Any) -> list[tuple[int, str]]:
    """What people read in an executed notebook: (cell index, text) for every output.

    Stream text; the text of an HTML output, with its tags and style sheets stripped and its
    entities unescaped; the plain text of any other output, except a plot's (its image is what
    shows; its plain text is matplotlib's ``<Figure size ...>``).
    """
    found: list[tuple[int, str]] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "stream":
                found.append((index, out.text))
                continue
            data = out.get("data", {})
            if "text/html" in data:
                markup = _STYLE.sub(" ", data["text/html"])
                found.append((index, html.unescape(_TAG.sub(" ", markup))))
            elif "text/plain" in data and "image/png" not in data:
                found.append((index, data["text/plain"]))
    return found


def _not_dutch(nb: Any, allowed: tuple[str, ...]) -> list[str]:
    """Per output that is not plain Dutch, the cell and what is wrong."""
    failures = []
    for index, text in _texts(nb):
        for name in allowed:
            text = text.replace(name, " ")
        try:
            assert_dutch(text)
        except AssertionError as exc:
            failures.append(f"cell {index}: {exc}")
    return failures


def test_the_dutch_check_reads_every_output() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Markdown is not an output: the candidates."),
        nbformat.v4.new_code_cell(
            "",
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="12 candidates\n"),
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "text/html": "<style>.the { }</style><p title='and'>niet&nbsp;placed</p>",
                        "text/plain": "ignored: the html is read",
                    },
                ),
                nbformat.v4.new_output("execute_result", data={"text/plain": "['no_growth']"}),
                nbformat.v4.new_output(
                    "display_data",
                    data={"image/png": "", "text/plain": "<Figure size 640x480 with 1 Axes>"},
                ),
                nbformat.v4.new_output("stream", name="stdout", text="Zie schedule_by_package.csv"),
            ],
        ),
    ]
    failures = _not_dutch(nb, ("schedule_by_package.csv",))
    assert len(failures) == 3
    assert "'candidates'" in failures[0]
    assert "'placed'" in failures[1] and "'the'" not in failures[1] and "'and'" not in failures[1]
    assert "no_growth" in failures[2]


def _listing() -> set[str]:
    return {p.name for p in NOTEBOOKS_DIR.iterdir()}


def _kernel_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits this process's environment: make the source tree importable for
    # runs without `pip install -e .`, and keep matplotlib headless.
    src = str(ROOT / "src")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (src, path) if p))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # The library's texts in their default language, Dutch, whatever this shell chose.
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


@pytest.mark.parametrize(
    "path",
    NOTEBOOKS or [pytest.param(None, id="no-notebooks")],
    ids=[p.stem for p in NOTEBOOKS] or None,
)
def test_notebook_runs_and_shows_its_plots(
    path: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert path is not None, f"no notebooks in {NOTEBOOKS_DIR}"
    before = _listing()
    _kernel_env(monkeypatch)
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    plots = any("plot_" in cell.source for cell in nb.cells if cell.cell_type == "code")
    images = sum("image/png" in o.get("data", {}) for o in outputs)
    if plots:
        assert images >= 1, f"{path.name} plots but showed no image"
    # Files a notebook writes go to a temporary folder, never next to the notebooks.
    assert _listing() == before, "a notebook left files in notebooks/"
    if path.name in DUTCH:
        failures = _not_dutch(nb, DUTCH[path.name])
        assert not failures, f"{path.name} shows people more than plain Dutch:\n" + "\n".join(
            failures
        )
