"""A photo in the HTML is web-sized (with a 2x version in srcset); the PDF and DOCX keep it."""

from __future__ import annotations

import base64
import io
import random
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image

from pipeline.build import Request, build
from pipeline.formats.web_images import COLUMN_PX

REPORT = "arsrapport-2025"


def photo(path: Path) -> None:
    """A 3200 x 2400 JPEG of about 730 KB: gradients with a coarse grain, like a real photo."""
    size = (3200, 2400)
    shades = random.Random(13)
    grain = Image.frombytes("L", (133, 100), bytes(shades.randrange(40, 216)
                                                   for _ in range(133 * 100)))
    ramp = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (ramp, grain.resize(size, Image.Resampling.BICUBIC),
                        ramp.rotate(90).resize(size))).save(path, "JPEG", quality=82)


def report_html(content: Path, tmp: Path, name: str) -> Path:
    build(Request(content, tmp / name / "output", tmp / name / "build", [REPORT],
                  languages=["nb"], formats=["html", "pdf"]))
    return tmp / name / "output" / REPORT / f"{REPORT}-nb.html"


@pytest.mark.slow
def test_a_730_kb_photo_adds_less_than_300_kb_to_the_html(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    without = report_html(content, tmp_path, "without").stat().st_size
    chapter = content / "publications" / REPORT / "nb" / "forord.md"
    photo(chapter.parent / "foto.jpg")
    assert 680_000 <= (chapter.parent / "foto.jpg").stat().st_size <= 780_000
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\n\n![Kontaktpunktet på konferanse i Oslo](foto.jpg)\n",
                       encoding="utf-8")
    page = report_html(content, tmp_path, "with")
    assert page.stat().st_size - without < 300_000
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    [image] = [img for img in soup.find_all("img") if img.get("alt") ==
               "Kontaktpunktet på konferanse i Oslo"]
    one = Image.open(io.BytesIO(base64.b64decode(image["src"].partition(",")[2])))
    uri, density = image["srcset"].rsplit(" ", 1)
    two = Image.open(io.BytesIO(base64.b64decode(uri.partition(",")[2])))
    assert (one.width, two.width, density) == (COLUMN_PX, 2 * COLUMN_PX, "2x")
    pdf = page.with_suffix(".pdf").read_bytes()
    assert b"/Width 3200" in pdf  # print keeps the photo's resolution
