"""Shared fixtures: content folders built once per test session."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pygit2
import pytest
from click.testing import CliRunner

from pipeline.build import Request, build
from pipeline.checks.folder import load_content
from pipeline.cli import main
from pipeline.problems import Problems
from pipeline.publish.mirror import expected_outputs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The NCP's 2025 business plan as extracted from its PDF: the source of content/plans/2025.yaml.
SEED = FIXTURES / "virksomhetsplan-2025.txt"
NO_BROWSER = "install chromium: apt-get install chromium"
# Tests read what ncp says in English, whatever this machine's locale; the commands they
# start inherit it. tests/test_messages.py runs ncp in bokmål on purpose.
os.environ["NCP_LANGUAGE"] = "en"


def chromium() -> str | None:
    """The browser the browser tests drive: $CHROMIUM, else Debian's Chromium, if it is there."""
    named = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return named if Path(named).is_file() else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """The browser tests skipped for want of a browser, told in one line, not one a test."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and \
            report.longrepr[2].endswith(NO_BROWSER):
        report.longrepr = (__file__, None, report.longrepr[2])
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium under Playwright; without one, a skip here and a failure in CI."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no browser, and CI must run the browser tests: {NO_BROWSER}",
                        pytrace=False)
        pytest.skip(NO_BROWSER)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@dataclass
class Built:
    content: Path
    output: Path
    build: Path

    def file(self, slug: str, lang: str, fmt: str) -> Path:
        return self.output / slug / f"{slug}-{lang}.{fmt}"

    def markdown(self, slug: str, lang: str) -> str:
        return (self.build / slug / f"{slug}-{lang}.md").read_text(encoding="utf-8")


def build_folder(content: Path, tmp: Path, kinds: list[str] | None = None) -> Built:
    built = Built(content, tmp / "output", tmp / "build")
    build(Request(content, built.output, built.build, kinds=kinds or []))
    return built


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_folder(ROOT / "content", tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_folder(FIXTURES / "mini", tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="session")
def english(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_folder(FIXTURES / "english", tmp_path_factory.mktemp("english"))


def files_made(content: Path) -> set[str]:
    """Every file a build of `content` makes (paths under the output folder), so that a test
    counting outputs follows the content rather than a number written in the test."""
    return expected_outputs(load_content(content, Problems()))


def publications_of(content: Path) -> int:
    return len(list((content / "publications").glob("*/publication.yaml")))


def squash(text: str) -> str:
    """Whitespace folded to single spaces, soft hyphens and hyphenation breaks undone."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def committed(folder: Path) -> str:
    """`folder` made a git repository whose one commit holds every file in it."""
    repository = pygit2.init_repository(str(folder))
    repository.index.add_all()
    repository.index.write()
    signature = pygit2.Signature("Skribent", "skribent@kontaktpunkt.test")
    return str(repository.create_commit("HEAD", signature, signature, "Innhold",
                                        repository.index.write_tree(), []))


def broken(tmp_path: Path, edits: dict[str, object]) -> Path:
    """A copy of the mini fixture with `edits`: text replacements or whole new contents."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", folder)
    for name, edit in edits.items():
        path = folder / name
        if isinstance(edit, tuple):
            old, new = edit
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {name}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif isinstance(edit, bytes):
            path.write_bytes(edit)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(str(edit), encoding="utf-8")
    return folder


def check(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--content", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output
