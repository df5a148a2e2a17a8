"""output/index.html: in the brand, every title in its own language, each file's use, size and
date, the build date and the content's version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, Built, committed, files_made, publications_of

from pipeline.checks.folder import load_content
from pipeline.problems import Problems
from pipeline.publish.content_version import content_commit
from pipeline.publish.index_page import write_index


def index(built: Built) -> BeautifulSoup:
    return BeautifulSoup((built.output / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


@pytest.mark.slow
def test_every_title_is_in_its_own_language_and_none_is_empty(real: Built) -> None:
    soup = index(real)
    sections = soup.select("section.listed")
    assert len(sections) == publications_of(real.content)
    for section in sections:
        assert section.h2.get_text(strip=True)
    [nynorsk] = [s for s in sections if "berekraftsrapportering" in s.h2.get_text()]
    assert nynorsk.h2["lang"] == "nn-NO"
    assert nynorsk.h2.get_text() == "Høyringssvar – endringar i reglane om berekraftsrapportering"
    [brochure] = [s for s in sections if s.h2.get_text() == "Klage til Kontaktpunktet"]
    english = [span for span in brochure.select("h3 span[lang='en-GB']")
               if span.get_text() == "Complaints to the Norwegian NCP"]
    assert english


@pytest.mark.slow
def test_each_file_has_its_use_size_and_date(real: Built) -> None:
    soup = index(real)
    rows = soup.select("ul.files li")
    assert len(rows) == len(files_made(real.content))
    uses = {row.a.get_text(): row.select_one(".use").get_text() for row in rows}
    assert uses == {"HTML": "nett", "PDF": "e-post og arkiv", "Word (DOCX)": "redigering (Word)",
                    "PDF til trykk": "trykk"}
    for row in rows:
        path = real.output / row.a["href"]
        assert path.is_file()
        kilobytes = row.select_one(".facts").get_text().partition("kB")[0]
        assert "".join(kilobytes.split()) == str(round(path.stat().st_size / 1024))
        assert row.select_one(".facts time")["datetime"]


@pytest.mark.slow
def test_the_build_date_the_content_version_and_the_brand_show(real: Built) -> None:
    soup = index(real)
    facts = soup.select_one(".title-block .date")
    assert facts.time["datetime"]
    commit = content_commit(real.content)
    assert commit and facts.code.get_text() == commit[:12]
    style = soup.style.get_text()
    assert "data:font/woff;base64," in style and "--color-primary: #1f4e79" in style
    assert ".site-header" in style  # the publications' own stylesheet
    logo = soup.select_one("header.site-header img.logo")
    assert logo["src"].startswith("data:image/svg+xml;base64,") and logo["alt"]


def test_content_changed_since_its_commit_is_said_beside_the_version(tmp_path: Path) -> None:
    """The team sees that the files were built from text the commit does not hold."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    commit = committed(tmp_path)

    def facts() -> BeautifulSoup:
        index = write_index(load_content(content, Problems()), tmp_path / "output", Problems(),
                            tmp_path / "fonts")
        return BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").select_one(
            ".title-block .date")

    assert facts().code.get_text() == commit[:12] and facts().select(".changed") == []
    (content / "ordliste.txt").write_text("endret\n", encoding="utf-8")
    assert facts().code.get_text() == commit[:12]
    changed = facts().select_one(".changed")
    assert changed.get_text() == "med endringer som ikke er lagret i git ennå"
