"""Regenerate ``docs/images/result_table.png``: the notebook view of the demo match.

Renders ``wbamatch.match(*wbamatch.demo_data())._repr_html_()`` (what Jupyter shows) in headless
Chromium and crops the page to the table. Without Chromium it draws the placements with
matplotlib instead. Run from the repository root::

    python scripts/make_screenshot.py            # or: --out other.png --lang en

Needs Chromium (``apt-get install chromium``) or matplotlib, and Pillow for the crop.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import wbamatch

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "result_table.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 16px; background: #fff; color: #222;
       font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 15px; }}
</style></head><body>{body}</body></html>"""


def demo_result(lang: str) -> wbamatch.MatchResult:
    candidates, packages = wbamatch.demo_data()
    return wbamatch.match(candidates, packages, wbamatch.MatchConfig(lang=lang))


def with_chromium(browser: str, html: str, out: Path) -> None:
    """Screenshot the page in a tall window, then crop the white space around the content."""
    from PIL import Image, ImageChops

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "result.html"
        page.write_text(PAGE.format(body=html), encoding="utf-8")
        shot = Path(tmp) / "shot.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=1500,3000",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        image = Image.open(shot).convert("RGB")
        box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
        if box is None:
            raise RuntimeError("the screenshot is empty")
        left, top, right, bottom = box
        image.crop((max(left - 16, 0), max(top - 16, 0), right + 16, bottom + 16)).save(
            out, optimize=True
        )


def with_matplotlib(result: wbamatch.MatchResult, out: Path) -> None:
    """The placements as a plain table, when no browser is at hand."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    head = ["candidate", "package", "title", "score", "hours", "banen"]
    rows = [
        [a.candidate_id, a.package_id, a.title, f"{a.score:.2f}", f"{a.hours:g}", f"{a.banen:.2f}"]
        for a in result.assignments
    ]
    fig, ax = plt.subplots(figsize=(10, 0.4 * (len(rows) + 2)))
    ax.axis("off")
    table = ax.table(cellText=rows, colLabels=head, loc="center", cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(10)
    table.auto_set_column_width(list(range(len(head))))
    fig.savefig(out, dpi=110, bbox_inches="tight")
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"image to write (default {OUT})")
    parser.add_argument("--lang", choices=["nl", "en"], default="nl", help="language (nl)")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = demo_result(args.lang)
    browser = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is not None:
        with_chromium(browser, result._repr_html_(), args.out)
    else:
        print("no Chromium found: drawing the table with matplotlib", file=sys.stderr)
        with_matplotlib(result, args.out)
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
