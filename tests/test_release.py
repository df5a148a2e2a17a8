"""`ncp release`: a dated folder and zip with manifest and checksums, refused while unfinished."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pygit2
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from conftest import FIXTURES, ROOT, committed

from pipeline.cli import main
from pipeline.publish.content_version import content_commit, uncommitted
from pipeline.publish.manifest import sha256


def release(content: Path, releases: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["release", "--content", str(content), "--releases",
                                     str(releases), *args])


@pytest.fixture(scope="module")
def real_content(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real content, committed in a repository of its own; its folder and commit."""
    repository = tmp_path_factory.mktemp("repository")
    shutil.copytree(ROOT / "content", repository / "content")
    return repository / "content", committed(repository)


@pytest.fixture(scope="module")
def released(real_content: tuple[Path, str],
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    releases = tmp_path_factory.mktemp("releases")
    result = release(real_content[0], releases)
    assert result.exit_code == 0, result.output
    [folder] = [path for path in releases.iterdir() if path.is_dir()]
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_manifest_describes_every_file_as_it_is(released: tuple[Path, dict],
                                                    real_content: tuple[Path, str]) -> None:
    folder, manifest = released
    files = {path.relative_to(folder).as_posix() for path in folder.rglob("*")
             if path.is_file() and not path.name.startswith(".")}
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == files - {"manifest.json", "CHECKSUMS"}
    for name, entry in listed.items():
        assert entry["size"] == (folder / name).stat().st_size
        assert entry["sha256"] == sha256(folder / name)
    assert manifest["content_commit"] == real_content[1] == content_commit(real_content[0])
    assert folder.name == f"release-{manifest['built']}"
    uses = {(entry["format"], entry["path"].endswith("-trykk.pdf")): entry["use"]
            for entry in manifest["files"] if entry["publication"]}
    assert uses == {("html", False): "web", ("pdf", False): "e-mail and archive",
                    ("docx", False): "editing (Word)", ("pdf", True): "print"}


@pytest.mark.slow
def test_every_title_is_in_its_own_language(released: tuple[Path, dict]) -> None:
    folder, manifest = released
    pages = [entry for entry in manifest["files"] if entry["format"] == "html"
             and entry["publication"]]
    assert {entry["language"] for entry in pages} == {"nb", "nn", "en"}
    for entry in pages:
        soup = BeautifulSoup((folder / entry["path"]).read_text(encoding="utf-8"), "html.parser")
        assert soup.title.get_text() == entry["title"] != ""
        assert soup.html["lang"].startswith(entry["language"])
    titles = {(e["publication"], e["language"]): e["title"] for e in pages}
    assert titles["arsrapport-2025", "en"] == "Annual report 2025"
    assert titles["hoyringssvar-berekraftsrapportering", "nn"].startswith("Høyringssvar")


@pytest.mark.slow
def test_the_checksums_pass_sha256sum_and_the_zip_opens(released: tuple[Path, dict]) -> None:
    folder, manifest = released
    if shutil.which("sha256sum"):
        checked = subprocess.run(["sha256sum", "--strict", "-c", "CHECKSUMS"], cwd=folder,
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = (folder / "CHECKSUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(manifest["files"]) + 1  # and the manifest itself
    with zipfile.ZipFile(folder.with_suffix(".zip")) as packed:
        assert packed.testzip() is None
        names = set(packed.namelist())
        for entry in manifest["files"]:
            assert packed.getinfo(f"{folder.name}/{entry['path']}").file_size == entry["size"]
    assert f"{folder.name}/manifest.json" in names
    assert not [name for name in names if "/." in name]  # no hidden marker


def unfinished(tmp_path: Path) -> Path:
    """The mini fixture, with its test@example.no contact details."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    return content


def test_a_placeholder_stops_the_release_at_its_line(tmp_path: Path) -> None:
    content = unfinished(tmp_path)
    chapter = content / "publications" / "rapport" / "nb" / "tall.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nTODO: skriv ferdig.\n",
                       encoding="utf-8")
    result = release(content, tmp_path / "releases")
    assert result.exit_code == 1
    assert "site.yaml:5:15: error: placeholder 'example.no' left in the content" in result.output
    line = len(chapter.read_text(encoding="utf-8").splitlines())
    assert f"publications/rapport/nb/tall.md:{line}:1: error: placeholder 'TODO'" in result.output
    assert not (tmp_path / "releases").exists()


def test_a_draft_stops_the_release(tmp_path: Path) -> None:
    content = unfinished(tmp_path)
    for name in ("email: test@example.no", "web: https://test.example.no"):
        site = content / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace(
            name, name.replace("example.no", "kontaktpunkt.test")), encoding="utf-8")
    yaml = content / "publications" / "rapport" / "publication.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")
    result = release(content, tmp_path / "releases")
    assert result.exit_code == 1
    line = len(yaml.read_text(encoding="utf-8").splitlines())
    assert (f"publications/rapport/publication.yaml:{line}: error: 'rapport' is a draft, so it "
            "cannot be released") in result.output
    assert "placeholder" not in result.output
    assert not (tmp_path / "releases").exists()


def test_a_failing_strict_check_stops_the_release(tmp_path: Path) -> None:
    content = unfinished(tmp_path)
    (content / "site.yaml").write_bytes((content / "site.yaml").read_bytes() + b"\r\n")
    result = release(content, tmp_path / "releases")
    assert result.exit_code == 1
    assert "'ncp check --strict' found the problems above" in result.output


def test_the_commit_is_read_from_a_worktree(tmp_path: Path) -> None:
    (tmp_path / "repo" / "content").mkdir(parents=True)
    (tmp_path / "repo" / "content" / "site.yaml").write_text("x: 1\n", encoding="utf-8")
    sha = committed(tmp_path / "repo")
    pygit2.Repository(str(tmp_path / "repo")).add_worktree("wt", str(tmp_path / "wt"))
    assert content_commit(tmp_path / "wt" / "content") == sha
    assert content_commit(tmp_path / "elsewhere") is None


def test_a_file_that_differs_from_the_commit_stops_the_release(tmp_path: Path) -> None:
    """Changed, added (staged or not) and removed: each is told at its file."""
    content = unfinished(tmp_path)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("example.no", "kontaktpunkt.test"),
                    encoding="utf-8")
    committed(tmp_path)
    assert uncommitted(content) == []
    chapter = content / "publications" / "rapport" / "nb" / "tall.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEn setning til.\n",
                       encoding="utf-8")
    (content / "assets" / "ny.txt").write_text("ny\n", encoding="utf-8")
    (content / "cases" / "2024-01.yaml").unlink()
    (content / "ordliste.txt").write_text("staged\n", encoding="utf-8")
    repository = pygit2.Repository(str(tmp_path))
    repository.index.add("content/ordliste.txt")
    repository.index.write()
    result = release(content, tmp_path / "releases")
    assert result.exit_code == 1
    told = [line.split(": error: ")[0] for line in result.output.splitlines()
            if "differs from the content's git commit" in line]
    assert told == ["assets/ny.txt", "cases/2024-01.yaml", "ordliste.txt",
                    "publications/rapport/nb/tall.md"]
    assert not (tmp_path / "releases").exists()
