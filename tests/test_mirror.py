"""output/ mirrors the content: files of publications, languages or formats gone are removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from pipeline.cli import main
from pipeline.publish.folders import MARKER


def build(content: Path, tmp_path: Path, *args: str) -> Path:
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build"),
                                       *args])
    assert result.exit_code == 0, result.output
    return output


def files(output: Path) -> set[str]:
    return {str(path.relative_to(output)) for path in output.rglob("*")
            if path.is_file() and not path.name.startswith(".")}


def mini(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    return content


@pytest.mark.slow
def test_a_renamed_publication_leaves_no_file_of_its_old_name(tmp_path: Path) -> None:
    content = mini(tmp_path)
    output = build(content, tmp_path, "--format", "html")
    assert "rapport/rapport-nb.html" in files(output)
    (content / "publications" / "rapport").rename(content / "publications" / "arsrapport")
    output = build(content, tmp_path, "--format", "html")
    assert not [name for name in files(output) if name.startswith("rapport/")]
    assert not (output / "rapport").exists()
    assert "arsrapport/arsrapport-nb.html" in files(output)
    assert '"rapport/rapport-nb' not in (output / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_dropped_format_is_removed_and_what_others_put_there_stays(tmp_path: Path) -> None:
    content = mini(tmp_path)
    output = build(content, tmp_path)
    assert {"rapport/rapport-nb.docx", "rapport/rapport-nb.pdf"} <= files(output)
    (output / "rapport" / "notat.txt").write_text("mine", encoding="utf-8")
    yaml = content / "publications" / "rapport" / "publication.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("[html, docx, pdf]", "[html, pdf]"),
                    encoding="utf-8")
    output = build(content, tmp_path, "--lang", "nb")
    assert "rapport/rapport-nb.docx" not in files(output)
    assert {"rapport/rapport-nb.pdf", "rapport/notat.txt"} <= files(output)
    assert (output / MARKER).is_file()


@pytest.mark.slow
def test_a_folder_the_pipeline_did_not_make_is_never_pruned(tmp_path: Path) -> None:
    content = mini(tmp_path)
    output = tmp_path / "output"
    output.mkdir()  # someone else's folder: no marker
    build(content, tmp_path, "--format", "html")
    (content / "publications" / "rapport").rename(content / "publications" / "arsrapport")
    build(content, tmp_path, "--format", "html")
    assert "rapport/rapport-nb.html" in files(output)
