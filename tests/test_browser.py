"""The HTML in a real browser: Debian's Chromium driven by Playwright, checked by axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import Built

pytestmark = pytest.mark.browser
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_page(browser, path, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page


def violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"]]


def test_annual_report_passes_axe_wcag_21_aa(browser, real: Built) -> None:
    page = open_page(browser, real.file("arsrapport-2025", "nb", "html"))
    assert violations(page) == []


def test_fixture_report_passes_axe_wcag_21_aa(browser, mini: Built) -> None:
    page = open_page(browser, mini.file("rapport", "nb", "html"))
    assert violations(page) == []


def test_readable_on_a_phone_without_sideways_scrolling(browser, real: Built) -> None:
    page = open_page(browser, real.file("arsrapport-2025", "nb", "html"), 375, 740)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    font_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert font_size >= 16


def test_images_load_and_the_brand_font_is_used(browser, real: Built) -> None:
    page = open_page(browser, real.file("arsrapport-2025", "nb", "html"))
    widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
    assert len(widths) >= 3 and all(w > 0 for w in widths)
    assert page.evaluate("document.fonts.check('16px Inter')")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Inter"') or family.startswith("Inter")


def test_table_of_contents_links_reach_their_chapter(browser, real: Built) -> None:
    page = open_page(browser, real.file("arsrapport-2025", "nb", "html"))
    page.get_by_role("navigation").get_by_role("link", name="Klagesaker i 2025").click()
    assert page.evaluate("location.hash") == "#klagesaker"
    top = page.evaluate("document.getElementById('klagesaker').getBoundingClientRect().top")
    assert 0 <= top < 200


def test_keyboard_user_can_skip_to_content(browser, real: Built) -> None:
    page = open_page(browser, real.file("arsrapport-2025", "nb", "html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Hopp til innholdet"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"


HTML_PAGES = ["arsrapport-2025-en", "veiledning-krig-og-konflikt-nb", "klageordningen-nn",
              "klageordningen-en", "hoeringssvar-aapenhetsloven-nb",
              "hoyringssvar-berekraftsrapportering-nn", "virksomhetsplan-2025-nb"]


@pytest.mark.parametrize("stem", HTML_PAGES)
def test_every_kind_passes_axe_wcag_21_aa(browser, real: Built, stem: str) -> None:
    slug, lang = stem.rsplit("-", 1)
    page = open_page(browser, real.file(slug, lang, "html"))
    assert violations(page) == []
    assert page.evaluate("document.documentElement.lang") == lang


def test_index_page_passes_axe(browser, real: Built) -> None:
    page = open_page(browser, real.output / "index.html")
    assert violations(page) == []
    hrefs = page.evaluate("[...document.links].map(a => a.href)")
    assert hrefs and all(href.startswith("file://") for href in hrefs)
