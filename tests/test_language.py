"""The language check: spelling, bokmål and nynorsk forms mixed, and over-long sentences.

Each planted mistake must be reported at its own file, line and column, with the dictionary's
suggestion; names from the word list and passages marked with another language raise nothing.
The tests that read Hunspell's dictionaries skip without them, and fail in CI.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import broken, check

from pipeline.checks import language, spelling
from pipeline.checks.plain_language import readability, sentences
from pipeline.checks.prose import chapter_prose, words

NO_DICTIONARIES = ("Hunspell's nb_NO, nn_NO and en_GB through pyenchant: apt-get install "
                   "hunspell-no hunspell-en-gb libenchant-2-2")


@pytest.fixture
def dictionaries() -> None:
    """Skip without the dictionaries; in CI, where they must be installed, fail instead."""
    if not spelling.available(["nb", "nn", "en"]):
        if os.environ.get("CI") == "true":
            pytest.fail(f"no dictionaries, and CI must check spelling: {NO_DICTIONARIES}",
                        pytrace=False)
        pytest.skip(f"no dictionaries: {NO_DICTIONARIES}")


NYNORSK_SITE = ("languages: [nb, en]", "languages: [nb, nn, en]")
CHAPTER = "publications/rapport/nb/saker.md"
BROCHURE = {
    "publications/brosjyre/publication.yaml": (
        "kind: brochure\ntitle: {nb: Brosjyre, nn: Brosjyre}\nlanguages: [nn]\n"
        "formats: [html]\ndate: 2025-09-01\nchapters: [tekst.md]\n"),
}


def _planted(tmp_path: Path, edits: dict[str, object]) -> tuple[int, str]:
    return check(broken(tmp_path, edits), "--strict")


def _at(output: str, where: str) -> str:
    """The lines of the problem reported at `where`, from its heading to its hint."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(where))
    end = next((i for i in range(start + 1, len(lines)) if "hint:" in lines[i]), start)
    return "\n".join(lines[start:end + 1])


def test_a_misspelt_word_is_reported_with_suggestions(tmp_path: Path, dictionaries: None) -> None:
    code, output = _planted(tmp_path, {CHAPTER: ("# Saker {#saker}\n",
                                                 "# Saker {#saker}\n\nSakene ble behandlett.\n")})
    assert code == 1
    problem = _at(output, f"{CHAPTER}:3:12: warning: unknown word 'behandlett'")
    assert "'behandlet'" in problem


def test_a_long_string_is_judged_once_per_ending(dictionaries: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut every way, a 55-letter string took the compound search 14 s and an 80-letter one
    minutes; each ending judged once, it costs its length squared at most."""
    asked: list[str] = []
    accepts = spelling._accepts
    monkeypatch.setattr(spelling, "_accepts", lambda lang, word: asked.append(word)
                        or accepts(lang, word))
    spelling._is_compound.cache_clear()
    speller = spelling.Speller("nb", frozenset())
    assert speller.verdict("a" * 55) is not None
    assert len(asked) <= 55 ** 2
    assert speller.verdict("a" * (spelling.LONGEST_COMPOUND + 1)) is not None
    assert speller.verdict("urfolkssamfunnene") is None  # a compound is still one


def test_a_bokmal_form_in_a_nynorsk_chapter(tmp_path: Path, dictionaries: None) -> None:
    text = "# Om saka {#om}\n\nVi veit ikke korleis saka endar.\n"
    code, output = _planted(tmp_path, {"site.yaml": NYNORSK_SITE, **BROCHURE,
                                       "publications/brosjyre/nn/tekst.md": text})
    assert code == 1
    problem = _at(output, "publications/brosjyre/nn/tekst.md:3:9: warning: bokmål form in "
                  "nynorsk text: 'ikke'")
    assert "did you mean 'ikkje'" in problem


def test_a_bokmal_form_in_a_nynorsk_case_summary(tmp_path: Path, dictionaries: None) -> None:
    summary = ("summary: {nb: Klagen ble ikke tatt til behandling.}",
               "summary:\n  nb: Klagen ble ikke tatt til behandling.\n"
               "  nn: >-\n    Klaga vart ikkje teken til handsaming, fordi\n"
               "    hvordan selskapet handla var klart.")
    code, output = _planted(tmp_path, {"site.yaml": NYNORSK_SITE,
                                       "cases/2025-03.yaml": summary})
    assert code == 1
    problem = _at(output, "cases/2025-03.yaml:21:5: warning: bokmål form in nynorsk text: "
                  "'hvordan'")
    assert "did you mean 'korleis'" in problem


def test_a_nynorsk_form_in_bokmal_text(tmp_path: Path, dictionaries: None) -> None:
    code, output = _planted(tmp_path, {CHAPTER: ("# Saker {#saker}\n",
                                                 "# Saker {#saker}\n\nVi veit ikkje mer.\n")})
    assert code == 1
    problem = _at(output, f"{CHAPTER}:3:9: warning: nynorsk form in bokmål text: 'ikkje'")
    assert "did you mean 'ikke'" in problem


def test_a_fifty_word_sentence_is_reported_at_its_line(tmp_path: Path) -> None:
    sentence = "Dette er " + " ".join(["ord"] * 47) + " her."
    code, output = _planted(tmp_path, {CHAPTER: ("# Saker {#saker}\n",
                                                 f"# Saker {{#saker}}\n\nKort.\n{sentence}\n")})
    assert code == 1
    problem = _at(output, f"{CHAPTER}:4:1: warning: a sentence of 50 words (the limit is 35): "
                  "'Dette er ord ord ord …'")
    assert "split it" in problem


def test_the_sites_limit_of_sentence_length(tmp_path: Path) -> None:
    sentence = " ".join(["ord"] * 20) + "."
    edits = {CHAPTER: ("# Saker {#saker}\n", f"# Saker {{#saker}}\n\n{sentence}\n")}
    assert "a sentence of 20 words" not in _planted(tmp_path / "a", edits)[1]
    edits["site.yaml"] = ("default_language: nb", "default_language: nb\nsentence_limit: 15")
    assert "a sentence of 20 words (the limit is 15)" in _planted(tmp_path / "b", edits)[1]


def test_a_name_from_the_word_list_raises_nothing(tmp_path: Path, dictionaries: None) -> None:
    text = ("# Saker {#saker}\n", "# Saker {#saker}\n\nFjordtek AS svarte, og Fjordteks svar "
                                  "kom fram.\n")
    assert "unknown word 'Fjordtek'" in _planted(tmp_path / "without", {CHAPTER: text})[1]
    code, output = _planted(tmp_path / "with", {CHAPTER: text,
                                                "ordliste.txt": "NCP\nfarming\npage\nset\n"
                                                                "width\nFjordtek\n"})
    assert (code, output.strip()) == (0, "content is valid")


def test_a_passage_marked_english_raises_nothing(tmp_path: Path, dictionaries: None) -> None:
    plain = "Prinsippene (*Voluntary Principles on Security*) gjelder.\n"
    marked = "Prinsippene ([*Voluntary Principles on Security*]{lang=en}) gjelder.\n\n" \
             "::: {lang=en}\nA whole passage in English.\n:::\n"
    assert "unknown word 'Voluntary'" in _planted(
        tmp_path / "plain", {CHAPTER: ("# Saker {#saker}\n", f"# Saker {{#saker}}\n\n{plain}")})[1]
    code, output = _planted(
        tmp_path / "marked", {CHAPTER: ("# Saker {#saker}\n", f"# Saker {{#saker}}\n\n{marked}")})
    assert (code, output.strip()) == (0, "content is valid")


def test_without_dictionaries_the_check_says_so_once_and_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "available", lambda languages: False)
    code, output = _planted(tmp_path, {CHAPTER: ("# Saker {#saker}\n",
                                                 "# Saker {#saker}\n\nSakene ble behandlett.\n")})
    assert code == 0
    assert output.count("note: spelling was not checked") == 1
    assert "apt-get install hunspell-no hunspell-en-gb libenchant-2-2" in output
    assert "behandlett" not in output


def test_code_links_and_jinja_are_not_prose() -> None:
    source = ("Se `kode_her` og [lenka](https://exampel.no/sti) {{ site.navn }} "
              "{% if x %}ja{% endif %} @sec-noko <https://x.no> post@exampel.no {#id .klasse} "
              "$E = mc^2$\n\n$$\\sum_{i=1}^{n} i$$\n")
    assert [w.text for w in words(chapter_prose(source, "nb"))] == ["Se", "og", "lenka", "ja"]


def test_words_keep_their_line_and_column() -> None:
    found = list(words(chapter_prose("{{ a }} Ein to\n\n  tre\n", "nn")))
    assert [(w.text, w.line, w.column) for w in found] == [("Ein", 1, 9), ("to", 1, 13),
                                                          ("tre", 3, 3)]


def test_lix_and_the_share_of_long_sentences() -> None:
    long = " ".join(["ord"] * 26) + "."
    prose = f"# Tittel\n\nEin kort setning. Ein særskilt tilrettelagd setning.\n\n- {long}\n"
    figures = readability(sentences(prose))
    assert (figures.sentences, figures.words, figures.long_sentences) == (4, 34, 1)
    assert figures.long_words == 4  # setning (twice), særskilt, tilrettelagd
    assert figures.lix == pytest.approx(34 / 4 + 100 * 4 / 34)
    assert figures.long_share == 0.25


def test_a_build_checks_the_language_beside_its_writing_and_tells_it(
        tmp_path: Path, dictionaries: None) -> None:
    from test_progress import build_mini

    content = broken(tmp_path, {CHAPTER: ("Saker", "Sakker behandlett")})
    code, output = build_mini(tmp_path, content, "--format", "html")
    assert code == 0, output
    assert "unknown word 'behandlett'" in output and "[1/1] rapport-nb.html" in output


def test_a_build_with_a_word_list_from_outside_fails_and_writes_nothing(tmp_path: Path) -> None:
    from test_progress import build_mini

    content = broken(tmp_path, {})
    (tmp_path / "secret.txt").write_text("hemmelig\n", encoding="utf-8")
    (content / "ordliste.txt").unlink()
    (content / "ordliste.txt").symlink_to(tmp_path / "secret.txt")
    code, output = build_mini(tmp_path, content)
    assert code == 1
    assert "ordliste.txt: error: 'ordliste.txt' is not read: it links to a file outside" in output
    assert not list((tmp_path / "output").rglob("rapport-*"))
