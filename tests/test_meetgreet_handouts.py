"""Meet & Greet handouts: the printed pages for the organiser, managers and candidates, and CSV.

What is checked: Dutch by default and English on request; clock times from the start, the
round length and the breaks; tables and names; candidates never see a score or that a condition
is not met; managers never read which condition; the HTML is well-formed and escaped.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import wbamatch
from dutch import assert_dutch
from factories import cand, pkg
from wbamatch import Candidate, InputError, MatchConfig, TaskPackage
from wbamatch._catalogue import text
from wbamatch._meetgreet import (
    CSV_CANDIDATE_COLUMNS,
    CSV_PACKAGE_COLUMNS,
    MeetGreetPlan,
    Meeting,
    plan_meet_and_greet,
)
from wbamatch._results import reason_words
from wbamatch._vocabulary import DIMENSIONS
from wbamatch.rules import REGISTRY

EVIL = '<img src=x onerror="alert(1)">&amp;'

#: What a score could look like on paper: 0.78, 0,78, 78%, or the word itself.
SCORE_LIKE = re.compile(r"\b[01][.,]\d+\b|\d\s?%|\bscore", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


# ---------------------------------------------------------------------------------------------
# Reading a page back
# ---------------------------------------------------------------------------------------------
@dataclass
class Section:
    heading: str = ""
    lines: list[str] = field(default_factory=list)  # paragraphs and sub-headings
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cells, header first

    @property
    def text(self) -> str:
        rows = [" | ".join(row) for table in self.tables for row in table]
        return "\n".join([self.heading, *self.lines, *rows])

    def table(self, first: str) -> list[dict[str, str]]:
        """The rows of the table whose header starts with ``first``, as dicts by column."""
        found = [t for t in self.tables if t and t[0][:1] == [first]]
        assert len(found) == 1, f"{len(found)} tables start with {first!r} in {self.heading!r}"
        header, *rows = found[0]
        return [dict(zip(header, row, strict=True)) for row in rows]

    def header(self, first: str) -> list[str]:
        (found,) = [t for t in self.tables if t and t[0][:1] == [first]]
        return found[0]


class Page(HTMLParser):
    """Parses a handout strictly: known tags only, balanced, text collected per section."""

    TAGS = frozenset(
        {"html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3", "p"}
        | {"table", "thead", "tbody", "tr", "th", "td"}
    )
    VOID = frozenset({"meta"})

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.sections: list[Section] = []
        self.stack: list[str] = []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.buffer: list[str] = []
        self.feed(markup)
        self.close()
        assert not self.stack, f"unclosed tags {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.TAGS, f"unexpected <{tag}>"
        for name, _ in attrs:
            assert name in ("lang", "charset", "class", "name", "content"), name
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "section":
            assert "section" not in self.stack, "nested section"
            self.sections.append(Section())
        if tag == "table":
            self.sections[-1].tables.append([])
        if tag == "tr":
            self.row = []
        if tag in ("td", "th"):
            self.cell = []
        if tag in ("h1", "h2", "h3", "p", "title"):
            self.buffer = []
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"
        words = " ".join("".join(self.buffer).split())
        if tag == "title":
            self.title = words
        elif tag in ("h1", "h2") and self.sections:
            self.sections[-1].heading = words
        elif tag in ("h3", "p") and self.sections and "td" not in self.stack:
            self.sections[-1].lines.append(words)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.sections[-1].tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if "style" in self.stack:
            return
        assert self.sections or self.stack[-1:] == ["title"] or not data.strip(), data
        self.buffer.append(data)
        if self.cell is not None:
            self.cell.append(data)

    @property
    def cover(self) -> Section:
        return self.sections[0]

    def section(self, heading: str) -> Section:
        found = [s for s in self.sections if s.heading == heading]
        assert len(found) == 1, (heading, [s.heading for s in self.sections])
        return found[0]

    @property
    def text(self) -> str:
        return "\n".join([self.title, *(s.text for s in self.sections)])


def visible(markup: str) -> str:
    """The text of a notebook view."""

    class Words(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Words()
    parser.feed(markup)
    parser.close()
    return " ".join(parser.parts)


def write(plan: MeetGreetPlan, tmp_path: Path, **options: Any) -> tuple[str, Page]:
    markup = plan.to_html(tmp_path / "rooster.html", **options).read_text(encoding="utf-8")
    return markup, Page(markup)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def manager_heading(m: Meeting, lang: str = "nl") -> str:
    return text("meetgreet.manager.heading", lang, title=m.title)


def candidate_heading(name: str, lang: str = "nl") -> str:
    return text("meetgreet.candidate.heading", lang, name=name)


Demo = tuple[list[Candidate], list[TaskPackage]]


@pytest.fixture(scope="module")
def demo() -> Demo:
    return wbamatch.demo_data()


@pytest.fixture(scope="module")
def plan(demo: Demo) -> MeetGreetPlan:
    out = plan_meet_and_greet(*demo, rounds=3, per_candidate=2, per_package=3, near_misses=True)
    assert any(m.near_miss for m in out.meetings) and any(not m.near_miss for m in out.meetings)
    assert out.candidates_without_meeting
    return out


def needs_plan() -> MeetGreetPlan:
    """Near misses on needs (jobcoach, structure): what a manager must never read."""
    cands = [
        cand("c-1", needs={"jobcoach": True}, capacities={DIMENSIONS[0]: 1}),
        cand("c-2", needs={"structure": True}),
    ]
    packs = [
        pkg("p-1", title="Archiefmedewerker", offers={"jobcoach": False}),
        pkg("p-2", title="Postbezorger", offers={"structure": False}),
    ]
    plan = plan_meet_and_greet(cands, packs, 2, 2, 2, near_misses=True)
    assert {m.near_miss for m in plan.meetings} >= {"jobcoach", "structure"}
    return plan


# ---------------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------------
def test_pages_are_dutch_by_default(plan: MeetGreetPlan, tmp_path: Path) -> None:
    _, page = write(plan, tmp_path)
    assert page.lang == "nl"
    assert page.title == "Meet & Greet: gespreksrooster"
    assert page.cover.heading == "Meet & Greet: overzicht voor de organisator"
    assert_dutch(page.text)
    first = plan.by_package()["p-001"][0]
    manager = page.section(manager_heading(first))
    assert "Uw tafel: Tafel 1" in manager.lines
    assert f"Werkgever: {first.employer}" in manager.lines and "Taakpakket: p-001" in manager.lines
    assert manager.header("Ronde") == ["Ronde", "Tijd", "Kandidaat", "Let op"]
    candidate = page.section(candidate_heading("c-001"))
    assert candidate.header("Ronde") == ["Ronde", "Tijd", "Tafel", "Functie", "Werkgever"]
    assert candidate.lines[0].startswith("Welkom bij de Meet & Greet. U heeft 1 gesprek.")


def test_pages_in_english_on_request(plan: MeetGreetPlan, tmp_path: Path) -> None:
    _, page = write(plan, tmp_path, lang="en")
    assert page.lang == "en"
    assert page.cover.heading == "Meet & Greet: overview for the organiser"
    manager = page.section(manager_heading(plan.by_package()["p-001"][0], "en"))
    assert "Your table: Table 1" in manager.lines
    assert manager.header("Round") == ["Round", "Time", "Candidate", "Note"]
    assert "gesprek" not in page.text.lower() and "tafel" not in page.text.lower()


def test_the_language_follows_the_config_then_the_environment(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = plan_meet_and_greet(*demo, 2, 1, 2, config=MatchConfig(lang="en"))
    assert write(english, tmp_path)[1].lang == "en"
    assert write(english, tmp_path, lang="nl")[1].lang == "nl"  # explicit wins
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    plain = plan_meet_and_greet(*demo, 2, 1, 2)
    assert write(plain, tmp_path)[1].lang == "en"
    with pytest.raises(InputError, match="lang"):
        plain.to_html(tmp_path / "x.html", lang="de")


def test_pluralised_counts(demo: Demo, tmp_path: Path) -> None:
    plan = plan_meet_and_greet(*demo, 1, 1, 1)
    _, page = write(plan, tmp_path, round_minutes=1)
    assert "1 ronde" in page.cover.lines[0] and "1 minuut" in page.text
    assert "1 gesprek." in page.section(manager_heading(plan.meetings[0])).text


# ---------------------------------------------------------------------------------------------
# Clock times and tables
# ---------------------------------------------------------------------------------------------
def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


@pytest.mark.parametrize(
    ("start", "length", "pause"),
    [("09:30", 20, 0), ("10:00", 15, 5), ("8.05", 25, 10), (time(13, 45), 7, 3)],
)
def test_clock_times_follow_start_round_length_and_breaks(
    plan: MeetGreetPlan, tmp_path: Path, start: Any, length: int, pause: int
) -> None:
    base = (
        start.hour * 60 + start.minute
        if isinstance(start, time)
        else minutes(start.replace(".", ":"))
    )
    options = {"event_start": start, "round_minutes": length, "break_minutes": pause}

    def expected(r: int) -> str:
        begin = base + (r - 1) * (length + pause)
        end = begin + length
        return f"{begin // 60:02d}:{begin % 60:02d}–{end // 60:02d}:{end % 60:02d}"

    _, page = write(plan, tmp_path, **options)
    rounds = page.cover.table("Ronde")
    assert [(int(r["Ronde"]), r["Tijd"]) for r in rounds] == [
        (r, expected(r)) for r in range(1, plan.rounds_used + 1)
    ]
    for pid, meetings in plan.by_package().items():
        rows = page.section(manager_heading(meetings[0])).table("Ronde")
        assert [r["Tijd"] for r in rows] == [expected(r) for r in range(1, plan.rounds_used + 1)]
        for m in meetings:
            assert rows[m.round - 1]["Kandidaat"] == m.candidate_id, pid
    for cid, meetings in plan.by_candidate().items():
        rows = page.section(candidate_heading(cid)).table("Ronde")
        assert [r["Tijd"] for r in rows] == [expected(m.round) for m in meetings]
    # The CSV files say the same.
    by_package, by_candidate = plan.to_csv(tmp_path / "csv", **options)
    for row in [*read_csv(by_package), *read_csv(by_candidate)]:
        assert f"{row['start']}–{row['end']}" == expected(int(row["round"]))
    last = base + plan.rounds_used * length + (plan.rounds_used - 1) * pause
    assert page.cover.lines[1].endswith(
        f"tot {last // 60:02d}:{last % 60:02d}. Een ronde duurt {length} minuten."
    )
    assert any("pauze" in line for line in page.cover.lines) == bool(pause)


def test_a_manager_sees_every_round_and_a_free_one_says_so(
    plan: MeetGreetPlan, tmp_path: Path
) -> None:
    _, page = write(plan, tmp_path)
    for meetings in plan.by_package().values():
        rows = page.section(manager_heading(meetings[0])).table("Ronde")
        assert len(rows) == plan.rounds_used
        busy = {m.round for m in meetings}
        for r, row in enumerate(rows, start=1):
            assert (row["Kandidaat"] == "geen gesprek") == (r not in busy)


def test_without_clock_times_the_rounds_are_numbered(plan: MeetGreetPlan, tmp_path: Path) -> None:
    _, page = write(plan, tmp_path, event_start=None)
    assert "Er zijn geen tijden opgegeven; de rondes zijn genummerd." in page.cover.lines
    assert not re.search(r"\d:\d\d", page.text)
    candidate = page.section(candidate_heading("c-001"))
    assert candidate.header("Ronde") == ["Ronde", "Tafel", "Functie", "Werkgever"]
    by_package, _ = plan.to_csv(tmp_path, event_start=None)
    assert {(r["start"], r["end"]) for r in read_csv(by_package)} == {("", "")}


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"event_start": "25:00"}, "event_start"),
        ({"event_start": "9"}, "event_start"),
        ({"event_start": 930}, "event_start"),
        ({"event_start": "09:3"}, "event_start"),
        ({"round_minutes": 0}, "round_minutes"),
        ({"round_minutes": 12.5}, "round_minutes"),
        ({"round_minutes": True}, "round_minutes"),
        ({"break_minutes": -1}, "break_minutes"),
        ({"event_start": "23:00", "round_minutes": 30}, "midnight"),
        ({"tables": ["Tafel 1"]}, "tables"),
        ({"tables": {"p-001": "A"}}, "no table for 7 package"),
        ({"names": {"c-001": 3}}, "names"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    plan: MeetGreetPlan, tmp_path: Path, options: dict[str, Any], match: str
) -> None:
    with pytest.raises(InputError, match=match):
        plan.to_html(tmp_path / "x.html", **options)
    with pytest.raises(InputError, match=match):
        plan.to_csv(tmp_path / "csv", **options)
    assert list(tmp_path.iterdir()) == []


def test_default_tables_are_numbered_in_package_id_order(
    plan: MeetGreetPlan, tmp_path: Path
) -> None:
    _, page = write(plan, tmp_path)
    grid = page.cover.table("Tafel")
    packages = list(plan.by_package())
    assert [(r["Tafel"], r["Taakpakket"]) for r in grid] == [
        (f"Tafel {k}", pid) for k, pid in enumerate(packages, start=1)
    ]
    english = write(plan, tmp_path, lang="en")[1].cover.table("Table")
    assert [r["Table"] for r in english] == [f"Table {k}" for k in range(1, len(packages) + 1)]
    # A candidate goes to the table of the package they meet.
    table_of = {pid: f"Tafel {k}" for k, pid in enumerate(packages, start=1)}
    for cid, meetings in plan.by_candidate().items():
        rows = page.section(candidate_heading(cid)).table("Ronde")
        assert [r["Tafel"] for r in rows] == [table_of[m.package_id] for m in meetings]
        assert [r["Functie"] for r in rows] == [m.title for m in meetings]
        assert [r["Werkgever"] for r in rows] == [m.employer for m in meetings]


def test_tables_given_are_used_and_may_be_shared_only_in_different_rounds(
    tmp_path: Path,
) -> None:
    packs = [pkg("p-1", title="Archiefmedewerker"), pkg("p-2", title="Postbezorger")]
    plan = plan_meet_and_greet([cand("c-1")], packs, 2, 2, 1)
    assert sorted(m.round for m in plan.meetings) == [1, 2]
    _, page = write(plan, tmp_path, tables={"p-1": "Zaal A", "p-2": "Zaal A", "p-9": "x"})
    assert {r["Tafel"] for r in page.cover.table("Tafel")} == {"Zaal A"}
    assert "Uw tafel: Zaal A" in page.section("Uw gesprekken: Postbezorger").lines
    two = plan_meet_and_greet([cand("c-1"), cand("c-2")], packs, 1, 1, 1)
    assert [m.round for m in two.meetings] == [1, 1]
    with pytest.raises(InputError, match="both have table 'Zaal A' in round 1"):
        two.to_html(tmp_path / "y.html", tables={"p-1": "Zaal A", "p-2": "Zaal A"})


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------
def test_names_are_shown_and_ids_kept_where_there_is_none(
    plan: MeetGreetPlan, tmp_path: Path
) -> None:
    named = plan.meetings[0].candidate_id
    names = {named: "Anna de Vries", "c-001": "   ", "nobody": "Niemand"}
    _, page = write(plan, tmp_path, names=names)
    assert candidate_heading("Anna de Vries") in [s.heading for s in page.sections]
    assert candidate_heading(named) not in [s.heading for s in page.sections]
    assert candidate_heading("c-001") in [s.heading for s in page.sections]  # blank: the id
    for meetings in plan.by_package().values():
        rows = page.section(manager_heading(meetings[0])).table("Ronde")
        for m in meetings:
            shown = "Anna de Vries" if m.candidate_id == named else m.candidate_id
            assert rows[m.round - 1]["Kandidaat"] == shown
    assert "Niemand" not in page.text
    by_package, by_candidate = plan.to_csv(tmp_path, names=names)
    for row in [*read_csv(by_package), *read_csv(by_candidate)]:
        assert row["candidate_name"] == ("Anna de Vries" if row["candidate_id"] == named else "")


def test_candidates_without_a_conversation_are_on_the_cover(
    plan: MeetGreetPlan, tmp_path: Path
) -> None:
    lonely = plan.candidates_without_meeting[0]
    _, page = write(plan, tmp_path, names={lonely: "Bram"})
    assert any(
        line.startswith("Kandidaten zonder gesprek:") and "Bram" in line
        for line in page.cover.lines
    )
    assert candidate_heading("Bram") not in [s.heading for s in page.sections]


# ---------------------------------------------------------------------------------------------
# What people must not read
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_candidates_never_see_scores_or_near_misses(
    plan: MeetGreetPlan, tmp_path: Path, lang: str
) -> None:
    markup, page = write(plan, tmp_path, lang=lang)
    candidate_pages = [page.section(candidate_heading(cid, lang)) for cid in plan.by_candidate()]
    assert candidate_pages
    for section in candidate_pages:
        assert not SCORE_LIKE.search(section.text), section.text
        lowered = section.text.lower()
        for word in ("near miss", "bijna", "voorwaarde", "condition", "recruiter kan", "explain"):
            assert word not in lowered, (word, section.heading)
    assert 1 + len(plan.by_package()) + len(plan.by_candidate()) == markup.count("<section>")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_nobody_reads_a_score_on_paper(plan: MeetGreetPlan, tmp_path: Path, lang: str) -> None:
    _, page = write(plan, tmp_path, lang=lang)
    assert not SCORE_LIKE.search(page.text), SCORE_LIKE.search(page.text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_managers_read_that_a_condition_is_not_met_never_which(tmp_path: Path, lang: str) -> None:
    plan = needs_plan()
    markup, page = write(plan, tmp_path, lang=lang)
    not_met = text("meetgreet.not_met", lang)
    for pid, meetings in plan.by_package().items():
        rows = page.section(manager_heading(meetings[0], lang)).table(
            text("meetgreet.column.round", lang)
        )
        note = text("meetgreet.column.note", lang)
        for m in meetings:
            assert rows[m.round - 1][note] == (not_met if m.near_miss else ""), pid
    lowered = page.text.lower()
    for m in plan.meetings:
        if m.near_miss:
            for other in ("nl", "en"):
                assert reason_words(m.near_miss, other).lower() not in lowered
            assert m.near_miss not in lowered
    for word in ("jobcoach", "structuur", "structure", "begeleiding", "near miss", "bijna"):
        assert word not in lowered, word
    assert "jobcoach" not in markup.lower()


def test_the_near_miss_column_never_names_the_rule(tmp_path: Path) -> None:
    plan = needs_plan()
    by_package, by_candidate = plan.to_csv(tmp_path)
    rows = read_csv(by_package)
    flags = {(r["candidate_id"], r["package_id"]): r["near_miss"] for r in rows}
    assert flags == {
        (m.candidate_id, m.package_id): ("yes" if m.near_miss else "") for m in plan.meetings
    }
    assert list(rows[0]) == list(CSV_PACKAGE_COLUMNS)
    # The candidates' file holds what their handout holds: no score, no near-miss flag.
    candidate_rows = read_csv(by_candidate)
    assert list(candidate_rows[0]) == list(CSV_CANDIDATE_COLUMNS)
    assert "score" not in CSV_CANDIDATE_COLUMNS and "near_miss" not in CSV_CANDIDATE_COLUMNS
    everything = by_package.read_text(encoding="utf-8") + by_candidate.read_text(encoding="utf-8")
    for code in REGISTRY.codes:
        assert code not in everything.replace("near_miss", ""), code


def test_csv_has_times_tables_titles_and_employers(plan: MeetGreetPlan, tmp_path: Path) -> None:
    by_package, by_candidate = plan.to_csv(tmp_path, lang="en", event_start="10:00")
    table_of = {pid: f"Table {k}" for k, pid in enumerate(plan.by_package(), start=1)}
    expected = {
        (m.candidate_id, m.package_id): (m.title, m.employer, table_of[m.package_id], m.round)
        for m in plan.meetings
    }
    for path in (by_package, by_candidate):
        rows = read_csv(path)
        assert len(rows) == len(plan.meetings)
        for r in rows:
            title, employer, table, round_ = expected[(r["candidate_id"], r["package_id"])]
            assert (r["title"], r["employer"], r["table"]) == (title, employer, table)
            assert minutes(r["start"]) == 600 + 20 * (round_ - 1)


# ---------------------------------------------------------------------------------------------
# Well-formed and escaped
# ---------------------------------------------------------------------------------------------
def test_everything_people_wrote_is_escaped(tmp_path: Path) -> None:
    packs = [pkg("p-1", title=EVIL, employer=EVIL + " & Zn")]
    plan = plan_meet_and_greet([cand("c-1"), cand("c-2")], packs, 2, 1, 2)
    markup, page = write(plan, tmp_path, names={"c-1": EVIL}, tables={"p-1": "<b>Zaal</b>"})
    assert "<img" not in markup and "<b>" not in markup
    assert manager_heading(plan.meetings[0]) == text("meetgreet.manager.heading", "nl", title=EVIL)
    manager = page.section(manager_heading(plan.meetings[0]))
    assert f"Werkgever: {EVIL} & Zn" in manager.lines
    assert "Uw tafel: <b>Zaal</b>" in manager.lines
    assert candidate_heading(EVIL) in [s.heading for s in page.sections]


def test_a_package_without_title_is_named_by_its_id(tmp_path: Path) -> None:
    plan = plan_meet_and_greet([cand("c-1")], [pkg("p-1", employer="")], 1, 1, 1)
    _, page = write(plan, tmp_path)
    manager = page.section("Uw gesprekken: Taakpakket p-1")
    assert not any(line.startswith("Werkgever") for line in manager.lines)
    rows = page.section(candidate_heading("c-1")).table("Ronde")
    assert rows[0]["Functie"] == "Taakpakket p-1" and rows[0]["Werkgever"] == ""


def test_a_plan_without_conversations_still_prints_a_cover(tmp_path: Path) -> None:
    plan = plan_meet_and_greet([cand("c-1", hours={"min": 38, "max": 40})], [pkg("p-1")], 1, 1, 1)
    assert not plan.meetings
    markup, page = write(plan, tmp_path)
    assert len(page.sections) == 1 and markup.count("<section>") == 1
    assert "Er zijn geen gesprekken gepland." in page.cover.lines
    assert_dutch(page.text)


# ---------------------------------------------------------------------------------------------
# The plan and its notebook view
# ---------------------------------------------------------------------------------------------
def test_meetings_carry_title_and_employer_and_old_json_still_reads(
    plan: MeetGreetPlan, demo: Demo
) -> None:
    packages = {p.id: p for p in demo[1]}
    for m in plan.meetings:
        assert (m.title, m.employer) == (
            packages[m.package_id].title,
            packages[m.package_id].employer,
        )
    old = plan.model_dump(mode="json")
    for m in old["meetings"]:
        del m["title"], m["employer"]
    assert MeetGreetPlan.model_validate(old).meetings[0].title == ""


def test_notebook_view_is_dutch_by_default_and_english_with_the_config(demo: Demo) -> None:
    plan = plan_meet_and_greet(*demo, 3, 2, 3, near_misses=True)
    words = visible(plan._repr_html_())
    assert "Ronde 1" in words and "bijna passend" in words and "totale score" in words
    assert_dutch(words)
    english = plan_meet_and_greet(*demo, 3, 2, 3, config={"lang": "en"}, near_misses=True)
    assert "Round 1" in english._repr_html_() and "near miss" in english._repr_html_()
