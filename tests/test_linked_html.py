"""Every HTML page links to its own PDF and DOCX and to its other languages, in its header."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import Built, files_made

LABELS = {"nb": ("Last ned PDF", "Last ned Word (DOCX)", "Andre versjoner"),
          "nn": ("Last ned PDF", "Last ned Word (DOCX)", "Andre versjonar"),
          "en": ("Download PDF", "Download Word (DOCX)", "Other versions")}


@pytest.mark.slow
def test_each_page_links_its_formats_and_languages_where_they_lie(real: Built) -> None:
    pages = sorted(real.output.glob("*/*.html"))
    assert len(pages) == len([f for f in files_made(real.content) if f.endswith('.html')])
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        lang = soup.html["lang"][:2]
        slug = page.parent.name
        nav = soup.select_one("header.site-header nav.versions")
        assert nav is not None, page.name
        pdf, docx, label = LABELS[lang]
        assert nav["aria-label"] == label
        links = {a.get_text(): a for a in nav.find_all("a")}
        assert links[pdf]["href"] == f"{slug}-{lang}.pdf"
        assert links[docx]["href"] == f"{slug}-{lang}.docx"
        others = {a["hreflang"][:2]: a["href"] for a in nav.find_all("a", hreflang=True)}
        siblings = {path.stem.rsplit("-", 1)[1] for path in page.parent.glob("*.html")}
        assert set(others) == siblings - {lang}, page.name
        alternates = {link["hreflang"][:2] for link in soup.find_all("link", rel="alternate")}
        assert alternates == set(others)
        for a in nav.find_all("a"):
            assert (page.parent / a["href"]).is_file(), (page.name, a["href"])


@pytest.mark.slow
def test_a_language_link_is_named_in_its_own_language(real: Built) -> None:
    soup = BeautifulSoup(real.file("klageordningen", "en", "html").read_text(encoding="utf-8"),
                         "html.parser")
    names = {a.get_text(): a["lang"] for a in soup.select("nav.versions a[hreflang]")}
    assert names == {"bokmål": "nb-NO", "nynorsk": "nn-NO"}
