"""A chapter renders in a sandbox: what a hostile or careless writer types is an error at
its line, never a leak, a command on the build machine or a Python object in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import broken, check

from pipeline.cli import main

CHAPTER = "publications/rapport/nb/angrep.md"
WITH_CHAPTER = {"publications/rapport/publication.yaml":
                ("chapters: [tall.md, saker.md]", "chapters: [tall.md, saker.md, angrep.md]")}

ATTACKS = {
    "private attribute": ("{{ cases._public }}", "'_public' of cases is not open to chapters"),
    "private name that is not there": ("{{ cases._cases }}",
                                       "'_cases' of cases is not open to chapters"),
    "object internals": ("{{ cases.__dict__ }}", "'__dict__' of cases is not open to chapters"),
    "jinja's globals": ('{{ lipsum.__globals__["os"].popen("id").read() }}',
                        "'lipsum' is not a name a chapter can use"),
    "a function's globals": ("{{ range.__globals__ }}",
                             "'__globals__' of a function is not open to chapters"),
    "a bound method's owner": ("{{ cases.received.__self__ }}",
                               "'__self__' of a method is not open to chapters"),
    "mutating the data": ("{{ cases.received(2025).append(1) }}",
                          "'append' of a list of cases is not open to chapters"),
    "format string": ('{{ "{0.__class__}".format(publication) }}',
                      "'__class__' of publication is not open to chapters"),
    "a list printed": ("{{ cases.received(2025) }}",
                       "this {{ … }} gives a list of 2 cases, not text"),
    "a view printed": ("{{ publication }}", "this {{ … }} gives publication, not text"),
    "a method printed": ("{{ cases.received }}", "this {{ … }} gives a method, not text"),
    "a list joined into text": ('{{ "Saker: " ~ cases.received(2025) }}',
                                "this {{ … }} gives a list of 2 cases, not text"),
    "a view as a string": ("{{ publication | string }}",
                           "this {{ … }} gives publication, not text"),
    "a view formatted": ('{{ "%s" % site.organisation }}',
                         "this {{ … }} gives site.organisation, not text"),
    "Jinja's self": ("{{ self._TemplateReference__context }}",
                     "'_TemplateReference__context' of a TemplateReference is not open"),
    "a huge text": ('{{ "x" * 100000000 }}', "repeating this text or list makes it too long"),
    "a huge number": ("{{ 10 ** 100000 }}", "the power 100000 is too large for a chapter"),
    "a huge range": ("{% for i in range(100000000) %}x{% endfor %}",
                     "a range of more than 100,000 numbers is too large for a chapter"),
    "endless recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
                          "the chapter includes or calls itself without end"),
    "a path up": ('{% include "../../../../../../etc/hostname" %}',
                  "'../../../../../../etc/hostname' is not a chapter or partial that exists"),
}


def attacked(tmp_path: Path, line: str) -> Path:
    return broken(tmp_path, {**WITH_CHAPTER, CHAPTER: f"# Angrep\n\n{line}\n"})


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_is_an_error_at_its_line(tmp_path: Path, name: str) -> None:
    line, message = ATTACKS[name]
    status, output = check(attacked(tmp_path, line))
    assert status == 1
    assert f"{CHAPTER}:3: error: {message}" in output, output
    assert "Traceback" not in output and "uid=" not in output


def test_every_attack_of_a_chapter_is_reported_at_once(tmp_path: Path) -> None:
    survivable = ["private attribute", "object internals", "jinja's globals", "mutating the data",
                  "a list printed", "a view printed"]
    text = "\n\n".join(ATTACKS[name][0] for name in survivable)
    status, output = check(attacked(tmp_path, text))
    assert status == 1
    for number, name in enumerate(survivable):
        assert f"{CHAPTER}:{3 + 2 * number}: error: {ATTACKS[name][1]}" in output, output


def test_the_time_a_chapter_may_take_is_limited(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.render.sandbox.RENDER_SECONDS", 0.5)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    status, output = check(attacked(tmp_path, loop))
    assert status == 1
    assert f"{CHAPTER}:3: error: the chapter took more than 0.5 s to render" in output


def test_an_include_through_a_symlinked_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "hemmelig.md").write_text("HEMMELIG INNHOLD\n", encoding="utf-8")
    folder = attacked(tmp_path, '{% include "lenke/hemmelig.md" %}')
    (folder / "publications/rapport/nb/lenke").symlink_to(outside)
    status, output = check(folder)
    assert status == 1
    assert f"{CHAPTER}:3: error: 'lenke/hemmelig.md' lies outside the content folder" in output
    assert "HEMMELIG" not in output


def test_a_symlinked_chapter_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "hemmelig.md"
    secret.write_text("HEMMELIG INNHOLD\n", encoding="utf-8")
    folder = broken(tmp_path, WITH_CHAPTER)
    (folder / CHAPTER).symlink_to(secret)
    status, output = check(folder)
    assert status == 1
    assert ("publications/rapport/publication.yaml:7:31: error: chapter 'nb/angrep.md' lies "
            "outside the content folder") in output


def test_a_chapter_path_up_and_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("HEMMELIG\n", encoding="utf-8")
    folder = broken(tmp_path, {"publications/rapport/publication.yaml":
                               ("chapters: [tall.md, saker.md]",
                                "chapters: [tall.md, ../../../../x.md]")})
    status, output = check(folder)
    assert status == 1
    assert ("publications/rapport/publication.yaml:7:21: error: chapter 'nb/../../../../x.md' "
            "lies outside the content folder") in output


def test_an_attacked_build_writes_nothing(tmp_path: Path) -> None:
    folder = attacked(tmp_path, '{{ cases._cases }} {{ lipsum.__globals__["os"] }}')
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert f"{CHAPTER}:3: error: '_cases' of cases is not open to chapters" in result.output
    assert not output.exists() or not any(output.rglob("[!.]*.*"))
