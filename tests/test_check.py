"""`ncp check`: every mistake reported at its file, line and column, all in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, broken, check

from pipeline.cli import main

CASES = {
    "unknown field": (
        {"cases/2025-03.yaml": ("received:", "recieved:")},
        "cases/2025-03.yaml:3:1: error: 'recieved' is not a field of a case",
        "did you mean 'received'?"),
    "missing field": (
        {"cases/2025-03.yaml": ("sector: professional-scientific-and-technical-activities\n",
                                "")},
        "cases/2025-03.yaml:1:1: error: a case lacks the field 'sector'", None),
    "duplicate key": (
        {"cases/2025-03.yaml": ("public: true", "public: true\npublic: false")},
        "cases/2025-03.yaml:13:1: error: duplicate key 'public' (first given on line 12)",
        None),
    "impossible date": (
        {"cases/2025-03.yaml": ("received: 2025-03-01", "received: 2025-02-30")},
        "cases/2025-03.yaml:3:11: error: '2025-02-30' is not a date that exists",
        "YYYY-MM-DD"),
    "value outside the vocabulary": (
        {"cases/2025-03.yaml": ("type: individual", "type: indivdual")},
        "cases/2025-03.yaml:4:19: error: 'indivdual' is not a valid type",
        "did you mean 'individual'?"),
    "wrong type": (
        {"results/2025.yaml": ("participants: 40", "participants: forty")},
        "results/2025.yaml:13:23: error: 'participants' must be a whole number", None),
    "a number no true value reaches": (
        {"results/2025.yaml": ("participants: 40", "participants: 99999999999999999999999999")},
        "results/2025.yaml:13:23: error: 'participants' must be a whole number from 0 to "
        "1,000,000", None),
    "a negative count": (
        {"results/2025.yaml": ("participants: 40", "participants: -40")},
        "results/2025.yaml:13:23: error: 'participants' must be a whole number from 0 to "
        "1,000,000", None),
    "a year out of range, told once": (
        {"results/2025.yaml": ("year: 2025", "year: 99999")},
        "results/2025.yaml:1:7: error: 'year' must be a whole number from 2000 to 2100", None),
    "a title longer than a cover holds": (
        {"publications/rapport/publication.yaml": ("{nb: Testrapport 2025}",
                                                   "{nb: " + "Testrapport " * 15 + "}")},
        "publications/rapport/publication.yaml:2:13: error: 'title' holds 179 characters, "
        "more than 150", "shorten it to 150 characters or fewer"),
    "tab indentation": (
        {"plans/2025.yaml": ("  - id: \"2\"", "\t- id: \"2\"")},
        "plans/2025.yaml:17:1: error: YAML syntax", "tabs"),
    "undeclared language": (
        {"plans/2025.yaml": ("title: {nb: Testplan for 2025}",
                             "title: {nb: Testplan for 2025, de: Testplan}")},
        "plans/2025.yaml:2:32: error: 'de' is not a language of this site", "nb, en"),
    "result of no activity": (
        {"results/2025.yaml": ('"2.1":', '"2.2":')},
        "results/2025.yaml:17:3: error: '2.2' is not an activity of the plan for 2025",
        "did you mean '2.1'?"),
    "case file named after another id": (
        {"cases/2025-03.yaml": ('id: "2025-03"', 'id: "2025-33"')},
        "cases/2025-03.yaml:1:5: error: the case file is named '2025-03.yaml' but its id is "
        "'2025-33'", "name the file 2025-33.yaml"),
    "steps out of date order": (
        {"cases/2024-01.yaml": ("{date: 2025-01-10, step: good-offices}",
                                "{date: 2024-11-10, step: good-offices}")},
        "cases/2024-01.yaml:16:5: error: step 'good-offices' (2024-11-10) is dated before "
        "step 'initial-assessment' (2024-12-01)", None),
    "steps out of procedure order": (
        {"cases/2024-01.yaml": ("step: good-offices}", "step: received}")},
        "cases/2024-01.yaml:16:5: error: step 'received' cannot come after "
        "'initial-assessment'", "the procedure's order"),
    "decision on the wrong step": (
        {"cases/2024-01.yaml": ("step: good-offices}", "step: good-offices, decision: accepted}")},
        "cases/2024-01.yaml:16:5: error: a decision belongs to the initial assessment, not to "
        "'good-offices'", None),
    "outcome without its step": (
        {"cases/2024-01.yaml": ("notes:", "outcome: withdrawn\nnotes:")},
        "cases/2024-01.yaml:18:10: error: the outcome 'withdrawn' needs a 'concluded' step",
        None),
    "ended without an outcome": (
        {"cases/2025-03.yaml": ("outcome: not-accepted\n", "")},
        "error: the procedure ended with 'initial-assessment' on 2025-05-01 but the case has "
        "no outcome", None),
    "lead is also supporting": (
        {"cases/2024-01.yaml": ('supporting_ncps: ["SE"]', 'supporting_ncps: ["SE", "NO"]')},
        "cases/2024-01.yaml:7:18: error: 'NO' is both the lead and a supporting NCP", None),
    "not a country code": (
        {"cases/2024-01.yaml": ('host_countries: ["CL"]', 'host_countries: ["UK"]')},
        "cases/2024-01.yaml:8:17: error: 'UK' is not an ISO 3166-1 country code", None),
    "missing chapter": (
        {"publications/rapport/publication.yaml": ("[tall.md, saker.md]",
                                                   "[tall.md, saker.md, mangler.md]")},
        "publications/rapport/publication.yaml:7:31: error: chapter 'nb/mangler.md' does not "
        "exist", None),
    "undefined name in a chapter": (
        {"publications/rapport/nb/saker.md": ("Klager: {{ case.submitter }}",
                                              "Klager: {{ case.submiter }}")},
        "publications/rapport/nb/saker.md:8: error: a case has no 'submiter'",
        "did you mean 'submitter'?"),
    "undefined names, all of them": (
        {"publications/rapport/nb/tall.md": (
            "Tatt til behandling: {{ cases.accepted(year).count }}",
            "Tatt: {{ nope }} {{ cases.acepted(year).count }}")},
        "publications/rapport/nb/tall.md:4: error: 'nope' is not a name a chapter can use",
        "tall.md:4: error: cases has no 'acepted'"),
    "template syntax error": (
        {"publications/rapport/nb/saker.md": ("{% endfor %}", "{% endfo %}")},
        "publications/rapport/nb/saker.md:11: error: template syntax:", None),
    "image without alt text": (
        {"publications/rapport/nb/tall.md": ("![Et grønt kvadrat med en hvit sirkel]", "![]")},
        "publications/rapport/nb/tall.md:12:5: error: the image 'bilde.svg' has no alt text",
        None),
    "image outside the content folder": (
        {"publications/rapport/nb/tall.md": ("(bilde.svg)", "(../../../../../etc/passwd.svg)")},
        "publications/rapport/nb/tall.md:12:40: error: the image "
        "'../../../../../etc/passwd.svg' lies outside the content folder", None),
    "missing image": (
        {"publications/rapport/nb/tall.md": ("(bilde.svg)", "(bildet.svg)")},
        "publications/rapport/nb/tall.md:12:40: error: the image 'bildet.svg' does not exist",
        None),
    "link to a heading that does not exist": (
        {"publications/rapport/nb/saker.md": ("# Saker {#saker}",
                                              "# Saker {#saker}\n\nSe [tallene](#tal).")},
        "publications/rapport/nb/saker.md:3:14: error: the link '#tal' points to no heading",
        "did you mean '#tall'?"),
    "skipped heading level": (
        {"publications/rapport/nb/saker.md": ("# Saker {#saker}",
                                              "# Saker {#saker}\n\n### Dypt")},
        "publications/rapport/nb/saker.md:3:5: error: the heading 'Dypt' skips from level 1 "
        "to 3", "make it level 2"),
    "citation missing from the bibliography": (
        {"publications/rapport/nb/saker.md": ("{{ case.summary }}",
                                              "{{ case.summary }} [@ukjent-2020]")},
        "publications/rapport/nb/saker.md:10:21: error: the citation '@ukjent-2020' is not in "
        "the bibliography", "name a bibliography in publication.yaml"),
    "cross-reference to nothing": (
        {"publications/rapport/nb/saker.md": ("# Saker {#saker}",
                                              "# Saker {#saker}\n\nSe @tbl-mangler.")},
        "publications/rapport/nb/saker.md:3:4: error: the cross-reference '@tbl-mangler' points "
        "to no section, table or figure", None),
    "key figures that are no definition list": (
        {"publications/rapport/nb/saker.md": ("# Saker {#saker}",
                                              "# Saker {#saker}\n\n::: key-figures\nNye: 6\n:::")},
        "publications/rapport/nb/saker.md:3:5: error: a key-figures block holds only a "
        "definition list: each label, then ': number' on the next line",
        "see 'Key figures' in docs/chapters.md"),
    "a key figure without its number": (
        {"publications/rapport/nb/saker.md": ("# Saker {#saker}",
                                              "# Saker {#saker}\n\n::: key-figures\n"
                                              "Nye\n: 6\n: 7\n:::")},
        "publications/rapport/nb/saker.md:3:5: error: the key figure 'Nye' needs one number, on "
        "one line after ': '", None),
    "image that is not a picture": (
        {"publications/rapport/nb/bilde.svg": "not an svg at all"},
        "publications/rapport/nb/tall.md:12:40: error: the image 'bilde.svg' is not a readable "
        "SVG file", "save it again as PNG, JPEG or SVG"),
    "logo that is not a picture": (
        {"assets/mark.svg": "<html></html>"},
        "_brand.yml:10:18: error: logo file 'assets/mark.svg' is not an SVG picture", None),
    "not UTF-8": (
        {"cases/2025-03.yaml": b'id: "2025-03"\ntitle: {nb: Klage om \xe6rlighet}\n'},
        "cases/2025-03.yaml:2:22: error: the file is not UTF-8 (byte 0xe6)", None),
    "empty case file": (
        {"cases/2025-03.yaml": ""},
        "cases/2025-03.yaml:1: error: the file holds no fields", "'name: value' lines"),
    "empty site.yaml": (
        {"site.yaml": ""}, "site.yaml:1: error: the file holds no fields", None),
    "brand file of comments only": (
        {"_brand.yml": "# the brand comes later\n"},
        "_brand.yml:1: error: the file holds no fields", None),
    "empty plan": (
        {"plans/2025.yaml": "\n\n"}, "plans/2025.yaml:1: error: the file holds no fields", None),
    "results that are null": (
        {"results/2025.yaml": "~\n"}, "results/2025.yaml:1: error: the file holds no fields",
        None),
    "empty publication.yaml": (
        {"publications/rapport/publication.yaml": ""},
        "publications/rapport/publication.yaml:1: error: the file holds no fields", None),
    "empty bibliography": (
        {"publications/rapport/kilder.yaml": "",
         "publications/rapport/publication.yaml": ("year: 2025",
                                                   "year: 2025\nbibliography: kilder.yaml")},
        "publications/rapport/kilder.yaml:1: error: the file holds no fields", None),
    "publication in no language": (
        {"publications/rapport/publication.yaml": ("languages: [nb]", "languages: []")},
        "publications/rapport/publication.yaml:3:12: error: 'languages' lists nothing, so the "
        "publication would build nothing", "or leave the line out for nb"),
    "publication in no format": (
        {"publications/rapport/publication.yaml": ("formats: [html, docx, pdf]", "formats:")},
        "publications/rapport/publication.yaml:4:9: error: 'formats' lists nothing, so the "
        "publication would build nothing", "list one or more of html, docx, pdf"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_reported_where_it_is(tmp_path: Path, name: str) -> None:
    edits, expected, hint = CASES[name]
    status, output = check(broken(tmp_path, edits))
    assert status == 1
    assert expected in output
    if hint:
        assert hint in output
    assert "Traceback" not in output
    assert "None" not in output  # a value that could not be read leaks into no message


def test_the_offending_line_is_shown_with_a_caret(tmp_path: Path) -> None:
    _, output = check(broken(tmp_path, {"cases/2025-03.yaml": ("sector: prof", "sektor: prof")}))
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if "'sektor' is not a field" in line)
    assert lines[at + 1].strip().startswith("sektor: professional")
    assert lines[at + 2].strip() == "^"


def test_every_mistake_of_a_run_is_reported_at_once(tmp_path: Path) -> None:
    folder = broken(tmp_path, {name: edit for name, edit in [
        next(iter(CASES["unknown field"][0].items())),
        next(iter(CASES["result of no activity"][0].items())),
        next(iter(CASES["not a country code"][0].items())),
        next(iter(CASES["missing chapter"][0].items())),
    ]})
    status, output = check(folder)
    assert status == 1
    for name in ("unknown field", "result of no activity", "not a country code",
                 "missing chapter"):
        assert CASES[name][1] in output
    assert "4 errors" in output


def test_warnings_fail_only_when_strict(tmp_path: Path) -> None:
    folder = broken(tmp_path, {"results/2025.yaml": (
        '  "2.1":\n    status: postponed\n    summary: {nb: Utsatt til neste år.}\n', "")})
    status, output = check(folder)
    assert status == 0
    assert "warning: activity 2.1 of the plan for 2025 has no result" in output
    assert check(folder, "--strict")[0] == 1


def test_encoding_slips_are_warnings(tmp_path: Path) -> None:
    text = (FIXTURES / "mini" / "cases" / "2025-03.yaml").read_text(encoding="utf-8")
    folder = broken(tmp_path, {
        "cases/2025-03.yaml": text.replace("\n", "\r\n"),
        "cases/2024-01.yaml": "\ufeff" + (FIXTURES / "mini/cases/2024-01.yaml").read_text(
            encoding="utf-8"),
    })
    status, output = check(folder)
    assert status == 0
    assert "cases/2025-03.yaml:1: warning: the file has Windows line ends (CRLF)" in output
    assert "cases/2024-01.yaml:1:1: warning: the file starts with a byte-order mark" in output


def test_clean_content_passes(tmp_path: Path) -> None:
    status, output = check(FIXTURES / "mini")
    assert (status, output.strip()) == (0, "content is valid")


def test_a_build_of_broken_content_writes_nothing(tmp_path: Path) -> None:
    folder = broken(tmp_path, {"cases/2025-03.yaml": ("received:", "recieved:")})
    output = tmp_path / "output"
    (output / "rapport").mkdir(parents=True)
    earlier = output / "rapport" / "rapport-nb.pdf"
    earlier.write_bytes(b"the previous good build")
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert "cases/2025-03.yaml:3:1: error: 'recieved' is not a field of a case" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in output.rglob("*")) == ["rapport", "rapport-nb.pdf"]
    assert earlier.read_bytes() == b"the previous good build"


def test_results_that_are_no_mapping_are_one_error(tmp_path: Path) -> None:
    status, output = check(broken(tmp_path, {"results/2025.yaml": "- 2025\n"}))
    assert status == 1
    assert "results/2025.yaml:1:1: error: the results must be a mapping of fields" in output
    assert "1 error," in output  # not also 'there is no plan for None'


@pytest.mark.parametrize(("folder", "name", "hint"), [
    ("cases", "2025-03.yml", "rename it to 2025-03.yaml"),
    ("cases", "2025-03.YAML", "rename it to 2025-03.yaml"),
    ("plans", "2025.yml", "rename it to 2025.yaml"),
    ("results", "2025.txt", "if it is a result, rename it to 2025.yaml; otherwise move it out"),
])
def test_a_file_of_another_extension_is_an_error(tmp_path: Path, folder: str, name: str,
                                                 hint: str) -> None:
    content = broken(tmp_path, {})
    [original] = (content / folder).glob(name.split(".")[0] + ".yaml")
    original.rename(content / folder / name)
    status, output = check(content)
    assert status == 1
    noun = {"cases": "case", "plans": "plan", "results": "result"}[folder]
    assert f"{folder}/{name}: error: '{name}' is not read: {noun} files end in .yaml" in output
    assert hint in output


def test_hidden_files_and_editor_backups_are_left_alone(tmp_path: Path) -> None:
    """.gitkeep, swap files and backups are no case; a .txt or a folder beside them is an error."""
    content = broken(tmp_path, {"cases/.gitkeep": "", "cases/.2025-03.yaml.swp": "swap",
                                "cases/2025-03.yaml~": "backup", "cases/notat.txt": "note"})
    (content / "cases" / "arkiv").mkdir()
    status, output = check(content)
    assert status == 1
    assert "cases/notat.txt: error: 'notat.txt' is not read: case files end in .yaml" in output
    assert "cases/arkiv: error: the folder 'arkiv' is not read: case files lie directly in " \
        "cases/" in output
    assert "2 errors" in output


@pytest.mark.parametrize("edits", [{"site.yaml": ""},
                                   {"publications/rapport/publication.yaml": ""}],
                         ids=["empty site.yaml", "empty publication.yaml"])
def test_a_build_that_fails_says_why(tmp_path: Path, edits: dict[str, object]) -> None:
    [name] = edits
    result = CliRunner().invoke(main, [
        "build", "--content", str(broken(tmp_path, edits)), "--output",
        str(tmp_path / "output"), "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert f"{name}:1: error: the file holds no fields" in result.output


MANY_PROBLEMS = [
    "_brand.yml:3:12: error: colour 'primary' must be '#rrggbb'",
    "cases/2024-01.yaml:8:17: error: 'UK' is not an ISO 3166-1 country code",
    "cases/2025-02.yaml:3:11: error: '2025-02-30' is not a date that exists",
    "cases/2025-03.yaml:3:1: error: 'recieved' is not a field of a case",
    "plans/2025.yaml:15:13: error: an activity lacks the field 'text'",
    "publications/rapport/nb/saker.md:5: error: this {{ … }} gives a list of 1 case, not text",
    "publications/rapport/nb/saker.md:7:6: error: the heading 'For dypt' skips from level 1 to 4",
    "publications/rapport/nb/saker.md:9:9: error: the link 'javascript:alert(1)' uses "
    "'javascript:'",
    "publications/rapport/nb/syntaks.md:3: error: template syntax: Unexpected end of template",
    "publications/rapport/nb/tall.md:3: error: cases has no 'recieved'",
    "publications/rapport/nb/tall.md:7: error: '_public' of cases is not open to chapters",
    "publications/rapport/nb/tall.md:12:5: error: the image 'bilde.svg' has no alt text",
    "publications/rapport/nb/tall.md:14:15: error: the link '#finnes-ikke' points to no heading",
    "publications/rapport/publication.yaml:7:31: error: chapter 'nb/mangler.md' does not exist",
    "results/2025.yaml:17:3: error: '2.2' is not an activity of the plan for 2025",
    "site.yaml:6:8: error: 'test.example.no' is not a web address starting with https://",
    "results/2025.yaml:1: warning: activity 2.1 of the plan for 2025 has no result",
]


def test_a_folder_of_many_problems_is_reported_whole_in_one_run() -> None:
    """YAML, template and Markdown problems of one folder, each once, with no cascade: the
    broken plan and cases leave the chapters that use them checked, not failing again."""
    status, output = check(FIXTURES / "many-problems")
    assert status == 1
    reported = [line for line in output.splitlines() if ": error: " in line
                or ": warning: " in line]
    for expected in MANY_PROBLEMS:
        assert sum(line.startswith(expected) for line in reported) == 1, (expected, output)
    assert len(reported) == len(MANY_PROBLEMS), output
    assert output.rstrip().endswith(f"{len(MANY_PROBLEMS) - 1} errors, 1 warning")


def test_an_empty_chapter_is_a_warning(tmp_path: Path) -> None:
    status, output = check(broken(tmp_path, {"publications/rapport/nb/saker.md": ""}),
                           "--strict")
    assert status == 1
    assert "publications/rapport/nb/saker.md: warning: the chapter is empty" in output


def test_a_reference_longer_than_the_letters_column_is_an_error(tmp_path: Path) -> None:
    """A reference has a narrow column in the letter's reference block; 270 characters
    without a space ran over the date and off the page."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    letter = content / "publications" / "hoeringssvar-aapenhetsloven" / "publication.yaml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace('our_ref: "25/00031"', 'our_ref: "' + "25/00031-" * 4 + '"'),
                      encoding="utf-8")
    line = text[:text.index("our_ref:")].count("\n") + 1
    status, output = check(content)
    assert status == 1
    assert (f"publications/hoeringssvar-aapenhetsloven/publication.yaml:{line}:10: error: "
            "'our_ref' holds 36 characters, more than 30") in output
    assert "shorten it to 30 characters or fewer" in output
