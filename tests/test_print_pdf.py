"""The brochure's print PDF: 3 mm bleed, TrimBox and BleedBox, crop marks, beside the screen PDF."""

from __future__ import annotations

import pikepdf
import pypdfium2
import pytest
from conftest import Built

from pipeline.formats.print_pdf import MM

BROCHURE = "klageordningen"
A5 = (148, 210)


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(value) for value in page.obj[name]]
            for name in ("/MediaBox", "/TrimBox", "/BleedBox") if name in page.obj}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_page_is_trimmed_to_a5_inside_a_3_mm_bleed(real: Built, lang: str) -> None:
    path = real.output / BROCHURE / f"{BROCHURE}-{lang}-trykk.pdf"
    with pikepdf.open(path) as pdf, pikepdf.open(real.file(BROCHURE, lang, "pdf")) as screen:
        assert len(pdf.pages) == len(screen.pages)
        assert "/TrimBox" not in screen.pages[0].obj  # the screen PDF is the A5 page alone
        assert pdf.Root.Lang == screen.Root.Lang and pdf.Root.MarkInfo.Marked
        for page in pdf.pages:
            found = boxes(page)
            trim, bleed, media = found["/TrimBox"], found["/BleedBox"], found["/MediaBox"]
            assert [round((trim[2] - trim[0]) / MM), round((trim[3] - trim[1]) / MM)] == list(A5)
            for inner, outer in ((0, 0), (1, 1)):
                assert trim[inner] - bleed[outer] == pytest.approx(3 * MM, abs=0.01)
            for inner, outer in ((2, 2), (3, 3)):
                assert bleed[outer] - trim[inner] == pytest.approx(3 * MM, abs=0.01)
            assert media[0] < bleed[0] and media[2] > bleed[2]  # room for the crop marks


@pytest.mark.slow
def test_the_cover_colour_runs_into_the_bleed_and_crop_marks_stand_outside(real: Built) -> None:
    path = real.output / BROCHURE / f"{BROCHURE}-nb-trykk.pdf"
    with pikepdf.open(path) as pdf:
        trim = [float(value) for value in pdf.pages[0].obj.TrimBox]
        media_height = float(pdf.pages[0].obj.MediaBox[3])
    scale = 4
    image = pypdfium2.PdfDocument(path)[0].render(scale=scale).to_pil().convert("RGB")

    def pixel(x_points: float, y_points_from_top: float) -> tuple[int, int, int]:
        return image.getpixel((round(x_points * scale), round(y_points_from_top * scale)))

    top = media_height - trim[3]  # the trim's top edge, measured from the page's top
    in_bleed = pixel(trim[0] - 1.5 * MM, top + 200)
    assert in_bleed == pixel(trim[0] + 10, top + 200) != (255, 255, 255)  # the cover's blue
    assert pixel(trim[0] - 6 * MM, top + 200) == (255, 255, 255)  # the slug stays white
    # a crop mark: on the trim's left line, above the bleed
    column = [pixel(trim[0], top - y * MM) for y in (4, 6, 8)]
    assert all(sum(colour) < 300 for colour in column), column


def test_only_a_brochure_may_ask_for_a_print_pdf(tmp_path) -> None:
    import shutil

    from click.testing import CliRunner
    from conftest import FIXTURES

    from pipeline.cli import main

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    yaml = content / "publications" / "rapport" / "publication.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "print: true\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    assert "publication.yaml:8:8: error: only a brochure has a print PDF yet" in result.output
