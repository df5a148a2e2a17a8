"""`ncp new …`: each skeleton passes `ncp check` as written, builds, and says what to fill in."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.content.shapes import CASE
from pipeline.content.yamlfile import load_yaml
from pipeline.problems import Problems
from pipeline.scaffold.hearing import slug
from pipeline.scaffold.yamltext import append_to_list
from tests.conftest import FIXTURES, ROOT, check
from tests.readers import html
from tests.test_schemas import JsonLike

LONG_TITLE = ("Høring – forslag til endringer i lov om offentlige anskaffelser og forskrift "
              "om offentlige anskaffelser")


def ncp(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder)
    return folder


def test_a_hearings_folder_name_keeps_whole_words() -> None:
    name = slug(LONG_TITLE)
    words = re.findall(r"[a-z]+", LONG_TITLE.lower().replace("ø", "oe"))
    assert len(name) <= 60
    assert name.split("-") == words[:len(name.split("-"))]


def test_a_hearing_without_the_letters_date_is_a_draft_marked_to_fill_in(
        content: Path) -> None:
    ncp("new", "hearing", "--content", str(content), "--title", LONG_TITLE,
        "--recipient", "Departementet", "--deadline", "2027-02-01")
    [path] = content.glob("publications/hoeringssvar-*/publication.yaml")
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\n  letter_date: [0-9-]+  # UTFYLLES: datoen på høringsbrevet", text)
    assert yaml.safe_load(text)["draft"] is True


def test_a_hearing_with_the_letters_date_uses_it(content: Path) -> None:
    ncp("new", "hearing", "--content", str(content), "--title", "Høring – ny lov",
        "--recipient", "Departementet", "--deadline", "2027-02-01",
        "--letter-date", "2026-11-02")
    data = yaml.safe_load((content / "publications" / "hoeringssvar-ny-lov" /
                           "publication.yaml").read_text(encoding="utf-8"))
    assert data["consultation"]["letter_date"] == dt.date(2026, 11, 2)
    assert "UTFYLLES" not in (content / "publications" / "hoeringssvar-ny-lov" /
                              "publication.yaml").read_text(encoding="utf-8")


def test_a_new_case_takes_the_next_id_of_its_year_and_comments_every_field(
        content: Path) -> None:
    ncp("new", "case", "--content", str(content), "--received", "2025-11-03")
    ncp("new", "case", "--content", str(content), "--received", "2025-12-01")
    ncp("new", "case", "--content", str(content), "--received", "2026-01-05")
    assert sorted(p.stem for p in (content / "cases").glob("*.yaml")) == [
        "2024-01", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2026-01"]
    text = (content / "cases" / "2025-04.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for name in CASE.names:
        [at] = [i for i, line in enumerate(lines) if line.startswith(f"{name}:")]
        assert lines[at - 1].startswith("# "), name
    data = yaml.safe_load(text)
    assert data["timeline"] == [{"date": dt.date(2025, 11, 3), "step": "received"}]
    assert data["public"] is False and data["submitter"]["confidential"] is True
    schema = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(
        yaml.load(text, Loader=JsonLike))) == []
    status, output = check(content)
    assert status == 0, output


def test_a_new_publication_of_a_hearing_is_refused(content: Path) -> None:
    result = CliRunner().invoke(main, ["new", "publication", "hearing-response", "x",
                                       "--content", str(content)])
    assert result.exit_code == 2 and "hearing-response" in result.output


def test_a_chapter_joins_a_list_written_one_item_a_line_keeping_comments(
        tmp_path: Path) -> None:
    def appended(text: str) -> str:
        path = tmp_path / "publication.yaml"
        path.write_text(text, encoding="utf-8")
        return append_to_list(text, load_yaml(path, Problems()), "chapters", "c.md")

    assert appended("kind: guidance\n# the chapters, in order\nchapters:\n  - a.md  # first\n"
                    "  - b.md\ndate: 2025-01-01\n") == (
        "kind: guidance\n# the chapters, in order\nchapters:\n  - a.md  # first\n  - b.md\n"
        "  - c.md\ndate: 2025-01-01\n")
    assert appended("chapters: [a.md, b.md]  # two\n") == "chapters: [a.md, b.md, c.md]  # two\n"
    assert appended("chapters: []\n") == "chapters: [c.md]\n"
    assert appended("kind: plan") == "kind: plan\nchapters: [c.md]\n"


@pytest.mark.slow
def test_every_skeleton_passes_check_and_builds_marked_as_a_draft(content: Path,
                                                                    tmp_path: Path) -> None:
    ncp("new", "case", "--content", str(content), "--received", "2025-11-03")
    for kind in ("annual-report", "brochure", "guidance", "plan"):
        ncp("new", "publication", kind, f"ny-{kind}", "--content", str(content),
            "--lang", "nb", "--lang", "en", "--title", f"Ny {kind}")
    ncp("new", "chapter", "ny-guidance", "metode", "--content", str(content),
        "--title", "Metode {{ 7*7 }}")
    ncp("new", "chapter", "rapport", "vedlegg.md", "--content", str(content))
    ncp("new", "hearing", "--content", str(content), "--title", LONG_TITLE,
        "--recipient", "Departementet", "--deadline", "2027-02-01")
    status, output = check(content)
    assert status == 0, output
    assert output.count("the publication is a draft") == 5
    out = tmp_path / "output"
    ncp("build", "--content", str(content), "--output", str(out),
        "--build-dir", str(tmp_path / "build"))
    for kind in ("annual-report", "brochure", "guidance", "plan"):
        page = html(out / f"ny-{kind}" / f"ny-{kind}-nb.html")
        assert page.title.get_text() == f"UTKAST – Ny {kind}"
        assert page.find(class_="draft-banner") is not None
    guidance = html(out / "ny-guidance" / "ny-guidance-en.html").get_text()
    assert "Metode {{ 7*7 }}" in guidance and "New chapter" in guidance
    assert "Skriv teksten her." in html(out / "rapport" / "rapport-nb.html").get_text()
    [letter] = out.glob("hoeringssvar-*/*-nb.html")
    assert html(letter).title.get_text().startswith("UTKAST – Høringssvar")
