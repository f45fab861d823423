"""The message catalogue: every text in Dutch and English, the same keys and fields in both."""

from __future__ import annotations

import pytest

from wbamatch import InputError
from wbamatch._catalogue import (
    LANGS,
    Clock,
    Listing,
    Number,
    Percent,
    catalogue,
    fields,
    format_value,
    resolve_lang,
    term,
    text,
)
from wbamatch._vocabulary import (
    DIMENSIONS,
    ContractType,
    Education,
    ScheduleKind,
    Stimulus,
    TravelMode,
    WorkLocation,
)
from wbamatch.rules import REGISTRY


def test_both_languages_have_the_same_keys_and_fields() -> None:
    nl, en = catalogue("nl"), catalogue("en")
    assert set(nl) == set(en)
    for key in nl:
        assert nl[key].strip() and en[key].strip(), key
        assert fields(nl[key]) == fields(en[key]), key


def test_every_vocabulary_value_and_rule_has_words() -> None:
    for enum in (TravelMode, ScheduleKind, Stimulus, WorkLocation, ContractType, Education):
        for member in enum:
            for lang in LANGS:
                assert term(member, lang)
    for dim in DIMENSIONS:
        assert term(dim, "nl") and term(dim, "en")
    for rule in REGISTRY:
        assert rule.summary.nl and rule.summary.en
        for code in rule.codes:
            assert REGISTRY.reason(code, "nl") and REGISTRY.reason(code, "en")


def test_values_are_written_per_language() -> None:
    assert format_value(Number(7.5), "nl") == "7,5" and format_value(Number(7.5), "en") == "7.5"
    assert format_value(Number(16.0), "nl") == "16"
    assert format_value(Clock(9 * 60 + 30), "nl") == "09:30"
    assert format_value(Clock(24 * 60 + 30), "en") == "00:30"
    assert format_value(Percent(0.5), "nl") == "50%"
    assert format_value(Listing((Number(8), Number(4), Number(4))), "en") == "8, 4 and 4"
    assert text("rule.hours.reason", "nl") == "uren passen niet"


def test_the_language_defaults_to_dutch_and_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)
    assert resolve_lang() == "nl"
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert resolve_lang() == "en" and resolve_lang("nl") == "nl"
    monkeypatch.setenv("WBAMATCH_LANG", "de")
    with pytest.raises(InputError, match="WBAMATCH_LANG"):
        resolve_lang()
    with pytest.raises(InputError, match="lang"):
        resolve_lang("fr")
