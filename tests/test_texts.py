"""What people read: Dutch by default, English on request, plain words, no codes or jargon.

Every people-facing text of a result (summary, why, explanation, diagnosis, fairness report,
carve results, notebook views, the reasons column) is checked in both languages, for the three
ways to choose one: the ``lang`` argument, ``MatchConfig(lang=...)`` and ``WBAMATCH_LANG``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import wbamatch
from dutch import assert_dutch
from factories import cand_dict, pkg_dict
from wbamatch._diagnose import diagnose
from wbamatch._explain import SCORE_BANDS, package_name, score_band, score_words
from wbamatch._fairness import fairness_report
from wbamatch._jobcarving import carve, carve_team
from wbamatch._results import MATCH_COLUMNS, reason_words

#: Optimiser words and code-like fragments no text for people may hold, in either language.
JARGON = ("outcompeted", "solver", "[optimal]", "optimal", "group total", "component")
CODE_COUNT = re.compile(r"\b[a-z]+(?:[_:][a-z0-9_]+)+ \(\d+\)")  # education_unknown (3)
#: Scores and parts as raw fractions: "score 0.781", "skills 0.20".
NUMBERS = re.compile(r"\b0[.,]\d{3,}|\b[a-z]+ 0[.,]\d{2}\b")


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


def plain(text: str) -> None:
    """No optimiser jargon, no counted codes, no raw fractions."""
    lowered = text.lower()
    assert not [w for w in JARGON if w in lowered], text
    assert not CODE_COUNT.search(text), text
    assert not NUMBERS.search(text), text


def dutch(text: str) -> None:
    assert_dutch(text)
    plain(text)


#: Words that only a Dutch text has (package titles and employers in the demo data are Dutch
#: names, so "van" or "en" may stand in an English text).
DUTCH_ONLY = frozenset(
    {
        "de",
        "het",
        "een",
        "niet",
        "past",
        "passen",
        "kandidaat",
        "kandidaten",
        "pakket",
        "pakketten",
        "uur",
        "geplaatst",
        "taken",
    }
)
ENGLISH_WORDS = frozenset(
    {"the", "is", "and", "of", "candidate", "candidates", "package", "packages", "fits"}
)


def english(text: str) -> None:
    plain(text)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert not words & DUTCH_ONLY, (sorted(words & DUTCH_ONLY), text)
    assert words & ENGLISH_WORDS, text


# --------------------------------------------------------------------------------------------
# The artefacts, built once per language choice
# --------------------------------------------------------------------------------------------

TASKS = [
    {"id": "t-1", "description": "Post sorteren", "hours": 8, "tags": ["archiving"]},
    {"id": "t-2", "description": "Archief ordenen", "hours": 8, "tags": ["archiving"]},
    {"id": "t-3", "description": "Dossiers scannen", "hours": 6, "tags": ["scanning"]},
    {"id": "t-4", "description": "Zware dozen sjouwen", "hours": 8, "demands": {"lifting": 3}},
]
TERMS = {"employer": "Gemeente Utrecht", "location": {"place": "Utrecht"}}


def _texts(config: dict[str, Any] | None = None, lang: str | None = None) -> Iterator[str]:
    """Every text of every artefact, made with ``config`` and read with ``lang``."""
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs, config)
    yield result.summary(lang)
    for cid in ("c-001", "c-003", "c-007", "c-012"):
        yield result.why(cid).text(lang)
    yield wbamatch.explain(cands[0], packs[0], config).text(lang)
    yield wbamatch.explain(cands[0], packs[3], config).text(lang)
    yield diagnose(cands[1], packs[1], config, alternatives=packs).text(lang)
    yield fairness_report(result, cands).text(lang)
    person = cand_dict("c-1", capacities={"lifting": 1}, hours={"min": 8, "max": 24})
    yield carve(TASKS, person, config, terms=TERMS).text(lang)
    if config is None or lang is not None:
        # A carve that found nothing holds no explanation, so it does not know the config's
        # language (CarveResult has no lang of its own): only lang and WBAMATCH_LANG count.
        heavy = cand_dict("c-2", capacities={"lifting": 1}, hours={"min": 30, "max": 40})
        yield carve(TASKS, heavy, config, terms=TERMS).text(lang)
    yield carve_team(TASKS, [person, cand_dict("c-3")], config, terms=TERMS).text(lang)


def test_every_text_is_dutch_by_default() -> None:
    for text in _texts():
        dutch(text)


def test_every_text_is_english_on_request() -> None:
    for text in _texts(lang="en"):
        english(text)


def test_the_config_language_switches_the_default() -> None:
    for text in _texts({"lang": "en"}):
        english(text)
    for text in _texts({"lang": "en"}, lang="nl"):  # an explicit lang wins
        dutch(text)


def test_the_environment_switches_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    for text in _texts():
        english(text)
    for text in _texts({"lang": "nl"}):  # the config wins over the environment
        dutch(text)


def test_both_languages_say_the_same_in_their_own_words() -> None:
    for nl, en in zip(_texts(lang="nl"), _texts(lang="en"), strict=True):
        assert nl != en
        assert set(re.findall(r"\b[cpt]-\d+\b", nl)) == set(re.findall(r"\b[cpt]-\d+\b", en))
        assert re.findall(r"\d+%", nl) == re.findall(r"\d+%", en)


# --------------------------------------------------------------------------------------------
# Summary and scores
# --------------------------------------------------------------------------------------------


def test_summary_reads_like_a_sentence_with_dutch_numbers() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    assert result.summary() == (
        "10 van de 12 kandidaten geplaatst, samen 5,8 banen; 3 plekken blijven open."
    )
    assert result.summary("en") == (
        "10 of 12 candidates placed, 5.8 banen in all; 3 places stay open."
    )


def test_summary_of_one_and_of_nobody() -> None:
    one = wbamatch.match(
        [cand_dict("c-1", hours={"min": 16, "max": 32})],
        [pkg_dict("p-1", hours={"per_week": 25.5, "days": 5})],
    )
    assert one.summary() == "1 van de 1 kandidaat geplaatst, samen 1 baan; alle plekken zijn bezet."
    nobody = wbamatch.match([cand_dict("c-1", hours={"min": 36, "max": 40})], [pkg_dict()])
    text = nobody.summary()
    assert text.startswith("0 van de 1 kandidaat geplaatst, samen 0 banen; 1 plek blijft open.")
    assert "Niemand kan geplaatst worden" in text
    dutch(text)
    all_placed = wbamatch.match([cand_dict("c-1"), cand_dict("c-2")], [pkg_dict("p-1", slots=3)])
    assert all_placed.summary().startswith("Alle 2 kandidaten geplaatst")
    assert "2 plekken blijven open" not in all_placed.summary()


def test_score_bands() -> None:
    assert [b for _, b in SCORE_BANDS] == ["very_good", "good", "fair", "weak"]
    assert score_words(0.78, "nl") == "78% — past goed"
    assert score_words(0.78, "en") == "78% — fits well"
    assert score_words(0.9, "nl") == "90% — past heel goed"
    assert score_words(0.55, "nl") == "55% — past redelijk"
    assert score_words(0.3, "nl") == "30% — past matig"
    assert score_band(0.85) == "very_good" and score_band(0.8499) == "good"
    assert score_band(0.0) == "weak"


def test_package_names() -> None:
    assert package_name("p-1", "Baliemedewerker", "Gemeente Haarlem", "nl") == (
        "Baliemedewerker bij Gemeente Haarlem (p-1)"
    )
    assert package_name("p-1", "Baliemedewerker", "", "en") == "Baliemedewerker (p-1)"
    assert package_name("p-1", "", "Gemeente Haarlem", "nl") == "pakket p-1 bij Gemeente Haarlem"
    assert package_name("p-1", lang="en") == "package p-1"


# --------------------------------------------------------------------------------------------
# why(): placed, does not count, not placed, outcompeted, below the minimum, ruled out
# --------------------------------------------------------------------------------------------


def test_why_placed_names_the_job_the_score_and_what_adds_most() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    why = result.why("c-001")
    text = why.text()
    assert text.startswith(
        "Kandidaat c-001 is geplaatst: Archiefmedewerker bij Ministerie van IenW (p-001), "
        "20 uur per week. Score: 75% — past goed."
    )
    assert "Wat het meest bijdraagt: vaardigheden en soort contract." in text
    assert "Dit telt mee voor de Banenafspraak: 0,78 baan." in text
    dutch(text)
    english_text = why.text("en")
    assert "Candidate c-001 is placed: Archiefmedewerker at Ministerie van IenW (p-001)" in (
        english_text
    )
    assert "Score: 75% — fits well." in english_text and "skills" in english_text


def test_a_placement_that_does_not_count_says_why() -> None:
    not_registered = wbamatch.match([cand_dict("c-1", registered=False)], [pkg_dict()])
    text = not_registered.why("c-1").text()
    assert "Dit telt niet mee voor de Banenafspraak: de kandidaat staat niet in het " in text
    assert "doelgroepregister." in text
    dutch(text)
    zero = wbamatch.match([cand_dict("c-1")], [pkg_dict(contract={"type": "zero_hours"})])
    text = zero.why("c-1").text()
    assert "Dit telt niet mee voor de Banenafspraak: een nulurencontract telt niet mee." in text
    assert "a zero-hours contract does not count" in zero.why("c-1").text("en")
    dutch(text)
    both = wbamatch.match(
        [cand_dict("c-1", registered=False)], [pkg_dict(contract={"type": "agency"})]
    )
    text = both.why("c-1").text()
    assert "niet in het doelgroepregister, en een uitzendcontract telt ook niet mee" in text
    # Read back from JSON the record no longer knows which: it names both possibilities.
    again = wbamatch.MatchResult.model_validate_json(zero.model_dump_json())
    text = again.why("c-1").text()
    assert "of het contract telt niet mee" in text
    dutch(text)


def test_why_unplaced_names_three_reasons_the_closest_package_and_what_would_change() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    why = result.why("c-007")
    assert why.closest is not None and why.closest.blocked_by == "rules"
    text = why.text()
    assert text.startswith("Kandidaat c-007 is niet geplaatst. Geen enkel pakket past.")
    assert (
        "Wat het vaakst in de weg stond: reistijd te lang (7 pakketten), geen vaste structuur "
        "(5 pakketten) en uren passen niet (4 pakketten)."
    ) in text
    assert "opleiding niet bekend" not in text  # only the three that ruled out most
    assert "Het pakket dat het dichtst bij kwam, is Archiefmedewerker bij Ministerie van IenW" in (
        text
    )
    assert "zou het volgende moeten veranderen" in text
    for v in why.closest.violations:
        assert v.message_nl in text and v.mode == "hard"
    dutch(text)
    assert "The package that came closest is Archiefmedewerker at Ministerie van IenW" in (
        why.text("en")
    )


def test_the_closest_package_breaks_the_fewest_rules() -> None:
    person = cand_dict("c-1", capacities={"lifting": 1}, excluded_packages=["p-3"])
    packs = [
        pkg_dict(
            "p-1",
            title="Magazijnmedewerker",
            demands={"lifting": 3},
            hours={"per_week": 40, "days": 5},
        ),
        pkg_dict("p-2", title="Postkamer", demands={"lifting": 3}),
        pkg_dict("p-3", title="Archief"),  # breaks only the candidate's no: never "closest"
    ]
    result = wbamatch.match([person], packs)
    why = result.why("c-1")
    assert why.closest is not None
    assert why.closest.package_id == "p-2"  # one rule, where p-1 breaks two
    assert [v.code for v in why.closest.violations] == ["capacity:lifting"]
    text = why.text()
    assert "Postkamer bij Ministerie (p-2)" in text and "tillen en dragen" in text
    dutch(text)


def test_why_outcompeted_says_the_place_went_to_someone_who_fits_better() -> None:
    result = wbamatch.match(
        [cand_dict("c-1", skills=["archiving"]), cand_dict("c-2", skills=[])],
        [pkg_dict("p-1", title="Archiefmedewerker")],
    )
    why = result.why("c-2")
    assert why.closest is not None and why.closest.blocked_by == "outcompeted"
    text = why.text()
    assert "Kandidaat c-2 is niet geplaatst. 1 pakket past wel." in text
    assert "past, maar de plekken gingen naar mensen die beter passen (1 pakket)" in text
    assert "de plek ging naar iemand die er beter past: kandidaat c-1" in text
    assert "Daarvoor zou er een plek bij moeten komen." in text
    dutch(text)
    text = why.text("en")
    assert "fits, but the places went to people who fit better (1 package)" in text
    assert "the place went to someone who fits better: candidate c-1" in text
    english(text)


def test_why_below_the_minimum_and_ruled_out_by_a_recruiter() -> None:
    low = wbamatch.match([cand_dict("c-1")], [pkg_dict()], {"min_score": 0.99})
    why = low.why("c-1")
    assert why.closest is not None and why.closest.blocked_by == "below_min_score"
    text = why.text()
    assert "ligt onder de minimumscore van 99%" in text
    dutch(text)
    ruled = wbamatch.match(
        [cand_dict("c-1")],
        [pkg_dict()],
        {"forbidden": [{"candidate_id": "c-1", "package_id": "p-1"}]},
    )
    why = ruled.why("c-1")
    assert why.closest is not None and why.closest.blocked_by == "forbidden"
    text = why.text()
    assert "een recruiter heeft deze combinatie uitgesloten" in text
    dutch(text)


def test_why_of_a_decision_and_of_points_to_watch() -> None:
    cfg = {
        "pinned": [{"candidate_id": "c-1", "package_id": "p-1"}],
        "rules": {"stimulus": "penalty"},
    }
    result = wbamatch.match(
        [cand_dict("c-1", needs={"low_stimulus": True})], [pkg_dict(stimulus="high")], cfg
    )
    text = result.why("c-1").text()
    assert "Aandachtspunt: te veel prikkels." in text
    assert "Een recruiter heeft deze plaatsing vastgelegd." in text
    assert "Een recruiter heeft 1 plaatsing vastgelegd." in result.summary()
    dutch(text)
    assert "Point to watch: " in result.why("c-1").text("en")


def test_why_read_back_from_json_answers_from_the_stored_reasons() -> None:
    result = wbamatch.match(*wbamatch.demo_data(), {"lang": "en"})
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    why = again.why("c-007")
    assert why.closest is None
    assert why.text().startswith("Candidate c-007 is not placed.")  # the config's language
    dutch(why.text("nl"))


# --------------------------------------------------------------------------------------------
# Explanation, records, notebook views
# --------------------------------------------------------------------------------------------


def test_explanation_text() -> None:
    cands, packs = wbamatch.demo_data()
    fits = wbamatch.explain(cands[0], packs[0])
    assert fits.text() == "Kandidaat c-001 past bij pakket p-001. Score: 75% — past goed."
    assert fits.text("en") == "Candidate c-001 fits package p-001. Score: 75% — fits well."
    no = wbamatch.explain(cands[0], packs[3])
    text = no.text()
    assert text.startswith("Kandidaat c-001 past niet bij pakket p-004.")
    for v in no.violations:
        assert v.message_nl in text
    assert "Zonder deze bezwaren zou de score" in text
    dutch(text)
    soft = wbamatch.explain(
        cand_dict(needs={"low_stimulus": True}),
        pkg_dict(stimulus="high"),
        {"rules": {"stimulus": "penalty"}},
    )
    text = soft.text()
    assert "past bij pakket p-1, maar niet op alle punten" in text and "kost punten" in text
    dutch(text)


def test_records_keep_codes_apart_from_the_words() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    rows = result.to_records()
    assert list(rows[0]) == list(MATCH_COLUMNS) and MATCH_COLUMNS[-1] == "reason_codes"
    for u in result.unassigned:
        [row] = [r for r in rows if r["candidate_id"] == u.candidate_id]
        assert row["reason_codes"] == "; ".join(r.code for r in u.reasons)
        first = u.reasons[0]
        assert row["reasons"].startswith(f"{reason_words(first.code, 'nl')} ({first.packages} ")
        dutch(row["reasons"])
    english_rows = wbamatch.match(*wbamatch.demo_data(), {"lang": "en"}).to_records()
    assert [r["reason_codes"] for r in english_rows] == [r["reason_codes"] for r in rows]
    assert "packages)" in next(r["reasons"] for r in english_rows if r["reasons"])


def _visible(markup: str) -> str:
    return re.sub(r"<[^>]+>", " ", markup).replace("&#x27;", "'").replace("&amp;", "&")


VIEWS: dict[str, Callable[[dict[str, Any] | None], str]] = {
    "result": lambda cfg: wbamatch.match(*wbamatch.demo_data(), cfg)._repr_html_(),
    "why placed": lambda cfg: wbamatch.match(*wbamatch.demo_data(), cfg).why("c-001")._repr_html_(),
    "why unplaced": lambda cfg: (
        wbamatch.match(*wbamatch.demo_data(), cfg).why("c-007")._repr_html_()
    ),
    "explanation": lambda cfg: wbamatch.explain(
        *(lambda c, p: (c[0], p[3]))(*wbamatch.demo_data()), cfg
    )._repr_html_(),
    "diagnosis": lambda cfg: diagnose(
        *(lambda c, p: (c[1], p[1]))(*wbamatch.demo_data()),
        cfg,
        alternatives=wbamatch.demo_data()[1],
    )._repr_html_(),
    "fairness": lambda cfg: fairness_report(
        wbamatch.match(*wbamatch.demo_data(), cfg), wbamatch.demo_data()[0]
    )._repr_html_(),
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_notebook_views_speak_the_default_language(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    dutch(_visible(VIEWS[name](None)))
    english(_visible(VIEWS[name]({"lang": "en"})))
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    english(_visible(VIEWS[name](None)))


def test_carve_texts() -> None:
    person = cand_dict("c-1", capacities={"lifting": 1}, hours={"min": 8, "max": 24})
    result = carve(TASKS, person, terms=TERMS)
    text = result.text()
    assert text.startswith("Pakket p-c-1 voor kandidaat c-1: ")
    assert "Score: " in text and "uur per week" in text and "Banenafspraak" in text
    dutch(text)
    team = carve_team(TASKS, [person, cand_dict("c-3")], terms=TERMS)
    text = team.text()
    assert "van de 2 kandidaten krijgen een pakket" in text
    dutch(text)
    agency = carve(TASKS, person, terms={**TERMS, "contract": {"type": "agency"}})
    assert "een uitzendcontract telt niet mee" in agency.text()
    nothing = carve(TASKS[3:], person, terms=TERMS)
    text = nothing.text()
    assert text.startswith("Voor kandidaat c-1 is geen pakket te maken: ")
    assert "tillen en dragen" in text and "(bij 1 van de 1 taken)" in text
    dutch(text)
    english(nothing.text("en"))


def test_the_tables_say_why_a_placement_does_not_count(tmp_path: Path) -> None:
    import openpyxl

    both = wbamatch.match(
        [cand_dict("c-1", registered=False), cand_dict("c-2")],
        [pkg_dict("p-1", contract={"type": "agency"}, slots=2)],
    )
    by_id = {a.candidate_id: a for a in both.assignments}
    assert by_id["c-1"].not_counting == ["register", "contract"]
    assert by_id["c-2"].not_counting == ["contract"]
    counting = wbamatch.match([cand_dict("c-1")], [pkg_dict()])
    assert counting.assignments[0].not_counting == []
    page = _strip(both._repr_html_())
    assert "telt niet mee: niet in het doelgroepregister" in page
    assert (
        "telt niet mee: niet in het doelgroepregister en dit soort contract telt niet mee" in page
    )
    assert "does not count: not in the doelgroepregister" in _strip(
        both.model_copy(
            update={"config": both.config.model_copy(update={"lang": "en"})}
        )._repr_html_()
    )
    book = openpyxl.load_workbook(wbamatch.write_results(both, tmp_path / "r.xlsx"))
    notes = [row[-1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert notes == [
        "telt niet mee: niet in het doelgroepregister en dit soort contract telt niet mee",
        "telt niet mee: dit soort contract telt niet mee",
    ]
    # Read back from JSON, the placement still says which.
    again = wbamatch.MatchResult.model_validate_json(both.model_dump_json())
    assert "staat niet in het doelgroepregister" in again.why("c-1").text()


def _strip(page: str) -> str:
    """The text of an HTML view."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
