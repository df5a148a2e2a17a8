"""Nothing from outside the content folder reaches an output, brand values are never markup,
links go only where a reader may safely follow them, and scaffolds write data as data."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, broken, check
from readers import docx_text, html, html_text, pdf_text

from pipeline.cli import main

CHAPTER = "publications/rapport/nb/tall.md"
OUTSIDE = "keep every file the content uses inside the content folder"


def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "hemmelig.png"
    path.write_bytes((Path(__file__).parent / "fixtures/mini/assets/mark.svg").read_bytes())
    return path


SVG_ATTACKS = {
    "image outside": '<image href="/etc/hostname" width="10" height="10"/>',
    "xlink image outside": '<image xlink:href="file:///etc/hostname" width="10" height="10"/>',
    "script": "<script>alert(1)</script>",
    "event handler": '<rect width="1" height="1" onload="alert(1)"/>',
    "style import": '<style>@import url("/etc/hostname");</style>',
    "style url": '<rect width="1" height="1" style="fill: url(/etc/x.svg#p)"/>',
    "foreign object": "<foreignObject><p>x</p></foreignObject>",
}
SVG_MESSAGES = {
    "image outside": "links to '/etc/hostname'; embed that picture in the SVG instead",
    "xlink image outside": "links to 'file:///etc/hostname'",
    "script": "holds a <script>, which a picture may not",
    "event handler": "holds a script ('onload'), which a picture may not",
    "style import": "loads another file from its style sheet",
    "style url": "loads another file from a style",
    "foreign object": "holds a <foreignObject>, which a picture may not",
}


@pytest.mark.parametrize("name", SVG_ATTACKS)
def test_an_svg_that_reaches_out_or_runs_code_is_an_error(tmp_path: Path, name: str) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="10" height="10">{SVG_ATTACKS[name]}</svg>')
    status, output = check(broken(tmp_path, {"publications/rapport/nb/bilde.svg": svg}))
    assert status == 1
    assert f"{CHAPTER}:12:40: error: the image 'bilde.svg' {SVG_MESSAGES[name]}" in output, output


def test_an_image_through_a_symlink_out_is_an_error(tmp_path: Path) -> None:
    folder = broken(tmp_path, {CHAPTER: ("(bilde.svg)", "(lenke.png)")})
    (folder / "publications/rapport/nb/lenke.png").symlink_to(secret_file(tmp_path))
    status, output = check(folder)
    assert status == 1
    assert f"{CHAPTER}:12:40: error: the image 'lenke.png' lies outside the content folder" \
        in output


LINKS = {
    "javascript": ("javascript:alert(1)", "uses 'javascript:', which a publication may not "
                   "link to"),
    "upper case": ("JavaScript:alert(1)", "uses 'javascript:'"),
    "character reference": ("&#x6A;avascript:alert(1)", "uses 'javascript:'"),
    "data": ("data:text/html;base64,PHNjcmlwdD4=", "uses 'data:'"),
    "file": ("file:///etc/passwd", "uses 'file:'"),
    "vbscript": ("vbscript:msgbox", "uses 'vbscript:'"),
}


@pytest.mark.parametrize("name", LINKS)
def test_a_link_with_an_unsafe_scheme_is_an_error(tmp_path: Path, name: str) -> None:
    target, message = LINKS[name]
    folder = broken(tmp_path, {CHAPTER: ("Andel:", f"[Klikk her]({target}). Andel:")})
    status, output = check(folder)
    assert status == 1
    assert f"error: the link '{target.replace('&#x6A;', 'j')}' {message}" in output, output


def test_safe_links_are_kept(tmp_path: Path) -> None:
    links = "[a](https://x.example) [b](mailto:a@example.no) [c](tel:+4722000000) [d](#tall)"
    status, output = check(broken(tmp_path, {CHAPTER: ("Andel:", f"{links} Andel:")}))
    assert (status, output.strip()) == (0, "content is valid")


BRAND_ATTACKS = {
    "font family breaking out of CSS": (
        ("base: {family: Libertinus Serif,", 'base: {family: "x\\"; } @import url(\\"/etc/'
         'hostname\\"); :root { --a: \\"",'),
        "_brand.yml:6:18: error: 'x\"; } @import url(\"/etc/hostname\"); :root { --a: \"' "
        "is not a font family name"),
    "colour with markup": (
        ('primary: "#2d4f1e"', 'primary: "#abc; } body { background: url(/etc/x) }"'),
        "_brand.yml:3:12: error: colour 'primary' must be '#rrggbb'"),
    "short colour that is not hex": (('primary: "#2d4f1e"', 'primary: "#<x>"'),
                                     "_brand.yml:3:12: error: colour 'primary' must be"),
    "heading colour": (("weight: 700}", 'weight: 700, color: "red; x: y"}'),
                       "_brand.yml:7:60: error: 'red; x: y' is not a colour"),
    "logo outside": (("path: assets/mark.svg", "path: ../../../../etc/hostname"),
                     "_brand.yml:10:18: error: logo file '../../../../etc/hostname' lies "
                     "outside the content folder"),
}


@pytest.mark.parametrize("name", BRAND_ATTACKS)
def test_brand_values_are_tokens_and_its_files_inside(tmp_path: Path, name: str) -> None:
    edit, message = BRAND_ATTACKS[name]
    status, output = check(broken(tmp_path, {"_brand.yml": edit}))
    assert status == 1
    assert message in output, output


def test_a_brand_file_outside_the_content_folder_is_refused(tmp_path: Path) -> None:
    status, output = check(broken(tmp_path, {"site.yaml": ("brand: _brand.yml",
                                                           "brand: ../../_brand.yml")}))
    assert status == 1
    assert "site.yaml:9:8: error: the brand file '../../_brand.yml' lies outside the content " \
        "folder" in output


@pytest.mark.parametrize(("field", "value", "message"), [
    ("web: https://test.example.no", "web: javascript:alert(1)",
     "site.yaml:6:8: error: 'javascript:alert(1)' is not a web address starting with https://"),
    ("email: test@example.no", "email: '\"><script>'",
     "site.yaml:5:10: error: '\"><script>' is not an e-mail address"),
])
def test_site_addresses_are_addresses(tmp_path: Path, field: str, value: str,
                                      message: str) -> None:
    status, output = check(broken(tmp_path, {"site.yaml": (field, value)}))
    assert status == 1
    assert message in output, output


TITLE = "Høring – {{ 7*7 }} {% if true %}x{% endif %} *uthevet* <b>fet</b> & §5 (lov)"


@pytest.mark.slow
def test_a_scaffold_writes_values_as_typed_never_as_code(tmp_path: Path) -> None:
    content = broken(tmp_path, {})
    (content / "publications" / "rapport").rename(tmp_path / "not-needed")
    result = CliRunner().invoke(main, [
        "new", "hearing", "--content", str(content), "--title", TITLE,
        "--recipient", "Departementet {{ 6*7 }}", "--address", "Postboks 1 <b>",
        "--deadline", "2027-02-01"])
    assert result.exit_code == 0, result.output
    folder = next((content / "publications").iterdir())
    data = yaml.safe_load((folder / "publication.yaml").read_text(encoding="utf-8"))
    assert data["consultation"]["title"] == {"nb": TITLE}
    assert data["recipient"] == {"name": "Departementet {{ 6*7 }}",
                                 "address": ["Postboks 1 <b>"]}
    data["signatories"] = [{"name": "Kari Nordmann", "title": {"nb": "leder"}}]
    data["consultation"]["letter_date"] = dt.date(2026, 11, 1)
    (folder / "publication.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                             encoding="utf-8")
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    stem = output / folder.name / f"{folder.name}-nb"
    topic = "{{ 7*7 }} {% if true %}x{% endif %} *uthevet* <b>fet</b> & §5 (lov)"
    for text in (html_text(stem.with_suffix(".html")), docx_text(stem.with_suffix(".docx")),
                 pdf_text(stem.with_suffix(".pdf"))):
        assert f"om {topic}" in text and "Departementet {{ 6*7 }}" in text
        assert "49" not in text and "42" not in text
    assert html(stem.with_suffix(".html")).find("b") is None


ATTRIBUTES = {
    "event handler on a span": ('[x]{onclick="alert(1)"}', "onclick"),
    "style loading a file": ('[x]{style="background: url(/etc/x)"}', "style"),
    "handler on a heading": ('\n# Hei {onmouseover="alert(2)"}\n', "onmouseover"),
    "srcset on an image": ('![Merket](bilde.svg){srcset="file:///etc/passwd"}', "srcset"),
}


@pytest.mark.parametrize("name", ATTRIBUTES)
def test_an_attribute_that_could_run_or_load_is_an_error(tmp_path: Path, name: str) -> None:
    markdown, key = ATTRIBUTES[name]
    status, output = check(broken(tmp_path, {CHAPTER: ("Andel:", f"{markdown}\n\nAndel:")}))
    assert status == 1
    assert f"error: the attribute '{key}' is not allowed in a chapter" in output, output
    assert f"{CHAPTER}:" in output


def test_a_reference_url_must_be_a_web_address(tmp_path: Path) -> None:
    folder = broken(tmp_path, {
        "publications/rapport/publication.yaml": ("year: 2025", "year: 2025\n"
                                                  "bibliography: referanser.yaml"),
        "publications/rapport/referanser.yaml": (
            "references:\n  - id: x\n    title: Tittel\n    URL: javascript:alert(1)\n")})
    status, output = check(folder)
    assert status == 1
    assert ("publications/rapport/referanser.yaml:4:10: error: the reference 'x' has a URL "
            "that is not a web address") in output, output


def test_a_case_file_that_links_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    folder = broken(tmp_path, {})
    elsewhere = tmp_path / "andre-saker" / "2025-09.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text((folder / "cases/2025-03.yaml").read_text(encoding="utf-8")
                         .replace("2025-03", "2025-09"), encoding="utf-8")
    (folder / "cases/2025-09.yaml").symlink_to(elsewhere)
    status, output = check(folder)
    assert status == 1
    assert ("cases/2025-09.yaml: error: '2025-09.yaml' is not read: it links to a file "
            "outside the content folder") in output
    assert output.count("error") == 2  # this one, and the count line: nothing read from it


def test_a_word_list_linking_out_of_the_content_is_an_error_and_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder)
    (tmp_path / "secret.txt").write_text("hemmelig\n", encoding="utf-8")
    (folder / "ordliste.txt").unlink()
    (folder / "ordliste.txt").symlink_to(tmp_path / "secret.txt")
    status, output = check(folder)
    assert status == 1
    assert "ordliste.txt: error: 'ordliste.txt' is not read: it links to a file outside" in output
