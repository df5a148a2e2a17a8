"""Initial assessments and final statements: the frame read back from every format, nothing
confidential in any, and each contradiction with the case file an error at its line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, Built, build_folder, check
from readers import compact, docx_text, html, html_text, layers, pdf_text

from pipeline.cli import main

FORMATS = ["html", "docx", "pdf"]
READ = {"html": html_text, "docx": docx_text, "pdf": pdf_text}
STATEMENTS = FIXTURES / "statements"
ASSESSMENT = "vurdering-2024-01"
FINAL = "uttalelse-2025-01"
# What the case files hold that no output may: confidential names, notes, an unpublished case.
SECRETS = ["Anonym Leverandør AS", "Hemmelig Klagerforening", "INTERN-NOTAT-XYZ",
           "Skjult sak Zeta", "Synlig Forbund Zeta", "Usynlig Konsern ASA"]


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_folder(STATEMENTS, tmp_path_factory.mktemp("statements"))


def read(built: Built, slug: str, lang: str, fmt: str) -> str:
    return compact(READ[fmt](built.file(slug, lang, fmt)))


FRAMES = {
    (FINAL, "nb"): [
        "Sak", "2025-01", "Klager", "Navnet er ikke offentlig", "Frivillig organisasjon",
        "Tindefjell Gruvedrift AS", "Kontaktpunkt", "Norge", "Vertsland", "Peru",
        "Bergverksdrift og utvinning", "IV. Menneskerettigheter",
        "utgaven fra 2023", "Resultat", "Enighet",
        "Klager har bedt om at navnet ikke blir offentliggjort.",
        "1. februar 2025", "15. april 2025", "1. mai 2025", "1. oktober 2025",
        "Tatt til behandling", "Dialog og mekling", "Sluttuttalelse", "2,4", "5,0",
        "Resultatet", "Partene ble enige om en plan.", "Anbefalinger og oppfølging",
        "Kontaktpunktet følger opp avtalen med partene om ett år."],
    (FINAL, "en"): [
        "Name withheld", "The submitter asked that its name not be made public.",
        "Tindefjell Gruvedrift AS", "Norway", "Peru", "Mining and quarrying",
        "IV. Human Rights", "2023 edition", "Outcome", "Agreement", "1 October 2025",
        "Recommendations and follow-up", "The parties agreed on a plan."],
    (ASSESSMENT, "nb"): [
        "Elvedalens Beboere", "Lokalsamfunn", "Navnet er ikke offentlig",
        "Selskapet har bedt om at navnet ikke blir offentliggjort.",
        "Norge, støttet av Sverige", "Chile", "VI. Miljø", "IV. Menneskerettigheter",
        "Beslutning", "Tatt til behandling", "1. september 2024", "1. desember 2024",
        "Kontaktpunktet tar saken til behandling."],
    (ASSESSMENT, "en"): [
        "Elvedalens Beboere", "Name withheld", "Norway, supported by Sweden", "Chile",
        "VI. Environment", "Decision", "Accepted for further consideration",
        "1 December 2024", "The NCP accepts the case for further examination."],
}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("slug", "lang"), list(FRAMES))
def test_frame_read_back_from_every_format(statements: Built, slug: str, lang: str,
                                           fmt: str) -> None:
    found = read(statements, slug, lang, fmt)
    missing = [fact for fact in FRAMES[slug, lang] if compact(fact) not in found]
    assert not missing, f"{slug}-{lang}.{fmt} lacks {missing}"


@pytest.mark.slow
def test_assessment_leaves_out_steps_after_its_date(statements: Built) -> None:
    """The frame stands on the statement's date: a later step is not in it."""
    found = read(statements, ASSESSMENT, "nb", "html")
    assert compact("1. desember 2024") in found
    assert compact("10. januar 2025") not in found  # good offices began after the assessment


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("slug", [ASSESSMENT, FINAL])
def test_nothing_confidential_reaches_a_statement(statements: Built, slug: str,
                                                  fmt: str) -> None:
    for lang in ("nb", "en"):
        path = statements.file(slug, lang, fmt)
        for layer in layers(path):
            for secret in SECRETS:
                assert secret.encode() not in layer, f"{secret} in {path.name}"


# The check: each contradiction with the case, at its line ----------------------------------

def _copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(STATEMENTS, folder)
    for name, (old, new) in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


FINAL_YAML = f"publications/{FINAL}/publication.yaml"
ASSESSMENT_YAML = f"publications/{ASSESSMENT}/publication.yaml"
CONTRADICTIONS = {
    "wrong outcome": (
        {FINAL_YAML: ("outcome: agreement", "outcome: no-agreement")},
        f"{FINAL_YAML}:6:10: error: the final-statement reports the outcome 'no-agreement', "
        "but the case's 'final-statement' step has 'agreement'"),
    "wrong decision": (
        {ASSESSMENT_YAML: ("decision: accepted", "decision: not-accepted")},
        f"{ASSESSMENT_YAML}:6:11: error: the initial-assessment reports the decision "
        "'not-accepted', but the case's 'initial-assessment' step has 'accepted'"),
    "case not public": (
        {FINAL_YAML: ('case: "2025-01"', 'case: "2025-02"')},
        f"{FINAL_YAML}:5:7: error: the case '2025-02' is not public, so no statement on it "
        "can be published"),
    "no such case": (
        {FINAL_YAML: ('case: "2025-01"', 'case: "2025-09"')},
        f"{FINAL_YAML}:5:7: error: there is no case '2025-09' in cases/"),
    "dated before its step": (
        {FINAL_YAML: ("date: 2025-10-08", "date: 2025-09-30")},
        f"{FINAL_YAML}:4:7: error: the final-statement is dated 2025-09-30, before the "
        "case's 'final-statement' step (2025-10-01)"),
    "no such step": (
        {"cases/2025-01.yaml": ("  - {date: 2025-10-01, step: final-statement, outcome: "
                                "agreement}\noutcome: agreement\n", "")},
        f"{FINAL_YAML}:5:7: error: the case '2025-01' has no 'final-statement' step"),
    "agreement without follow-up": (
        {FINAL_YAML: ("follow_up:\n  nb: Kontaktpunktet følger opp avtalen med partene om "
                      "ett år.\n  en: The NCP will follow up the agreement with the parties "
                      "in a year.\n", "")},
        f"{FINAL_YAML}:6:10: error: a final statement after 'agreement' names the NCP's "
        "recommendations or its follow-up"),
    "no case named": (
        {FINAL_YAML: ('case: "2025-01"\n', "")},
        f"{FINAL_YAML}:1:1: error: a publication lacks the field 'case'"),
}


@pytest.mark.parametrize("name", list(CONTRADICTIONS))
def test_contradiction_is_an_error_at_its_line(tmp_path: Path, name: str) -> None:
    edits, expected = CONTRADICTIONS[name]
    code, output = check(_copy(tmp_path, edits))
    assert code == 1
    assert expected in output, output


def test_the_fixture_itself_is_valid() -> None:
    code, output = check(STATEMENTS)
    assert code == 0, output


def test_quoting_a_cases_notes_is_a_warning(tmp_path: Path) -> None:
    chapter = f"publications/{ASSESSMENT}/nb/vurdering.md"
    folder = _copy(tmp_path, {
        "cases/2024-01.yaml": ("notes: INTERN-NOTAT-XYZ skal aldri publiseres",
                               "notes: >-\n  Selskapet tilbød et møte med beboerne i mars,\n"
                               "  men ville ikke betale for en uavhengig utredning."),
        chapter: ("Kontaktpunktet tar saken til behandling.",
                  "Kontaktpunktet tar saken til behandling.\n\nI dialogen ville selskapet\n"
                  "ikke betale for en uavhengig utredning.")})
    code, output = check(folder)
    assert code == 0, output
    assert f"{chapter}:6: warning: this line quotes the internal notes of " \
           "cases/2024-01.yaml" in output, output


# The scaffold ---------------------------------------------------------------------------

def _scaffolded(tmp_path: Path) -> Path:
    folder = _copy(tmp_path, {})
    shutil.rmtree(folder / "publications")
    for case, kind in (("2025-01", "final-statement"), ("2024-01", "initial-assessment")):
        result = CliRunner().invoke(main, ["new", "statement", case, "--kind", kind,
                                           "--content", str(folder)])
        assert result.exit_code == 0, result.output
    return folder


def test_scaffold_passes_the_check(tmp_path: Path) -> None:
    folder = _scaffolded(tmp_path)
    final = yaml.safe_load((folder / "publications/sluttuttalelse-2025-01/publication.yaml")
                           .read_text(encoding="utf-8"))
    assert (final["case"], final["outcome"], final["draft"]) == ("2025-01", "agreement", True)
    assert final["languages"] == ["nb", "en"] and final["date"] >= dt.date(2025, 10, 1)
    chapter = (folder / "publications/innledende-vurdering-2024-01/nb/vurdering.md")
    assert "UTFYLLES" in chapter.read_text(encoding="utf-8")
    code, output = check(folder)
    assert code == 0 and "0 errors, 2 warnings" in output, output


@pytest.mark.slow
def test_scaffold_builds(tmp_path: Path) -> None:
    built = build_folder(_scaffolded(tmp_path), tmp_path)
    found = read(built, "sluttuttalelse-2025-01", "nb", "pdf")
    assert compact("UTKAST") in found and compact("Navnet er ikke offentlig") in found


def test_scaffold_refuses_a_case_that_is_not_public(tmp_path: Path) -> None:
    folder = _copy(tmp_path, {})
    result = CliRunner().invoke(main, ["new", "statement", "2025-02", "--kind",
                                       "initial-assessment", "--content", str(folder)])
    assert result.exit_code == 1
    assert "the case '2025-02' is not public" in result.output
    assert not (folder / "publications/innledende-vurdering-2025-02").exists()


# The annual report names each published statement in its case table ---------------------

REPORT = "arsrapport-2025"
LINKED = {"nb": "Første vurdering (14. april 2025)", "en": "Initial assessment (14 April 2025)"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_annual_report_links_a_published_statement(real: Built, lang: str) -> None:
    page = html(real.file(REPORT, lang, "html"))
    links = {a.get_text(): a["href"] for a in page.select("table a")}
    href = links[LINKED[lang]]
    assert href == f"../innledende-vurdering-2025-01/innledende-vurdering-2025-01-{lang}.html"
    assert (real.file(REPORT, lang, "html").parent / href).resolve().is_file()
    # The final statement on 2025-02 is dated after the report: not linked from it.
    assert not [h for h in links.values() if "sluttuttalelse" in h]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_annual_report_names_a_published_statement(real: Built, fmt: str) -> None:
    found = read(real, REPORT, "nb", fmt)
    assert compact("norsk entreprenørselskap; Første vurdering (14. april 2025)") in found
