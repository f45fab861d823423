"""Every notebook in ``notebooks/`` runs top to bottom in a fresh kernel and shows its plots.

A failing cell fails the test. The notebooks are stored without outputs; they are executed
here on a copy, nothing is written back.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
}

#: Seconds a single cell may take.
CELL_TIMEOUT = 120


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


def _listing() -> set[str]:
    return {p.name for p in NOTEBOOKS_DIR.iterdir()}


def _kernel_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits this process's environment: make the source tree importable for
    # runs without `pip install -e .`, and keep matplotlib headless.
    src = str(ROOT / "src")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (src, path) if p))
    monkeypatch.setenv("MPLBACKEND", "Agg")


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
