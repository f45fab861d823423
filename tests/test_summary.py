"""The one-page summary for a department head: counts, words, one printed page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import wbamatch
from dutch import assert_dutch
from wbamatch._summary import PAGE_ROWS, DepartmentSummary, department_summary


@pytest.fixture(scope="module")
def demo() -> tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]:
    cands, packs = wbamatch.demo_data()
    return wbamatch.match(cands, packs), list(packs)


@pytest.fixture(scope="module")
def big() -> tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]:
    cands, packs = wbamatch.synthetic(300, 80, seed=4)
    return wbamatch.match(cands, packs), list(packs)


def test_counts_add_up(demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]) -> None:
    result, packs = demo
    s = department_summary(result, packs)
    assert s.lang == "nl"
    assert (s.candidates, s.placed, s.not_placed) == (
        result.n_candidates,
        len(result.assignments),
        len(result.unassigned),
    )
    assert s.open == sum(o.open for o in result.open_slots) and s.slots == result.n_slots
    assert sum(x.placements for x in s.organisations) == s.placed
    assert sum(x.placements for x in s.tracks) == s.placed
    assert sum(x.banen for x in s.organisations) == pytest.approx(result.banen)
    assert sum(x.banen for x in s.tracks) == pytest.approx(result.banen)
    assert sum(x.open for x in s.organisations) == s.open == sum(x.open for x in s.tracks)
    assert sum(r.candidates for r in s.reasons) == s.not_placed
    assert [cid for cid, _ in s.people] == sorted(u.candidate_id for u in result.unassigned)
    assert {o.package_id for o in s.open_places} == {o.package_id for o in result.open_slots}
    # Banen per organisation: most first, from Assignment.organisation.
    assert [x.banen for x in s.organisations] == sorted(
        (x.banen for x in s.organisations), reverse=True
    )
    assert {x.name for x in s.organisations} >= {
        a.organisation for a in result.assignments if a.organisation
    }
    assert s.tracks[0].name == "individuele plaatsing"


def test_open_places_count_for_their_organisation_with_the_packages(
    demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
) -> None:
    result, packs = demo
    by_id = {p.id: p for p in packs}
    with_packages = department_summary(result, packs)
    for o in with_packages.open_places:
        package = by_id[o.package_id]
        assert o.organisation == (package.organisation or package.employer)
        assert o.title == package.title
    # Dicts work as well as models.
    as_dicts = department_summary(result, [p.model_dump() for p in packs])
    assert as_dicts == with_packages
    with pytest.raises(wbamatch.InputError, match="packages"):
        department_summary(result, "p-001")  # type: ignore[arg-type]


def test_reasons_are_words_and_counted_not_listed_per_person(
    demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
) -> None:
    result, packs = demo
    s = department_summary(result, packs)
    codes = {r.code for u in result.unassigned for r in u.reasons}
    assert s.reasons and not {r.reason for r in s.reasons} & codes
    page = s.html()
    for code in codes:
        assert f">{code}<" not in page
    # Who has no place is listed; the reasons are not tied to a person on the page.
    for cid, _ in s.people:
        assert cid in page


def test_dutch_by_default_english_on_request(
    demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)
    result, packs = demo
    nl = department_summary(result, packs).html()
    en = department_summary(result, packs, lang="en").html()
    assert '<html lang="nl">' in nl and '<html lang="en">' in en
    assert "Samenvatting van de plaatsingen" in nl and "Summary of the placements" in en
    assert "Banen per organisatie" in nl and "Who has no place yet" in en
    text = re.sub(r"<style>.*?</style>", " ", nl, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    assert_dutch(text)
    banen = department_summary(result, packs).banen
    assert f"{banen:.2f}".replace(".", ",") in nl  # Dutch decimal comma
    assert f"{banen:.2f}" in en
    config = result.config.model_copy(update={"lang": "en"})
    assert department_summary(result.model_copy(update={"config": config})).lang == "en"


def test_names_for_print_while_the_result_stays_pseudonymous(
    demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
) -> None:
    result, packs = demo
    someone = result.unassigned[0].candidate_id
    s = department_summary(result, packs, names={someone: "Anna <de> Vries"})
    assert (someone, "Anna <de> Vries") in s.people
    page = s.html()
    assert "Anna &lt;de&gt; Vries" in page and "<de>" not in page  # escaped
    assert all(u.candidate_id for u in result.unassigned)  # the result is unchanged
    with pytest.raises(wbamatch.InputError, match="names"):
        department_summary(result, names=[("c-1", "x")])  # type: ignore[arg-type]


def test_long_lists_are_cut_for_one_page(
    big: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
) -> None:
    result, packs = big
    s = department_summary(result, packs)
    assert len(s.people) > PAGE_ROWS["people"] and len(s.organisations) > PAGE_ROWS["organisations"]
    page = s.html()
    assert page.count("<li>") <= PAGE_ROWS["people"]
    assert "zie de werkmap" in page
    assert "overige organisaties" in page
    assert "@page{size:A4" in page and "break-inside:avoid" in page
    assert "<script" not in page
    # The sheet keeps everything.
    sheet = s.sheet()
    flat = [str(v) for row in sheet.rows for v in row]
    assert all(cid in flat for cid, _ in s.people)


def test_to_html_writes_a_file_and_respects_overwrite(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    s = department_summary(result, packs)
    path = s.to_html(tmp_path / "samenvatting.html")
    assert path.read_text(encoding="utf-8") == s.html()
    with pytest.raises(FileExistsError):
        s.to_html(path, overwrite=False)
    assert s.to_html(path).exists()


def test_an_empty_result_still_reads(tmp_path: Path) -> None:
    far = wbamatch.Candidate.model_validate(
        {
            "id": "c-far",
            "hours": {"min": 40, "max": 40},
            "home": {"place": "Groningen"},
            "needs": {"travel_mode": "walk"},
        }
    )
    _, packs = wbamatch.demo_data()
    result = wbamatch.match([far], packs[:1])
    s = department_summary(result, packs[:1])
    assert s.placed == 0 and s.not_placed == 1
    assert isinstance(s, DepartmentSummary)
    # The open places still count for their organisation.
    [line] = s.organisations
    assert (line.name, line.placements, line.open) == ("Ministerie van IenW", 0, packs[0].slots)
    assert "Ministerie van IenW" in s.html()
    assert "Iedereen heeft een plek." not in s.html()


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="needs Chromium to print",
)
@pytest.mark.parametrize("named", [False, True])
def test_it_prints_on_one_page(
    tmp_path: Path, big: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]], named: bool
) -> None:
    result, packs = big
    names = {u.candidate_id: "Voornaam Achternaam" for u in result.unassigned} if named else None
    page = department_summary(result, packs, names=names).to_html(tmp_path / "s.html")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    pdf = tmp_path / "s.pdf"
    subprocess.run(
        [
            str(browser),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == 1
