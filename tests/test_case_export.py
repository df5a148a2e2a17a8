"""`ncp export cases`: the year's public cases for the OECD, and nothing that is not public."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from babel import Locale
from click.testing import CliRunner
from conftest import FIXTURES

from pipeline.checks.folder import load_content
from pipeline.cli import main
from pipeline.render import statistics as stats
from pipeline.reports.case_export import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ["Anonym Leverandør AS", "Hemmelig Klagerforening", "INTERN-NOTAT-XYZ",
           "Skjult sak Zeta", "Synlig Forbund Zeta", "Usynlig Konsern ASA"]
COUNTRIES = Locale("en").territories


def export(content: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "cases", "--content", str(content), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURES / "statements"])
@pytest.mark.parametrize("year", [2024, 2025])
def test_rows_are_the_public_cases_of_the_year(content: Path, year: int) -> None:
    rows = json.loads(export(content, "--year", str(year), "--format", "json"))
    cases = {case.id: case for case in load_content(content).cases}
    expected = sorted(i for i, case in cases.items() if case.public and stats.handled(case, year))
    assert [row["id"] for row in rows] == expected and expected
    for row in rows:  # every value is the case file's own, named for readers
        case = cases[row["id"]]
        assert tuple(row) == COLUMNS
        assert row["title"] == case.title.get("en", case.title.get("nb"))
        assert row["date_received"] == case.received.isoformat()
        assert row["lead_ncp"] == COUNTRIES[case.lead_ncp]
        assert row["supporting_ncps"] == [COUNTRIES[c] for c in case.supporting_ncps]
        assert row["host_countries"] == [COUNTRIES[c] for c in case.host_countries]
        assert len(row["guidelines_chapters"]) == len(case.chapters)
        assert row["guidelines_edition"] == case.guidelines_edition
        assert row["enterprise"] == ("Name withheld" if case.enterprise.confidential
                                     else case.enterprise.name)
        concluded = stats.standing(stats.facts(case), stats.end_of_year(year)).open is False
        assert row["status"] == ("Concluded" if concluded else "In progress")
        assert bool(row["outcome"]) == concluded


def test_csv_has_the_same_rows_and_keeps_formulas_as_text() -> None:
    text = export(FIXTURES / "statements", "--year", "2025")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["2024-01", "2025-01", "2025-03"]
    assert rows[0]["host_countries"] == "Chile" and rows[0]["supporting_ncps"] == "Sweden"
    assert rows[1]["title"].startswith("*farming*")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_nothing_confidential_reaches_the_export(fmt: str) -> None:
    text = export(FIXTURES / "statements", "--year", "2025", "--format", fmt)
    for secret in SECRETS:
        assert secret not in text


def with_english_title(tmp_path: Path, title: str) -> Path:
    """A copy of the statements fixture whose case 2025-03 has `title` (YAML) in English."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "statements", folder)
    path = folder / "cases/2025-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: {nb: Klage om reklame}", f"title: {{nb: Klage om reklame, en: {title}}}"),
        encoding="utf-8")
    return folder


def test_the_gate_refuses_an_export_that_would_leak(tmp_path: Path) -> None:
    """A public title that repeats a confidential name: the gate stops the export."""
    folder = with_english_title(tmp_path, "Hemmelig Klagerforening complains")
    out = tmp_path / "cases.csv"
    result = CliRunner().invoke(main, ["export", "cases", "--content", str(folder), "--year",
                                       "2025", "--output", str(out)])
    assert result.exit_code == 1
    assert "the export holds the confidential submitter.name" in result.output
    assert not out.exists()


def test_a_title_a_spreadsheet_would_run_stays_text(tmp_path: Path) -> None:
    folder = with_english_title(tmp_path, '"=HYPERLINK(\\"https://example.com\\")"')
    rows = list(csv.DictReader(io.StringIO(export(folder, "--year", "2025"))))
    assert rows[2]["title"] == "'=HYPERLINK(\"https://example.com\")"
