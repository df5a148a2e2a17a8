"""Every publication kind, opened in each format: letters, guidance, brochure, the plan."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import SEED, Built
from docx.oxml.ns import qn
from readers import compact, docx_text, html, html_text, pdf, pdf_text

from pipeline.cli import main

pytestmark = pytest.mark.slow
FORMATS = ["html", "docx", "pdf"]
READ = {"html": html_text, "docx": docx_text, "pdf": pdf_text}
LETTER = "hoeringssvar-aapenhetsloven"
GUIDANCE = "veiledning-krig-og-konflikt"
BROCHURE = "klageordningen"
PLAN = "virksomhetsplan-2025"


def text(built: Built, slug: str, lang: str, fmt: str) -> str:
    return compact(READ[fmt](built.file(slug, lang, fmt)))


# Letters ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_fields_in_every_format(real: Built, fmt: str) -> None:
    found = text(real, LETTER, "nb", fmt)
    for field in ["Barne- og familiedepartementet", "Postboks 8036 Dep", "0030 Oslo",
                  "Deres ref.", "Vår ref.", "Dato", "25/0871", "25/00031", "8. mai 2025",
                  "Saksbehandler: Sindre Holmsen, tlf. +47 22 00 00 11",
                  "Høringssvar – forslag til endringer i åpenhetsloven",
                  "Vi viser til høringsbrev av 14. februar 2025", "Med hilsen",
                  "Astrid Lunde Berg", "leder", "Sindre Holmsen", "seniorrådgiver",
                  "Dokumentet er elektronisk godkjent"]:
        assert compact(field) in found, field
    assert found.index(compact("Barne- og")) < found.index(compact("Deres ref.")) < \
        found.index(compact("Vi viser til")) < found.index(compact("Med hilsen")) < \
        found.index(compact("Astrid Lunde Berg"))


def test_nynorsk_letter_uses_nynorsk_labels(real: Built) -> None:
    slug = "hoyringssvar-berekraftsrapportering"
    for fmt in FORMATS:
        found = text(real, slug, "nn", fmt)
        for label in ["Dykkar ref.", "Vår ref.", "Sakshandsamar:", "Med helsing",
                      "har difor ingen handskrivne signaturar"]:
            assert compact(label) in found, (fmt, label)
    assert str(pdf(real.file(slug, "nn", "pdf")).Root.Lang) == "nn-NO"


def test_letter_pdf_numbers_pages_from_page_two(real: Built) -> None:
    document = pdf(real.file(LETTER, "nb", "pdf"))
    pages = len(document.pages)
    assert pages >= 2
    import pypdf

    reader = pypdf.PdfReader(str(real.file(LETTER, "nb", "pdf")))
    first = compact(reader.pages[0].extract_text())
    assert "Side1" not in first
    assert compact("Postboks 8114 Dep") in first  # the sender's details on page 1
    for number in range(2, pages + 1):
        assert compact(f"Side {number} av {pages}") in compact(
            reader.pages[number - 1].extract_text())


def test_letter_docx_layout(real: Built) -> None:
    word = docx.Document(str(real.file(LETTER, "nb", "docx")))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    first_footer = section.first_page_footer._element
    assert not list(first_footer.iter(qn("w:fldSimple")))
    fields = [f.get(qn("w:instr")) for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    styles = [p.style.name for p in word.paragraphs]
    assert styles.count("Recipient") == 1 and "Signature" in styles and "Closing" in styles
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        "Høringssvar – forslag til endringer i åpenhetsloven"]
    assert not any(p.style.name in ("Title", "Date") for p in word.paragraphs)
    [references] = [t for t in word.tables if t.rows[0].cells[0].text == "Deres ref."]
    assert [c.text for c in references.rows[1].cells] == ["25/0871", "25/00031", "8. mai 2025"]
    logo = next(word.element.body.iter(qn("wp:docPr")))
    assert logo.get("descr") == "Kontaktpunktets logo, en stilisert globus"
    assert not word.styles["Heading 1"].paragraph_format.page_break_before


def test_scaffolded_hearing_response_builds(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    result = CliRunner().invoke(main, [
        "new", "hearing", "--content", str(content),
        "--title", "Høring – forslag til lov om ansvarlig næringsliv",
        "--recipient", "Nærings- og fiskeridepartementet",
        "--address", "Postboks 8090 Dep", "--address", "0032 Oslo",
        "--deadline", "2027-02-01"])
    assert result.exit_code == 0, result.output
    slug = "hoeringssvar-forslag-til-lov-om-ansvarlig-naeringsliv"
    folder = content / "publications" / slug
    yaml_text = (folder / "publication.yaml").read_text(encoding="utf-8")
    assert "kind: hearing-response" in yaml_text and "&id" not in yaml_text
    result = CliRunner().invoke(main, ["build", slug, "--content", str(content),
                                       "--output", str(tmp_path / "out"),
                                       "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    built = compact(html_text(tmp_path / "out" / slug / f"{slug}-nb.html"))
    assert compact("Høringssvar – forslag til lov om ansvarlig næringsliv") in built
    assert compact("Vi viser til høringsbrev av") in built
    again = CliRunner().invoke(main, [
        "new", "hearing", "--content", str(content),
        "--title", "Høring – forslag til lov om ansvarlig næringsliv",
        "--recipient", "X", "--deadline", "2027-02-01"])
    assert again.exit_code == 1 and "exists already" in again.output


# Guidance --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_guidance_cross_references_and_citations_resolve(real: Built, fmt: str) -> None:
    found = text(real, GUIDANCE, "nb", fmt)
    assert "??" not in found
    assert "@sec-" not in found and "@tbl-" not in found and "@fig-" not in found
    assert "[@" not in found
    assert compact("avsnitt 2.4") in found
    assert re.search(r"tabell\d", found)
    assert compact("(OECD 2023)") in found
    assert compact("Referanser") in found
    assert compact("OECD Due Diligence Guidance for Responsible Business Conduct") in found
    assert compact("Tabell 1:") in found and compact("Figur 1:") in found


def test_guidance_cross_references_link_to_their_targets(real: Built) -> None:
    page = html(real.file(GUIDANCE, "nb", "html"))
    links = page.select("a.cross-reference")
    assert len(links) >= 20
    for link in links:
        assert page.find(id=link["href"][1:]), link["href"]
    heading = page.find(id="sec-kartlegge")
    assert heading.get_text(" ", strip=True).startswith("4 ")


def test_guidance_boxes_footnotes_and_glossary(real: Built) -> None:
    page = html(real.file(GUIDANCE, "nb", "html"))
    boxes = page.select("div.callout")
    assert len(boxes) >= 5
    assert {b["class"][1] for b in boxes} >= {"callout-note", "callout-tip", "callout-warning"}
    assert len(page.select("section.footnotes li")) >= 6
    assert len(page.select("dl dt")) >= 12
    word = docx.Document(str(real.file(GUIDANCE, "nb", "docx")))
    styles = {p.style.name for p in word.paragraphs}
    assert {"Callout Note", "Callout Tip", "Callout Warning", "Callout Title"} <= styles
    notes = [p for p in word.part.rels.values() if p.reltype.endswith("/footnotes")]
    assert notes and notes[0].target_part.blob.count(b"<w:footnote ") >= 8
    typst_source = (real.build / GUIDANCE / f"{GUIDANCE}-nb.typ").read_text(encoding="utf-8")
    assert typst_source.count("#callout(") >= 5
    assert typst_source.count("#footnote[") >= 6


def test_guidance_is_long_and_numbered(real: Built) -> None:
    assert len(pdf(real.file(GUIDANCE, "nb", "pdf")).pages) >= 15
    toc = [a.get_text(" ", strip=True) for a in html(real.file(GUIDANCE, "nb", "html"))
           .select("nav#toc a")]
    assert toc[0].startswith("1 ") and any(entry.startswith("2.1 ") for entry in toc)


# Brochure --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_brochure_is_a5_with_at_most_eight_pages(real: Built, lang: str) -> None:
    document = pdf(real.file(BROCHURE, lang, "pdf"))
    assert 4 <= len(document.pages) <= 8
    box = document.pages[0].MediaBox
    assert (round(float(box[2])), round(float(box[3]))) == (420, 595)
    assert str(document.Root.Lang) == {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}[lang]
    word = docx.Document(str(real.file(BROCHURE, lang, "docx")))
    assert round(word.sections[0].page_width.cm, 1) == 14.8


@pytest.mark.parametrize("fmt", FORMATS)
def test_brochure_diagram_is_generated_from_the_steps(real: Built, fmt: str) -> None:
    steps = ["Klage mottatt", "Første vurdering", "Dialog og mekling", "Utredning",
             "Sluttuttalelse", "Oppfølging"]
    if fmt == "html":
        alts = [i["alt"] for i in html(real.file(BROCHURE, "nb", "html")).find_all("img")]
    elif fmt == "docx":
        word = docx.Document(str(real.file(BROCHURE, "nb", "docx")))
        alts = [e.get("descr") for e in word.element.body.iter(qn("wp:docPr"))]
    else:
        from test_annual_report import structure

        document = pdf(real.file(BROCHURE, "nb", "pdf"))
        alts = [str(e.get("/Alt")) for e in structure(document.Root.StructTreeRoot)
                if e.get("/S") == "/Figure"]
    [diagram] = [alt for alt in alts if alt.startswith("Diagram. Slik behandler vi en klage")]
    positions = [diagram.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "om lag 3 måneder" in diagram and "om lag 6 måneder" in diagram


@pytest.mark.parametrize("fmt", FORMATS)
def test_brochure_contact_details_come_from_site_yaml(real: Built, fmt: str) -> None:
    found = text(real, BROCHURE, "nb", fmt)
    for detail in ["oecdncp@mfa.no", "Postboks 8114 Dep, 0032 Oslo", "https://www.responsiblebusiness.no"]:
        assert compact(detail) in found


def test_brochure_contact_details_follow_the_site(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("oecdncp@mfa.no",
                                                             "klage@example.org"),
                    encoding="utf-8")
    built = Built(content, tmp_path / "out", tmp_path / "build")
    from pipeline.build import Request, build

    build(Request(content, built.output, built.build, [BROCHURE], languages=["en"],
                  formats=["pdf"]))
    assert "klage@example.org" in text(built, BROCHURE, "en", "pdf")


# The plan --------------------------------------------------------------------------------

def seed_lines() -> list[str]:
    """Every line of the seed's text, without bullets and list numbers."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("•").strip()
        line = re.sub(r"^(Delmål \d+\.|\d+\.)\s*", "", line)
        if line and line != "Virksomhetsplan for 2025":
            lines.append(line)
    return lines


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_is_complete_against_the_seed_in_order(real: Built, fmt: str) -> None:
    found = text(real, PLAN, "nb", fmt)
    position = 0
    for line in seed_lines():
        at = found.find(compact(line), position)
        assert at >= 0, line
        position = at
    for label in ["Formål", "Delmål1.1:", "Delmål1.2:", "Delmål1.3:", "Mål1:Fremme",
                  "Mål2:Behandle", "1.1.3Fremme", "2.6Tilrettelegge"]:
        assert label in found


def test_plan_is_numbered_as_the_annual_report_numbers_it(real: Built) -> None:
    page = html(real.file(PLAN, "nb", "html"))
    assert page.find(id="aktivitet-1-1-3").get_text(strip=True) == "1.1.3"
    assert page.find(id="aktivitet-2-6").get_text(strip=True) == "2.6"
    headings = [h.get_text(" ", strip=True) for h in page.select(".body h2, .body h3")]
    assert headings[0] == "Formål"  # the purpose statement has a heading
    assert headings[1].startswith("Mål 1: Fremme OECDs retningslinjer")
    assert any(h.startswith("Delmål 1.3: Samarbeide") for h in headings)
