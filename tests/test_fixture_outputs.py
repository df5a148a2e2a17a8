"""Small fixture folders: computed figures, escaping and confidentiality in every format,
and a second, English-only folder with its own brand to prove --content is real."""

from __future__ import annotations

import docx
import pytest
from conftest import Built
from docx.oxml.ns import qn
from readers import compact, docx_text, html, html_text, pdf, pdf_text

pytestmark = pytest.mark.slow
NASTY_TITLE = "*farming* <script>alert(1)</script> #set page(width: 1cm) $x^2$ @fig:none"
FORMATS = ["html", "docx", "pdf"]
READ = {"html": html_text, "docx": docx_text, "pdf": pdf_text}


def text_of(built: Built, slug: str, lang: str, fmt: str) -> str:
    return compact(READ[fmt](built.file(slug, lang, fmt)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_figures_are_computed_from_the_case_files(mini: Built, fmt: str) -> None:
    text = text_of(mini, "rapport", "nb", fmt)
    # 2025: received 2025-01, 2025-02 (not public) and 2025-03; accepted 2025-01;
    # concluded 2025-01 (agreement) and 2025-03 (not accepted); open 2024-01 and 2025-02.
    for line in ["Mottatt: 3.", "Tatt til behandling: 1.", "Avsluttet: 2.",
                 "Under behandling: 2.", "Ikke offentlige: 1.", "Deltakere: 1 274.",
                 "Andel: 30 %.", "Dato: 20. mars 2026."]:
        assert compact(line) in text, line


def test_norwegian_numbers_use_no_break_spaces(mini: Built) -> None:
    source = mini.markdown("rapport", "nb")
    assert "Deltakere: 1\u00a0274." in source
    assert "Andel: 30\u00a0\\%." in source


@pytest.mark.parametrize("fmt", FORMATS)
def test_data_is_text_never_markup(mini: Built, fmt: str) -> None:
    assert compact(NASTY_TITLE) in text_of(mini, "rapport", "nb", fmt)


def test_html_has_no_injected_element(mini: Built) -> None:
    page = html(mini.file("rapport", "nb", "html"))
    assert page.find("script") is None
    assert not page.find_all("em", string="farming")
    headings = [" ".join(h.get_text(" ").split()) for h in page.find_all("h3")]
    assert NASTY_TITLE in headings


def test_pdf_page_size_was_not_changed_by_data(mini: Built) -> None:
    for page in pdf(mini.file("rapport", "nb", "pdf")).pages:
        width = float(page.MediaBox[2]) - float(page.MediaBox[0])
        assert abs(width - 595.28) < 1  # A4


@pytest.mark.parametrize("fmt", FORMATS)
def test_confidential_and_unpublished_never_reach_an_output(mini: Built, fmt: str) -> None:
    text = text_of(mini, "rapport", "nb", fmt)
    for secret in ["Hemmelig Klagerforening", "Anonym Leverandør AS", "INTERN-NOTAT-XYZ",
                   "Skjult sak Zeta", "Usynlig Konsern ASA", "Synlig Forbund Zeta"]:
        assert compact(secret) not in text, secret
        assert secret not in mini.markdown("rapport", "nb")
    assert compact("Navnet er ikke offentlig") in text
    assert compact("Tindefjell Gruvedrift AS") in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_chart_alt_text_states_the_numbers(mini: Built, fmt: str) -> None:
    expected = "Søylediagram. Saker behandlet i 2025"
    if fmt == "html":
        alts = [img["alt"] for img in html(mini.file("rapport", "nb", "html")).find_all("img")]
    elif fmt == "docx":
        document = docx.Document(str(mini.file("rapport", "nb", "docx")))
        alts = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    else:
        alts = _figure_alts(mini)
    [chart] = [alt for alt in alts if alt.startswith(expected)]
    for bar in ["Dialog og mekling: 1", "Enighet: 1", "Ikke tatt til behandling: 1",
                "Klage mottatt: 1"]:
        assert bar in chart
    assert "Et grønt kvadrat med en hvit sirkel" in alts


def _figure_alts(built: Built) -> list[str]:
    from test_annual_report import structure

    document = pdf(built.file("rapport", "nb", "pdf"))
    return [str(e.get("/Alt")) for e in structure(document.Root.StructTreeRoot)
            if e.get("/S") == "/Figure"]


def test_english_folder_with_its_own_brand(english: Built) -> None:
    slug = "annual-report-2025"
    page = html(english.file(slug, "en", "html"))
    assert page.html["lang"] == "en"
    assert "#7a1f3d" in str(page.find_all("style"))
    assert page.find("img", alt="The Ruritanian crest")
    text = compact(html_text(english.file(slug, "en", "html")))
    assert compact("published this report on 2 February 2026. Share: 30.5%.") in text
    assert compact("2,500 participants") in text
    assert compact("Ruritanian National Contact Point") in text
    assert str(pdf(english.file(slug, "en", "pdf")).Root.Lang) == "en-GB"
    word = docx.Document(str(english.file(slug, "en", "docx")))
    assert word.core_properties.language == "en-GB"
    assert compact("Harbour Lines Ltd") in compact(docx_text(english.file(slug, "en", "docx")))
    assert compact("| India |") in compact(english.markdown(slug, "en"))  # CLDR's name
