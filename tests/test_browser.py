"""The HTML in a real browser: Debian's Chromium driven by Playwright, checked by axe-core."""

from __future__ import annotations

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, Built

from pipeline.build import Request, build

pytestmark = pytest.mark.browser
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Every publication of content/ in every language, as "<slug>-<lang>".
EVERY_PAGE = [f"{folder.name}-{lang}"
              for folder in sorted((ROOT / "content" / "publications").iterdir())
              if (folder / "publication.yaml").is_file()
              for lang in yaml.safe_load((folder / "publication.yaml").read_text())["languages"]]
PHONES = [320, 390]
SMALLEST_TEXT_PX = 12


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The HTML of content/, built once for every test of this module."""
    tmp = tmp_path_factory.mktemp("web")
    built = Built(ROOT / "content", tmp / "output", tmp / "build")
    build(Request(built.content, built.output, built.build, formats=["html"]))
    return built


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


def test_annual_report_passes_axe_wcag_21_aa(browser, web: Built) -> None:
    page = open_page(browser, web.file("arsrapport-2025", "nb", "html"))
    assert violations(page) == []


def test_fixture_report_passes_axe_wcag_21_aa(browser, mini: Built) -> None:
    page = open_page(browser, mini.file("rapport", "nb", "html"))
    assert violations(page) == []


def test_readable_on_a_phone_without_sideways_scrolling(browser, web: Built) -> None:
    page = open_page(browser, web.file("arsrapport-2025", "nb", "html"), 375, 740)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    font_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert font_size >= 16


def test_images_load_and_the_brand_font_is_used(browser, web: Built) -> None:
    page = open_page(browser, web.file("arsrapport-2025", "nb", "html"))
    widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
    assert len(widths) >= 3 and all(w > 0 for w in widths)
    assert page.evaluate("document.fonts.check('16px Inter')")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Inter"') or family.startswith("Inter")


def test_table_of_contents_links_reach_their_chapter(browser, web: Built) -> None:
    page = open_page(browser, web.file("arsrapport-2025", "nb", "html"))
    page.get_by_role("navigation").get_by_role("link", name="Klagesaker i 2025").click()
    assert page.evaluate("location.hash") == "#klagesaker"
    top = page.evaluate("document.getElementById('klagesaker').getBoundingClientRect().top")
    assert 0 <= top < 200


def test_keyboard_user_can_skip_to_content(browser, web: Built) -> None:
    page = open_page(browser, web.file("arsrapport-2025", "nb", "html"))
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
def test_every_kind_passes_axe_wcag_21_aa(browser, web: Built, stem: str) -> None:
    slug, lang = stem.rsplit("-", 1)
    page = open_page(browser, web.file(slug, lang, "html"))
    assert violations(page) == []
    assert page.evaluate("document.documentElement.lang") == lang


def test_index_page_passes_axe(browser, web: Built) -> None:
    page = open_page(browser, web.output / "index.html")
    assert violations(page) == []
    hrefs = page.evaluate("[...document.links].map(a => a.href)")
    assert hrefs and all(href.startswith("file://") for href in hrefs)


# Text of the page (not of pictures) that renders smaller than SMALLEST_TEXT_PX.
SMALL_TEXT = """limit => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!node.textContent.trim() || range.getClientRects().length === 0) continue;
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (size < limit) found.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return found;
}"""

# Text inside every SVG picture shown, at the size it renders: the picture's source is
# drawn at the picture's rendered size, and each text's size is its font size times the
# scale on screen. matplotlib writes text as glyphs (<use>) drawn at 100 units an em.
SMALL_SVG_TEXT = """async limit => {
  const found = [];
  for (const image of [...document.images]) {
    const box = image.getBoundingClientRect();
    if (!box.width || !/^data:image[/]svg|[.]svg$/.test(image.currentSrc)) continue;
    const source = await (await fetch(image.currentSrc)).text();
    const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:-99999px;top:0";
    svg.setAttribute("width", box.width);
    svg.setAttribute("height", box.height);
    holder.append(document.importNode(svg, true));
    document.body.append(holder);
    const scale = e => { const m = e.getScreenCTM(); return Math.hypot(m.a, m.b); };
    for (const text of holder.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale(text);
      if (text.textContent.trim() && size < limit) {
        found.push(`${size.toFixed(1)}px: ${text.textContent.trim()}`);
      }
    }
    for (const glyph of holder.querySelectorAll("g > use")) {
      const size = 100 * scale(glyph);
      if (size < limit) {
        found.push(`${size.toFixed(1)}px glyphs in ${image.alt.slice(0, 40)}`);
        break;
      }
    }
    holder.remove();
  }
  return found;
}"""

# Tables a reader cannot reach: wider than the screen, and not inside a region that
# scrolls, can take the keyboard's focus and has a name; or whose caption leaves the
# screen when the region is scrolled to its end.
UNREACHABLE_TABLES = """() => {
  const found = [];
  for (const table of document.querySelectorAll("table")) {
    const box = table.getBoundingClientRect();
    if (box.left >= 0 && box.right <= innerWidth) continue;
    const region = table.closest("[role=region]");
    const scrolls = region && ["auto", "scroll"].includes(getComputedStyle(region).overflowX);
    if (!scrolls || region.tabIndex < 0 || !region.getAttribute("aria-label")) {
      found.push(`not in a named, focusable scrolling region: ${table.caption?.textContent}`);
      continue;
    }
    region.scrollLeft = region.scrollWidth;
    const caption = table.caption && table.caption.getBoundingClientRect();
    if (caption && (caption.left < 0 || caption.right > innerWidth)) {
      found.push(`caption scrolls out of view: ${table.caption.textContent.slice(0, 40)}`);
    }
    region.scrollLeft = 0;
  }
  return found;
}"""


def phone_pages() -> list[tuple[str, int]]:
    return [(page, width) for page in [*EVERY_PAGE, "index"] for width in PHONES]


@pytest.mark.parametrize(("stem", "width"), phone_pages())
def test_every_page_reads_on_a_phone(browser, web: Built, stem: str, width: int) -> None:
    """No sideways scrolling of the page, every table reachable, no text under 12 px
    (pictures' text included), and axe finds nothing, at 320 and 390 px."""
    if stem == "index":
        path = web.output / "index.html"
    else:
        slug, lang = stem.rsplit("-", 1)
        path = web.file(slug, lang, "html")
    page = open_page(browser, path, width, 800)
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert page.evaluate(UNREACHABLE_TABLES) == []
    assert page.evaluate(SMALL_TEXT, SMALLEST_TEXT_PX) == []
    assert page.evaluate(SMALL_SVG_TEXT, SMALLEST_TEXT_PX) == []
    if width == PHONES[0]:
        assert violations(page) == []
    page.close()
