"""Bokmål, nynorsk and English: catalogs, formats, language tags, agreeing versions, balance."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import docx
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, Built, check
from docx.oxml.ns import qn
from readers import compact, html, html_text, pdf, pdf_text

from pipeline.cli import main
from pipeline.messages import CATALOGS, catalog_path
from pipeline.problems import Problems
from pipeline.render.localizer import DOMAIN, Localizer
from pipeline.reports.language_balance import words_by_language

TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_catalogs_translate_every_fixed_string(lang: str) -> None:
    with (CATALOGS / f"{DOMAIN}.pot").open("rb") as source:
        wanted = {m.id for m in read_po(source) if m.id}
    with catalog_path(lang, DOMAIN).open("rb") as source:
        catalog = read_po(source)
    translated = {m.id for m in catalog if m.id and m.string}
    assert wanted <= translated, sorted(wanted - translated)


GETTEXT = {"_", "N_", "tr", "tr_n", "gettext", "ngettext"}


def test_no_fixed_string_is_translated_inside_an_f_string() -> None:
    """`make locale` does not look inside f-strings, so a string translated there never
    reaches the catalogs, and the test above cannot see it missing."""
    found = [f"{path.relative_to(ROOT)}:{node.lineno}"
             for path in sorted((ROOT / "pipeline").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.JoinedStr)
             for call in ast.walk(node)
             if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
             and call.func.id in GETTEXT and call.args
             and isinstance(call.args[0], ast.Constant)]
    assert not found, found


@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", ["Innhold", "Side", "Deres ref.", "Med hilsen", "Dialog og mekling",
            "Menneskerettigheter", "Navnet er ikke offentlig", "Sluttuttalelse"]),
    ("nn", ["Innhald", "Side", "Dykkar ref.", "Med helsing", "Dialog og mekling",
            "Menneskerettar", "Namnet er ikkje offentleg", "Sluttfråsegn"]),
    ("en", ["Contents", "Page", "Your ref.", "Yours sincerely", "Dialogue and mediation",
            "Human Rights", "Name withheld", "Final statement"]),
])
def test_fixed_strings_in_each_language(lang: str, expected: list[str]) -> None:
    gettext = Localizer(lang, Problems()).gettext
    english = ["Contents", "Page", "Your ref.", "Yours sincerely", "Dialogue and mediation",
               "Human Rights", "Name withheld", "Final statement"]
    assert [gettext(message) for message in english] == expected


@pytest.mark.parametrize(("lang", "date", "number", "percent"), [
    ("nb", "25. november 2026", "1\u00a0234,5", "30\u00a0%"),
    ("nn", "25. november 2026", "1\u00a0234,5", "30\u00a0%"),
    ("en", "25 November 2026", "1,234.5", "30%"),
])
def test_dates_numbers_and_percentages(lang, date, number, percent) -> None:
    import datetime as dt

    localizer = Localizer(lang, Problems())
    assert localizer.date(dt.date(2026, 11, 25)) == date
    assert localizer.number(1234.5) == number
    assert localizer.percent(0.3) == percent
    assert localizer.country("MM") == "Myanmar (Burma)"
    assert Localizer("nb", Problems()).country("DE") == "Tyskland"
    assert Localizer("nn", Problems()).country("SE") == "Sverige"


def test_counted_agrees_in_number(tmp_path: Path) -> None:
    from pipeline.render.sandbox import environment

    env = environment(tmp_path, tmp_path, Localizer("nb", Problems()))
    template = env.from_string('{{ 1 | counted("sak", "saker") }}, '
                               '{{ 1234 | counted("sak", "saker") }}')
    assert template.render() == "1 sak, 1\u00a0234 saker"


PUBLISHED = [("arsrapport-2025", "nb"), ("arsrapport-2025", "en"), ("klageordningen", "nb"),
             ("klageordningen", "nn"), ("klageordningen", "en"),
             ("hoyringssvar-berekraftsrapportering", "nn")]


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang"), PUBLISHED)
def test_language_tags_are_true_in_every_format(real: Built, slug: str, lang: str) -> None:
    assert html(real.file(slug, lang, "html")).html["lang"] == lang
    word = docx.Document(str(real.file(slug, lang, "docx")))
    assert word.core_properties.language == TAGS[lang]
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == TAGS[lang]
    assert str(pdf(real.file(slug, lang, "pdf")).Root.Lang) == TAGS[lang]
    typst = (real.build / slug / f"{slug}-{lang}.typ").read_text(encoding="utf-8")
    code, region = TAGS[lang].split("-")
    assert f'lang: "{code}"' in typst and f'region: "{region}"' in typst


@pytest.mark.slow
def test_english_report_is_english(real: Built) -> None:
    found = compact(html_text(real.file("arsrapport-2025", "en", "html")))
    for phrase in ["Annual report 2025", "Foreword", "Contents", "20 March 2026",
                   "Goal 1: Promote the OECD Guidelines", "Completed"]:
        assert compact(phrase) in found, phrase
    assert compact("Page 2 of") in compact(pdf_text(real.file("arsrapport-2025", "en", "pdf")))
    assert compact("Gjennomført") not in found


@pytest.mark.slow
def test_a_passage_in_another_language_keeps_its_tag(english: Built) -> None:
    slug = "annual-report-2025"
    page = html(english.file(slug, "en", "html"))
    assert page.find("span", lang="nn").get_text() == "ansvarleg næringsliv"
    assert page.find("div", lang="nb")
    body = docx.Document(str(english.file(slug, "en", "docx"))).element.body
    tags = {e.get(qn("w:val")) for e in body.iter(qn("w:lang"))}
    assert {"nb-NO", "nn-NO"} <= tags
    from test_annual_report import structure

    document = pdf(english.file(slug, "en", "pdf"))
    langs = {str(e.Lang) for e in structure(document.Root.StructTreeRoot) if "/Lang" in e}
    assert "nb-NO" in langs  # the bokmål paragraph; Typst tags inline spans not yet
    typst = (english.build / slug / f"{slug}-en.typ").read_text(encoding="utf-8")
    assert '#text(lang: "nn", region: "NO")[' in typst  # hyphenated as nynorsk


# Versions that agree ------------------------------------------------------------------

def two_language_copy(tmp_path: Path, english_chapter: str) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder)
    publication = folder / "publications" / "rapport"
    text = (publication / "publication.yaml").read_text(encoding="utf-8")
    text = text.replace("title: {nb: Testrapport 2025}",
                        "title: {nb: Testrapport 2025, en: Test report 2025}")
    text = text.replace("languages: [nb]", "languages: [nb, en]\nfallback: nb")
    (publication / "publication.yaml").write_text(text, encoding="utf-8")
    (publication / "en").mkdir()
    shutil.copy(publication / "nb" / "bilde.svg", publication / "en" / "bilde.svg")
    (publication / "en" / "tall.md").write_text(english_chapter, encoding="utf-8")
    shutil.copy(publication / "nb" / "saker.md", publication / "en" / "saker.md")
    return folder


@pytest.mark.slow
def test_versions_with_other_figures_are_an_error(tmp_path: Path) -> None:
    nb = (FIXTURES / "mini/publications/rapport/nb/tall.md").read_text(encoding="utf-8")
    en = nb.replace("Mottatt: {{ cases.received(year).count }}.",
                    "Received: {{ cases.concluded(year).count }}.")
    status, output = check(two_language_copy(tmp_path, en))
    assert status == 1
    assert ("publications/rapport/en/tall.md: error: en/tall.md inserts other figures than "
            "nb/tall.md: 2 where nb has 3") in output


@pytest.mark.slow
def test_versions_with_another_structure_are_an_error(tmp_path: Path) -> None:
    nb = (FIXTURES / "mini/publications/rapport/nb/tall.md").read_text(encoding="utf-8")
    status, output = check(two_language_copy(tmp_path, nb + "\n## Extra section\n\nText.\n"))
    assert status == 1
    assert ("publications/rapport/publication.yaml: error: the en version has 6 level-2 "
            "headings, the nb version 5") in output


@pytest.mark.slow
def test_untranslated_chapters_are_listed(tmp_path: Path) -> None:
    nb = (FIXTURES / "mini/publications/rapport/nb/tall.md").read_text(encoding="utf-8")
    status, output = check(two_language_copy(tmp_path, nb.replace("Tall for", "Figures for")))
    assert status == 0
    assert "warning: en/saker.md is not translated: it is the same text as nb/saker.md" in output
    assert "tall.md is not translated" not in output


# Målform balance ------------------------------------------------------------------------

def test_words_are_counted_in_the_language_they_are_marked() -> None:
    from pipeline.document import pandoc

    ast = pandoc.parse_markdown("Dette er fire ord.\n\n[Eitt to]{lang=nn} og [one]{lang=en}"
                                "\n\n::: {lang=nn}\nTre ord her\n:::\n")
    assert words_by_language(ast["blocks"], "nb") == {"nb": 5, "nn": 5, "en": 1}


@pytest.mark.slow
def test_sprak_reports_the_balance_of_a_year(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sprak", "2025", "--content", str(ROOT / "content"),
                                       "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    total = next(line for line in lines if line.startswith("total")).split()
    nb, nn, en = (int(n) for n in total[1:])
    assert nb > 10_000 and 1_000 < nn < nb and en > 1_000
    assert f"bokmål {nb / (nb + nn):.0%}, nynorsk {nn / (nb + nn):.0%}" in result.output
    assert "warning: nn is under 25% of the Norwegian text in 2025" in result.output
    assert "Klage til Kontaktpunktet" in result.output
    assert "Årsrapport 2025" not in result.output  # published in 2026
    page = html(tmp_path / "sprak-2025" / "sprak-2025-nb.html")
    assert page.html["lang"] == "nb"
    assert page.find("table") and page.find("img", alt=lambda a: a and "Søylediagram" in a)
    assert "Nynorsk er under minstekravet på 25" in page.get_text()
    plain = next(t for t in page.find_all("table") if "Klarspråk" in t.caption.get_text())
    rows = [[cell.get_text() for cell in row.find_all("td")] for row in plain.find_all("tr")]
    assert ["Klage til Kontaktpunktet", "nn"] in [row[:2] for row in rows]
    assert all(20 < int(row[2]) < 60 and row[3].endswith("%") for row in rows if row)
    assert any(line.split()[:2] == ["klageordningen", "nn"] for line in lines)


@pytest.mark.slow
def test_index_lists_every_built_file(real: Built) -> None:
    page = html(real.output / "index.html")
    links = [a["href"] for a in page.select("ul.files a")]
    built = sorted(str(p.relative_to(real.output)) for p in real.output.glob("*/*.*"))
    assert sorted(links) == built
    assert len(built) == 45  # and the brochure's three print PDFs
    assert page.html["lang"] == "nb" and page.select("section.listed h2")
