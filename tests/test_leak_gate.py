"""The confidential-data gate, on real HTML, DOCX and PDF files made for each test.

Every test plants a secret in one place of a file and asserts that `leaks` finds exactly that
secret; the clean files hold near misses ("2025-07-01", a party's first name alone) and must
give nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import docx
import pikepdf
import pypandoc
import pypdfium2 as pdfium
import pytest
import typst
from docx.oxml.ns import qn
from PIL import Image

from pipeline.content.model import Case, Party, Text
from pipeline.publish.gate import Secret, leaks, secrets

CASES = Path("content/cases")
NAME = Secret("Oddleif Kvernmo-Tangvald", CASES / "2025-01.yaml",
              "submitter.name (confidential party)")
COMPANY = Secret("Krokvåg Entreprenør AS", CASES / "2025-01.yaml",
                 "enterprise.name (confidential party)")
VILLAGE = Secret("Bygdeutvalget i Qochapampa Alta", CASES / "2023-02.yaml",
                 "submitter.name (confidential party)")
CASE_ID = Secret("2025-07", CASES / "2025-07.yaml", "id (case not public)")
SUMMARY = Secret(
    "Tanintharyi Tin Miners' Solidarity Circle mener at Vindeløkken Metallverk AS kjøper tinn "
    "fra gruver i Myanmar som finansierer væpnede grupper. Klagen viser til kapitlene om "
    "generelle retningslinjer og menneskerettigheter. Kontaktpunktet har ennå ikke gjort den "
    "første vurderingen av saken.",
    CASES / "2025-07.yaml", "summary.nb (case not public)")
NOTES = Secret("Intern merknad: Klager har bedt om at navnet aldri oppgis offentlig, av frykt "
               "for represalier.", CASES / "2023-02.yaml", "notes")
SHORT_NAME = Secret("Ola Berg", CASES / "2024-09.yaml", "submitter.name (confidential party)")
ALL = [NAME, COMPANY, VILLAGE, CASE_ID, SUMMARY, NOTES, SHORT_NAME]

# Public text around the plants, with near misses of every secret.
CLEAN = ("Kontaktpunktet mottok en klage 2025-07-01 om et entreprenørselskap. Oddleif og "
         "Krokvåg er stedsnavn her, og saken 2025-071 er en annen. Nikola Bergersen deltok.")


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text.casefold())


def letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# --- secrets() ------------------------------------------------------------------------------


def case(path: str, **fields) -> Case:
    values = dict(
        id=Path(path).stem, title=Text(nb="Offentlig tittel"), received=dt.date(2025, 1, 1),
        submitter=Party("Klagerforeningen", False, "ngo"),
        enterprise=Party("Selskapet AS", False), lead_ncp="NO", supporting_ncps=[],
        host_countries=["NO"], sector="construction", chapters=["general-policies"],
        guidelines_edition=2023, public=True, timeline=[], outcome=None,
        summary=Text(nb="Et offentlig sammendrag."), notes=None, path=Path(path))
    values.update(fields)
    return Case(**values)


def test_secrets_lists_every_confidential_string_once():
    a, b, c, d = (Path(f"cases/{n}.yaml") for n in ("2025-01", "2025-07", "2025-08", "2025-09"))
    cases = [
        case(str(a), submitter=Party(NAME.text, True, "individual"), notes="  \n"),
        case(str(b), public=False, enterprise=Party(COMPANY.text, True),
             title=Text(nb="Klager og Krokvåg", en="Submitter and Krokvåg"),
             summary=Text(nb="Et sammendrag som ikke er publisert.", en=""),
             notes="Intern merknad."),
        case(str(c), enterprise=Party(COMPANY.text.upper(), True)),  # the same name again
        case(str(d), submitter=Party(" ", True, "individual")),
    ]
    assert secrets(cases) == [
        Secret(NAME.text, a, "submitter.name (confidential party)"),
        Secret(COMPANY.text, b, "enterprise.name (confidential party)"),
        Secret("2025-07", b, "id (case not public)"),
        Secret("Klager og Krokvåg", b, "title.nb (case not public)"),
        Secret("Submitter and Krokvåg", b, "title.en (case not public)"),
        Secret("Et sammendrag som ikke er publisert.", b, "summary.nb (case not public)"),
        Secret("Intern merknad.", b, "notes"),
    ]


def test_secrets_of_public_cases_without_confidential_parties_are_only_notes():
    cases = [case("cases/2024-03.yaml"), case("cases/2024-05.yaml", notes="Ring klager.")]
    assert secrets(cases) == [Secret("Ring klager.", Path("cases/2024-05.yaml"), "notes")]


def test_leaks_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="odt"):
        leaks(tmp_path / "x.odt", "odt", ALL)


# --- HTML -----------------------------------------------------------------------------------


def svg(text: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
            f'<title>Diagram</title><text x="0" y="10">{text}</text></svg>')


def html_page(tmp_path: Path, body: str, head: str = "") -> Path:
    path = tmp_path / "page.html"
    path.write_text('<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">'
                    f"<title>Årsrapport 2025</title>{head}</head><body><p>{CLEAN}</p>{body}"
                    "</body></html>", encoding="utf-8")
    return path


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


HTML_PLACES = {
    "text split by inline markup": ("<p>Saken gjelder Krok<em>våg</em> Entreprenør AS.</p>", "",
                                    COMPANY),
    "attribute": (f'<img alt="{NAME.text}" src="bilde.png">', "", NAME),
    "percent-encoded link": ('<a href="https://example.org/Krokv%C3%A5g%20Entrepren%C3%B8r%20AS">'
                             "lenke</a>", "", COMPANY),
    "base64 SVG data URI": (
        f'<img alt="Diagram" src="data:image/svg+xml;base64,'
        f'{b64(svg("Bygdeutvalget i <tspan>Qochapampa</tspan> Alta"))}">', "", VILLAGE),
    "percent-encoded SVG data URI": (
        f'<img alt="Diagram" src="data:image/svg+xml;charset=utf-8,{quote(svg(NAME.text))}">',
        "", NAME),
    "percent-encoded SVG in CSS": (
        '<div class="logo"></div>', "<style>.logo{background:url(\"data:image/svg+xml,"
        f'{quote(svg(COMPANY.text), safe=" =/:")}")}}</style>', COMPANY),
    "base64 CSS data URI": (
        "", f'<link rel="stylesheet" href="data:text/css;base64,'
        f'{b64("/* " + NAME.text + " */ p { color: red }")}">', NAME),
    "script": ("", '<script>const saken = "2025-07";</script>', CASE_ID),
    "style": ("", f"<style>/* {VILLAGE.text} */ p {{ margin: 0 }}</style>", VILLAGE),
    "comment": ("<!-- sak 2025-07 -->", "", CASE_ID),
}


@pytest.mark.parametrize("place", HTML_PLACES)
def test_html_leak_is_found_in(tmp_path, place):
    body, head, secret = HTML_PLACES[place]
    assert leaks(html_page(tmp_path, body, head), "html", ALL) == [secret]


def test_html_clean_page_with_binary_data_uris_has_no_leak(tmp_path):
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    font = base64.b64encode(bytes(range(256)) * 64).decode()
    page = html_page(
        tmp_path, f'<img alt="Kart" src="data:image/png;base64,'
        f'{base64.b64encode(png.getvalue()).decode()}"><p>Se sak 2025-07-01.</p>',
        f"<style>@font-face{{font-family:X;src:url(data:font/woff2;base64,{font})}}</style>")
    assert leaks(page, "html", ALL) == []


@pytest.mark.parametrize(("text", "secret"), [
    ("KROKVÅG ENTREPRENØR AS", COMPANY),                                 # case
    ("Krok&shy;våg&nbsp;Entrepren&oslash;r&#8239;AS", COMPANY),           # entities, spaces
    ("Krokva\u030ag Entreprenør A\u2011S", COMPANY),                       # NFKC, no-break hyphen
    ("Oddleif Kvernmo\u2013Tangvalds klage", NAME),                       # dash, genitive
    (NOTES.text.replace("offentlig", "o\ufb00entlig").replace("'", "’"), NOTES),  # ligature
    (SUMMARY.text.replace("'", "’"), SUMMARY),                            # typographic quote
])
def test_html_matching_survives_what_formats_do_to_text(tmp_path, text, secret):
    assert leaks(html_page(tmp_path, f"<p>{text}</p>"), "html", ALL) == [secret]


@pytest.mark.parametrize(("text", "hit"), [
    ("sak 2025-07.", True),
    ("(2025-07)", True),
    ("saker/2025-07/", True),
    ("2025–07", True),
    ("2025-07-saken", True),
    ("sak\u00a02025\u201107", True),
    ("2025-07-01", False),
    ("12025-07", False),
    ("2025-071", False),
    ("2024-2025-07", False),
    ("2025-07a", False),
    ("Ola Berg", True),
    ("Ola Bergs klage", True),
    ("Ola Berg-saken", True),
    ("Ola Bergersen", False),
    ("Nikola Berg", False),
])
def test_short_secrets_match_only_as_a_whole_token(tmp_path, text, hit):
    found = leaks(html_page(tmp_path, f"<p>{text}</p>"), "html", [CASE_ID, SHORT_NAME])
    assert bool(found) is hit


def test_long_secret_matches_inside_a_longer_word(tmp_path):
    page = html_page(tmp_path, "<p>Oddleif Kvernmo-Tangvaldsaken er avsluttet.</p>")
    assert leaks(page, "html", ALL) == [NAME]


def test_leaks_lists_each_secret_once_in_the_order_given(tmp_path):
    page = html_page(tmp_path, f"<p>{COMPANY.text}, {NAME.text}, {NAME.text}, 2025-07.</p>")
    assert leaks(page, "html", [CASE_ID, NAME, COMPANY]) == [CASE_ID, NAME, COMPANY]


# --- DOCX -----------------------------------------------------------------------------------


def png_bytes() -> io.BytesIO:
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(image, "PNG")
    image.seek(0)
    return image


def docx_with(tmp_path: Path, plant) -> Path:
    document = docx.Document()
    document.add_paragraph(CLEAN)
    plant(document)
    path = tmp_path / "letter.docx"
    document.save(str(path))
    return path


def split_runs(document: docx.document.Document) -> None:
    paragraph = document.add_paragraph("Klager er ")
    for part, bold in (("Oddleif Kvern", False), ("mo-Tang", True), ("vald", False)):
        paragraph.add_run(part).bold = bold
    paragraph.add_run(".")


def comment(document: docx.document.Document) -> None:
    run = document.add_paragraph("Se merknaden.").runs[0]
    document.add_comment(run, text=NOTES.text, author="Saksbehandler")


def picture(attribute: str, text: str = VILLAGE.text):
    def plant(document: docx.document.Document) -> None:
        document.add_picture(png_bytes())
        for properties in document.element.body.iter(qn("wp:docPr")):
            properties.set(attribute, text)
    return plant


def header(document: docx.document.Document) -> None:
    document.sections[0].header.paragraphs[0].text = f"Sak {CASE_ID.text}"


def footer(document: docx.document.Document) -> None:
    document.sections[0].footer.paragraphs[0].text = COMPANY.text


def core_title(document: docx.document.Document) -> None:
    document.core_properties.title = COMPANY.text


DOCX_PLACES = {
    "body split across runs": (split_runs, NAME),
    "header": (header, CASE_ID),
    "footer": (footer, COMPANY),
    "comment": (comment, NOTES),
    "core property": (core_title, COMPANY),
    "image description": (picture("descr"), VILLAGE),
    "image title": (picture("title"), VILLAGE),
}


@pytest.mark.parametrize("place", DOCX_PLACES)
def test_docx_leak_is_found_in(tmp_path, place):
    plant, secret = DOCX_PLACES[place]
    assert leaks(docx_with(tmp_path, plant), "docx", ALL) == [secret]


def split_runs_after_a_number(document: docx.document.Document) -> None:
    document.add_paragraph("Vedlegg 3")
    paragraph = document.add_paragraph("2025-0")
    paragraph.add_run("7 er saken.").bold = True


def test_docx_short_secret_split_across_runs_at_a_paragraph_start_is_found(tmp_path):
    """The part's text runs "Vedlegg 32025-07": only the paragraph's own text shows the token."""
    assert leaks(docx_with(tmp_path, split_runs_after_a_number), "docx", ALL) == [CASE_ID]


def test_docx_body_split_across_runs_is_really_split(tmp_path):
    texts = [t.text for t in docx.Document(str(docx_with(tmp_path, split_runs)))
             .element.body.iter(qn("w:t"))]
    assert NAME.text not in texts
    assert "Oddleif Kvern" in texts


def add_custom_property(path: Path, name: str, value: str) -> None:
    """docProps/custom.xml, its content type and its relationship: python-docx writes none."""
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property></Properties>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/custom-properties" '
        b'Target="docProps/custom.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, data in parts.items():
            package.writestr(part, data)


def test_docx_leak_is_found_in_custom_property(tmp_path):
    path = docx_with(tmp_path, lambda document: None)
    add_custom_property(path, "Saksnummer", CASE_ID.text)
    docx.Document(str(path))  # still a document Word and python-docx open
    assert leaks(path, "docx", ALL) == [CASE_ID]


def pandoc_docx(tmp_path: Path, markdown: str) -> Path:
    path = tmp_path / "pandoc.docx"
    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(path))
    return path


def test_docx_leak_is_found_in_footnote(tmp_path):
    path = pandoc_docx(tmp_path, f"{CLEAN}[^1]\n\n[^1]: Klager er {NAME.text}.\n")
    with zipfile.ZipFile(path) as package:
        assert b"Kvernmo" in package.read("word/footnotes.xml")
        assert b"Kvernmo" not in package.read("word/document.xml")
    assert leaks(path, "docx", ALL) == [NAME]


def test_docx_leak_is_found_in_hyperlink_relationship(tmp_path):
    path = pandoc_docx(tmp_path, f"{CLEAN} Se [saken](https://example.org/saker/2025-07).\n")
    assert leaks(path, "docx", ALL) == [CASE_ID]


def test_docx_clean_files_have_no_leak(tmp_path):
    assert leaks(docx_with(tmp_path, picture("descr", "Et kart over Peru")), "docx", ALL) == []
    assert leaks(pandoc_docx(tmp_path, f"{CLEAN}[^1]\n\n[^1]: Dato 2025-07-01.\n"), "docx",
                 ALL) == []


# --- PDF ------------------------------------------------------------------------------------


def typst_pdf(tmp_path: Path, body: str, title: str = "Årsrapport 2025",
              page: str = "") -> Path:
    """A tagged PDF/UA-1 file, as the build writes them."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "figur.svg").write_text(svg("Figur"), encoding="utf-8")
    source = tmp_path / "doc.typ"
    source.write_text(f'#set document(title: "{title}", author: "Kontaktpunktet")\n'
                      f'#set text(lang: "nb")\n{page}\n{CLEAN}\n\n{body}\n', encoding="utf-8")
    target = tmp_path / "doc.pdf"
    typst.compile(str(source), output=str(target), format="pdf", pdf_standards=["ua-1"])
    return target


def page_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(document[i].get_textpage().get_text_range()
                         for i in range(len(document)))
    finally:
        document.close()


def test_pdf_leak_hyphenated_across_a_line_end_is_found(tmp_path):
    path = typst_pdf(tmp_path, '#set text(hyphenate: true)\n#set par(justify: true)\n'
                     f"#block(width: 1.8cm)[Klagen kom fra {VILLAGE.text} i mars.]")
    assert "qochapampa" not in squashed(page_text(path))  # hyphenated: "Qochapam-pa"
    assert leaks(path, "pdf", ALL) == [VILLAGE]


def without_info_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/Title"]


def without_xmp(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Metadata"]


@pytest.mark.parametrize("edit", [None, without_info_title, without_xmp])
def test_pdf_leak_in_title_metadata_is_found(tmp_path, edit):
    path = typst_pdf(tmp_path, "Et avsnitt.", title=COMPANY.text)
    if edit is not None:
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            edit(pdf)
            pdf.save(path)
    assert leaks(path, "pdf", ALL) == [COMPANY]


def test_pdf_leak_in_image_alt_text_is_found(tmp_path):
    path = typst_pdf(tmp_path, f'#image("figur.svg", alt: "{NAME.text}", width: 2cm)')
    assert "kvernmo" not in squashed(page_text(path))
    assert leaks(path, "pdf", ALL) == [NAME]


def test_pdf_leak_in_link_uri_is_found(tmp_path):
    path = typst_pdf(tmp_path, '#link("https://example.org/saker/2025-07")[saken]')
    assert leaks(path, "pdf", ALL) == [CASE_ID]


def test_pdf_leak_in_percent_encoded_link_uri_is_found(tmp_path):
    path = typst_pdf(tmp_path, '#link("https://example.org/Krokv%C3%A5g-Entrepren%C3%B8r-AS")'
                     "[saken]")
    assert leaks(path, "pdf", ALL) == [COMPANY]


def test_pdf_leak_in_annotation_contents_is_found(tmp_path):
    path = typst_pdf(tmp_path, "Et avsnitt.")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        note = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text,
            Rect=[10, 10, 30, 30], Contents=pikepdf.String(NOTES.text)))
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([note]))
        pdf.save(path)
    assert leaks(path, "pdf", ALL) == [NOTES]


def test_pdf_summary_cut_by_a_page_break_is_found(tmp_path):
    header = "Kontaktpunktet for ansvarlig næringsliv – Årsrapport 2025"
    path = typst_pdf(tmp_path, f"#pagebreak()\n#v(2.1cm)\n{SUMMARY.text}",
                     page=f"#set page(width: 12cm, height: 6cm, margin: 1cm, header: [{header}])")
    text = letters(page_text(path))
    assert letters(SUMMARY.text) not in text  # the running header cuts it
    assert letters("Klagen viser til kapitlene om generelle retningslinjer") in text
    assert leaks(path, "pdf", ALL) == [SUMMARY]


def test_pdf_gate_runs_in_the_builds_threads(tmp_path):
    """PDFium crashes when two threads call it at once; the build writes outputs in threads."""
    paths = [typst_pdf(tmp_path / name, body) for name, body in (
        ("a", f"{SUMMARY.text}\n\n" + "\n\n#pagebreak()\n".join([CLEAN] * 30)),
        ("b", f"Klager er {NAME.text}.\n\n" + "\n\n#pagebreak()\n".join([CLEAN] * 30)))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda path: leaks(path, "pdf", ALL), paths * 24))
    assert found == [[SUMMARY], [NAME]] * 24


def test_pdf_clean_file_has_no_leak(tmp_path):
    path = typst_pdf(tmp_path, '#image("figur.svg", alt: "Et kart over Peru", width: 2cm)\n'
                     '#link("https://example.org/saker/2025-07-01")[saken]')
    assert leaks(path, "pdf", ALL) == []
