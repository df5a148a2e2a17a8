"""Status and handling time are derived from the timeline alone."""

import datetime as dt
from pathlib import Path

import pytest

from pipeline.content.model import Case, Party, Step, Text
from pipeline.render import procedure


def case(*steps: tuple[str, str, dict], received: str = "2025-01-01") -> Case:
    return Case(
        id="x", title=Text(nb="x"), received=dt.date.fromisoformat(received),
        submitter=Party("s", False, "ngo"), enterprise=Party("e", False), lead_ncp="NO",
        supporting_ncps=[], host_countries=[], sector="manufacturing", chapters=[],
        guidelines_edition=2023, public=True,
        timeline=[Step(dt.date.fromisoformat(d), s, **extra) for d, s, extra in steps],
        outcome=None, summary=None, notes=None, path=Path("x.yaml"),
    )


FULL = case(
    ("2025-01-01", "received", {}),
    ("2025-04-01", "initial-assessment", {"decision": "accepted"}),
    ("2025-04-15", "good-offices", {}),
    ("2025-12-15", "examination", {}),
    ("2026-03-15", "final-statement", {"outcome": "no-agreement"}),
    ("2026-09-01", "follow-up", {}),
)


def test_a_case_ends_with_its_final_statement_not_its_follow_up() -> None:
    assert procedure.ended_on(FULL) == dt.date(2026, 3, 15)
    assert procedure.outcome(FULL) == "no-agreement"


def test_open_at_the_end_of_the_first_year_closed_in_the_next() -> None:
    assert procedure.is_open(FULL, dt.date(2025, 12, 31))
    assert not procedure.is_open(FULL, dt.date(2026, 12, 31))
    assert procedure.stage(FULL, dt.date(2025, 12, 31)).step == "examination"


def test_not_accepted_ends_at_the_initial_assessment() -> None:
    rejected = case(("2025-01-01", "received", {}),
                    ("2025-03-01", "initial-assessment", {"decision": "not-accepted"}))
    assert procedure.ended_on(rejected) == dt.date(2025, 3, 1)
    assert procedure.outcome(rejected) == "not-accepted"


def test_phase_months_against_the_indicative_timeline() -> None:
    months = {phase: procedure.months_between(start, end)
              for phase, (start, end) in procedure.phase_spans(FULL).items()}
    assert months["initial-assessment"] == pytest.approx(90 / procedure.DAYS_PER_MONTH)
    assert months["good-offices"] == pytest.approx(244 / procedure.DAYS_PER_MONTH)
    assert months["final-statement"] == pytest.approx(90 / procedure.DAYS_PER_MONTH)
    assert procedure.within_indicative("initial-assessment", months["initial-assessment"])
    assert not procedure.within_indicative("good-offices", months["good-offices"])
    assert months["total"] > 14
