"""The real 2025 annual report, opened in each format and read for content."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import docx
import pikepdf
import pytest
from conftest import Built, build_folder
from docx.oxml.ns import qn
from readers import compact, docx_text, html, html_text, pdf, pdf_text

from pipeline.checks.folder import load_content
from pipeline.render import procedure

pytestmark = pytest.mark.slow
SLUG = "arsrapport-2025"


@pytest.fixture(scope="module")
def content(real: Built):
    return load_content(real.content)


@pytest.fixture(scope="module")
def texts(real: Built) -> dict[str, str]:
    """Each format's text, compacted: line breaks and hyphenation cannot hide a match."""
    return {
        "html": compact(html_text(real.file(SLUG, "nb", "html"))),
        "docx": compact(docx_text(real.file(SLUG, "nb", "docx"))),
        "pdf": compact(pdf_text(real.file(SLUG, "nb", "pdf"))),
    }


def fold(text: str) -> str:
    return compact(text)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_goal_subgoal_and_activity_is_reported(content, texts, fmt: str) -> None:
    plan = content.plans[2025]
    text = texts[fmt]
    for goal in plan.goals:
        assert fold(goal.title["nb"]) in text
        for subgoal in goal.subgoals:
            assert fold(subgoal.title["nb"]) in text
    for activity in plan.activities():
        assert fold(activity.text["nb"]) in text, activity.id


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_public_cases_appear_and_confidential_data_never(content, real: Built, texts,
                                                         fmt: str) -> None:
    text = texts[fmt]
    public = [c for c in content.cases if c.public]
    hidden = [c for c in content.cases if not c.public]
    assert public and hidden
    shown = [case for case in public if procedure.active_in(case, 2025)]
    assert len(shown) >= 6
    for case in shown:
        assert fold(case.title["nb"]) in text, case.id
    for secret in confidential_strings(content):
        assert secret not in text, secret
        assert secret not in compact(real.markdown(SLUG, "nb")), secret


def test_no_output_of_any_kind_holds_confidential_data(content, real: Built) -> None:
    secrets = [compact(secret) for secret in confidential_strings(content)]
    readers = {".html": html_text, ".docx": docx_text, ".pdf": pdf_text}
    files = sorted(real.output.glob("*/*.*"))
    assert len(files) >= 30
    for path in files:
        found = compact(readers[path.suffix](path))
        for secret in secrets:
            assert secret not in found, (path.name, secret)


def confidential_strings(content) -> list[str]:
    secrets = []
    for case in content.cases:
        if case.notes:
            secrets.append(fold(case.notes)[:30])
        if case.submitter.confidential or not case.public:
            secrets.append(case.submitter.name)
        if case.enterprise.confidential or not case.public:
            secrets.append(case.enterprise.name)
        if not case.public:
            secrets.extend(fold(t) for t in case.title.values())
    assert len(secrets) >= 5
    return secrets


def test_pdf_is_tagged_titled_in_norwegian_with_embedded_fonts(real: Built) -> None:
    document = pdf(real.file(SLUG, "nb", "pdf"))
    root = document.Root
    assert str(root.Lang) == "nb-NO"
    assert bool(root.MarkInfo.Marked)
    assert "/StructTreeRoot" in root
    assert bool(root.ViewerPreferences.DisplayDocTitle)
    assert str(document.docinfo.Title) == "Årsrapport 2025"
    with document.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
    assert len(document.pages) >= 12
    fonts = {}
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts[str(font.get("/BaseFont"))] = font
    assert any("Inter" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_pdf_figures_carry_alt_text(real: Built) -> None:
    document = pdf(real.file(SLUG, "nb", "pdf"))
    alts = [str(element.get("/Alt", "")) for element in structure(document.Root.StructTreeRoot)
            if element.get("/S") == "/Figure"]
    assert len(alts) >= 3  # the logo and two charts
    assert all(alt.strip() for alt in alts)
    assert any("Kontaktpunktets logo" in alt for alt in alts)
    assert any("Søylediagram" in alt for alt in alts)


def structure(node: pikepdf.Object):
    """Every structure element below `node`."""
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from structure(item)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from structure(node.K)


def test_cover_date_is_text_not_a_typst_list(real: Built) -> None:
    source = (real.build / SLUG / f"{SLUG}-nb.typ").read_text(encoding="utf-8")
    assert 'text(size: 11pt, "20. mars 2026")' in source
    assert "[20. mars 2026]" not in source


def test_pdf_has_page_numbers_and_running_header(real: Built) -> None:
    text = pdf_text(real.file(SLUG, "nb", "pdf"))
    pages = len(pdf(real.file(SLUG, "nb", "pdf")).pages)
    assert f"Side 2 av {pages}" in text
    assert f"Side {pages} av {pages}" in text


def test_pdf_is_the_same_bytes_on_every_build(real: Built, tmp_path: Path) -> None:
    again = build_folder(real.content, tmp_path, ["annual-report"])
    assert again.file(SLUG, "nb", "pdf").read_bytes() == real.file(SLUG, "nb", "pdf").read_bytes()


def test_docx_structure_language_and_properties(real: Built) -> None:
    document = docx.Document(str(real.file(SLUG, "nb", "docx")))
    properties = document.core_properties
    assert properties.title == "Årsrapport 2025"
    assert properties.language == "nb-NO"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "nb-NO"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Forord" in headings
    assert any(h.startswith("Mål 1:") for h in headings)
    assert any(p.style.name == "Heading 2" for p in document.paragraphs)
    assert len(document.tables) >= 6
    data_tables = [table for table in document.tables
                   if table.rows[0].cells[0].paragraphs[0].style.name != "Key Figure Number"]
    assert len(data_tables) == len(document.tables) - 1  # the key figures lay out tiles
    for table in data_tables:
        first_row = table.rows[0]._tr
        assert first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_docx_images_have_alt_text(real: Built) -> None:
    document = docx.Document(str(real.file(SLUG, "nb", "docx")))
    decorative = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
    described = [element.get("descr") for element in document.element.body.iter(qn("wp:docPr"))
                 if next(element.iter(decorative), None) is None]  # the cover's ground
    assert len(described) >= 3
    assert all(text and text.strip() for text in described)


def test_docx_table_of_contents_shows_without_updating_fields(real: Built) -> None:
    document = docx.Document(str(real.file(SLUG, "nb", "docx")))
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = [link for link in body.iter(qn("w:hyperlink")) if link.get(qn("w:anchor"))]
    anchors = [link.get(qn("w:anchor")) for link in links]
    assert "forord" in anchors and "klagesaker" in anchors
    assert set(anchors) <= bookmarks
    assert not [c for c in body.iter(qn("w:fldChar")) if c.get(qn("w:dirty"))]
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")) is None
    footer = document.sections[0].footer._element
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_html_page_structure(real: Built) -> None:
    page = html(real.file(SLUG, "nb", "html"))
    assert page.html["lang"] == "nb"
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Årsrapport 2025"]
    nav = page.find("nav", id="toc")
    assert nav is not None and nav.get("aria-labelledby") == "toc-title"
    targets = [a["href"][1:] for a in nav.find_all("a")]
    assert "forord" in targets
    assert all(page.find(id=target) for target in targets)
    assert page.find("header") and page.find("main") and page.find("footer")
    images = page.find_all("img")
    assert len(images) >= 3
    assert all(img.get("alt", "").strip() for img in images)
    assert all(img["src"].startswith("data:") for img in images)
    for table in page.find_all("table"):
        assert table.find("thead") and table.find("th")
    assert page.find("meta", attrs={"name": "viewport"})


def test_html_headings_do_not_skip_levels(real: Built) -> None:
    page = html(real.file(SLUG, "nb", "html"))
    levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
