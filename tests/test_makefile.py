"""The writer's make targets call the installed `ncp` as asked (make -n: nothing runs)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(*arguments: str, lang_in_environment: str = "en_US.UTF-8") -> tuple[int, str]:
    """What `make -n` would run, with the locale's LANG set as on a usual machine."""
    environment = {**os.environ, "LANG": lang_in_environment}
    completed = subprocess.run(["make", "-n", "--no-print-directory", *arguments], cwd=ROOT,
                               env=environment, capture_output=True, text=True, check=False)
    return completed.returncode, completed.stdout + completed.stderr


def commands(output: str) -> list[str]:
    """The `ncp` commands planned, spaces folded."""
    return [" ".join(line.split()) for line in output.splitlines()
            if line.startswith(".venv/bin/ncp ")]


def test_make_preview_passes_the_publication_and_the_language() -> None:
    code, output = planned("preview", "PUB=arsrapport-2025", "LANG=nb")
    assert code == 0, output
    assert commands(output) == [".venv/bin/ncp preview arsrapport-2025 --lang nb --content content"]


def test_the_locale_lang_is_not_taken_for_a_language() -> None:
    code, output = planned("preview")
    assert code == 0, output
    assert commands(output) == [".venv/bin/ncp preview --content content"]


def test_make_one_builds_one_language_and_format() -> None:
    code, output = planned("one", "PUB=arsrapport-2025", "LANG=nb", "FORMAT=pdf")
    assert code == 0, output
    assert commands(output) == [".venv/bin/ncp build arsrapport-2025 --lang nb --format pdf "
                                "--content content --output output --build-dir build"]


def test_make_one_without_a_publication_says_how() -> None:
    code, output = planned("one")
    assert code != 0
    assert "make one needs PUB=<publication>" in output


def test_the_project_is_installed_so_ncp_is_on_the_venvs_path() -> None:
    _, output = planned("-B", "report")
    assert "pip install --quiet --disable-pip-version-check --no-deps -e ." in output
    assert ".venv/bin/ncp build --kind annual-report" in output


def test_make_release_passes_a_year_only_when_one_is_given() -> None:
    assert commands(planned("release")[1]) == [
        ".venv/bin/ncp release --content content --releases releases"]
    assert commands(planned("release", "YEAR=2026")[1]) == [
        ".venv/bin/ncp release --content content --releases releases --year 2026"]
