"""The hand-off in a browser: the pages' links to their versions, and the index, at 390 and
1280 px, checked by axe-core."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, Built, files_made, publications_of
from test_browser import open_page, violations

from pipeline.build import Request, build

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every format of content/, so that the links to PDF and DOCX have their files."""
    tmp = tmp_path_factory.mktemp("site")
    built = Built(ROOT / "content", tmp / "output", tmp / "build")
    build(Request(built.content, built.output, built.build))
    return built


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_links_its_versions_and_they_open(browser, site: Built, width: int) -> None:
    pages = sorted(site.output.glob("*/*.html"))
    assert len(pages) == len([f for f in files_made(site.content) if f.endswith('.html')])
    for path in pages:
        page = open_page(browser, path, width)
        links = page.locator("header nav.versions a")
        assert links.count() >= 2, path.name
        for index in range(links.count()):
            link = links.nth(index)
            assert link.is_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (path.name, box)
            target = Path(unquote(urlparse(link.evaluate("a => a.href")).path))
            assert target.is_file(), (path.name, target)
        assert overflow(page) <= 0, path.name
        assert violations(page) == [], path.name
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_version_links_stand_beside_the_name_or_start_a_row_at_the_left(
        browser, site: Built, width: int) -> None:
    """Beside the organisation's name while the header's row holds both; else on a row of
    their own that starts at the logo's left edge, never hanging at the right alone."""
    beside = 0
    for path in sorted(site.output.glob("*/*.html")):
        page = open_page(browser, path, width)
        logo = page.locator("header .logo").bounding_box()
        name = page.locator("header .organisation").bounding_box()
        links = page.locator("header nav.versions").bounding_box()
        if links["y"] < name["y"] + name["height"]:  # on the name's row
            beside += 1
            assert links["x"] > name["x"] + name["width"], path.name
        else:
            assert abs(links["x"] - logo["x"]) <= 1, (path.name, links, logo)
        page.close()
    assert beside or width < 1280  # the annual report's wide page holds both at 1280 px


# The text of each heading whose last line holds only its last word, and that word a short
# one (under a third of the heading's width: a runt); of headings up to six lines, the most a
# browser balances (`text-wrap: balance`).
RUNTS = """() => [...document.querySelectorAll("h1, h2, h3")].filter(heading => {
  const words = [];
  const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    for (const match of walker.currentNode.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(walker.currentNode, match.index);
      range.setEnd(walker.currentNode, match.index + match[0].length);
      words.push(range.getBoundingClientRect());
    }
  }
  const lines = new Set(words.map(word => Math.round(word.top))).size;
  const [before, last] = words.slice(-2);
  return words.length > 2 && lines <= 6 && last.top > before.top + 1
    && last.width < heading.getBoundingClientRect().width / 3;
}).map(heading => heading.textContent)"""


def test_no_heading_ends_in_one_word_alone_on_a_phone(browser, site: Built) -> None:
    """"… Glimmervik Energi / ASA" in the index at 390 px."""
    for path in [site.output / "index.html", *sorted(site.output.glob("*/*.html"))]:
        page = open_page(browser, path, 390)
        assert page.evaluate(RUNTS) == [], path.name
        page.close()


def test_the_title_block_and_the_first_heading_share_one_rule(browser, site: Built) -> None:
    """The title block's rule stands over the first section: its heading draws no second."""
    for path in sorted(site.output.glob("*/*.html")):
        page = open_page(browser, path, 1280)
        first = page.locator(".body > section:first-child > h2:first-child")
        if first.count():
            assert first.evaluate("h => getComputedStyle(h).borderTopStyle") == "none", path.name
        page.close()


def test_a_language_link_opens_that_language(browser, site: Built) -> None:
    page = open_page(browser, site.file("klageordningen", "nb", "html"), 390)
    page.locator("nav.versions").get_by_role("link", name="nynorsk").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "nn"
    assert page.url.endswith("klageordningen-nn.html")


@pytest.mark.parametrize("width", [320, *WIDTHS])
def test_the_index_reads_at_every_width_and_passes_axe(browser, site: Built, width: int) -> None:
    page = open_page(browser, site.output / "index.html", width)
    assert overflow(page) <= 0
    headings = page.evaluate("[...document.querySelectorAll('h1, h2')].map(h => h.innerText)")
    assert len(headings) == 1 + publications_of(site.content)
    assert all(text.strip() for text in headings)
    hrefs = page.evaluate("[...document.querySelectorAll('ul.files a')].map(a => a.href)")
    assert len(hrefs) == len(files_made(site.content))
    assert all(Path(unquote(urlparse(href).path)).is_file() for href in hrefs)
    assert page.evaluate("document.fonts.check('16px Inter')")
    assert violations(page) == []
