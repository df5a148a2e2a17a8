"""A build with nothing to do ends at once, and any change of input or output means a real one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from pipeline.cli import main
from pipeline.publish import last_build


def ncp_build(tmp_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [
        "build", *args, "--content", str(tmp_path / "content"),
        "--output", str(tmp_path / "output"), "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def built(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "content")
    assert "3 files written" in ncp_build(tmp_path)
    return tmp_path


def real_build_ran(tmp_path: Path, *args: str) -> bool:
    """Whether the build loaded the content; the record alone never writes the parse cache."""
    for parsed in (tmp_path / "build").rglob("*.parsed.json"):
        parsed.unlink()
    ncp_build(tmp_path, *args)
    return any((tmp_path / "build").rglob("*.parsed.json"))


@pytest.mark.slow
def test_an_unchanged_build_reads_only_the_record(built: Path) -> None:
    assert ", 3 up to date" in ncp_build(built)
    assert not real_build_ran(built)


@pytest.mark.slow
def test_an_edited_content_file_means_a_real_build(built: Path) -> None:
    chapter = built / "content" / "publications" / "rapport" / "nb" / "saker.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn ny setning.\n",
                       encoding="utf-8")
    assert real_build_ran(built)
    assert "En ny setning." in (built / "output/rapport/rapport-nb.html").read_text(
        encoding="utf-8")
    assert not real_build_ran(built)


@pytest.mark.slow
def test_an_output_removed_or_touched_means_a_real_build(built: Path) -> None:
    html = built / "output" / "rapport" / "rapport-nb.html"
    html.unlink()
    assert real_build_ran(built)
    assert html.is_file()
    os.utime(html, ns=(0, 0))
    assert real_build_ran(built)


@pytest.mark.slow
def test_another_selection_or_force_means_a_real_build(built: Path) -> None:
    assert real_build_ran(built, "--format", "html")
    assert real_build_ran(built)
    assert real_build_ran(built, "--force")


@pytest.mark.slow
def test_a_failed_build_leaves_no_record(built: Path) -> None:
    site = built / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "\n: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "build", "--content", str(built / "content"), "--output", str(built / "output"),
        "--build-dir", str(built / "build")])
    assert result.exit_code == 1
    assert not (built / "build" / last_build.RECORD).exists()


def test_a_linked_folder_in_the_content_leaves_the_decision_to_the_loader(
        tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "content" / "cases").symlink_to(tmp_path / "elsewhere")
    assert last_build.fingerprint(tmp_path / "content", tmp_path / "output", []) is None


def test_the_fingerprint_follows_every_content_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    case = content / "cases" / "2025-01.yaml"
    case.write_text("id: 2025-01\n", encoding="utf-8")
    first = last_build.fingerprint(content, tmp_path / "output", [])
    case.write_text("id: 2025-02\ntitle: Ny\n", encoding="utf-8")
    assert last_build.fingerprint(content, tmp_path / "output", []) != first
    assert last_build.fingerprint(content, tmp_path / "output", ["--lang", "nb"]) != \
        last_build.fingerprint(content, tmp_path / "output", [])


@pytest.mark.slow
def test_an_up_to_date_build_shows_the_warnings_again(built: Path) -> None:
    publication = built / "content" / "publications" / "rapport" / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8") + "draft: true\n",
                           encoding="utf-8")
    first = ncp_build(built)
    assert "0 errors, 1 warning" in first
    for parsed in (built / "build").rglob("*.parsed.json"):
        parsed.unlink()
    again = ncp_build(built)
    assert not any((built / "build").rglob("*.parsed.json"))  # only the record was read
    assert ", 3 up to date" in again
    warnings = [line for line in first.splitlines() if "warning" in line]
    assert warnings == [line for line in again.splitlines() if "warning" in line]


def test_dictionaries_installed_since_mean_a_real_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spelling warnings a build recorded were checked without them."""
    from pipeline.checks import spelling

    folder = tmp_path / "hunspell"
    folder.mkdir()
    monkeypatch.setattr(spelling, "DICTIONARY_FOLDERS", (folder,))
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    before = last_build.fingerprint(content, tmp_path / "out", [])
    (folder / "nn_NO.dic").write_text("1\nord\n")
    assert last_build.fingerprint(content, tmp_path / "out", []) != before
