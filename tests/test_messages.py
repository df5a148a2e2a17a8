"""What ncp says comes from its catalogs, in bokmål, nynorsk and English alike."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from pipeline import messages
from pipeline.catalogs import read_catalog
from pipeline.messages import choose, tr, tr_n

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / "pipeline"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEYWORDS = {"tr": None, "tr_n": (1, 2)}
# Calls whose text a writer reads: the text must come from `tr`, never be written inline.
TOLD = {"error", "warning", "note", "echo", "secho", "prompt", "print", "BuildError",
        "PandocError", "TypstError", "ScaffoldError", "LeakError", "NotMadeHere"}


def marked_messages() -> set[str | tuple[str, str]]:
    """Every msgid marked with `tr` or `tr_n` in the pipeline's code."""
    found = extract_from_dir(str(PIPELINE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=())
    return {message for _file, _line, message, _comments, _context in found}


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_message_has_its_text_in_each_language(lang: str) -> None:
    entries = {message.id: message for message in read_catalog(lang) if message.id}
    missing, empty, fuzzy = [], [], []
    for msgid in marked_messages():
        entry = entries.get(msgid)
        if entry is None:
            missing.append(msgid)
        elif entry.fuzzy:
            fuzzy.append(msgid)
        elif not all(entry.string) if isinstance(entry.string, tuple) else not entry.string:
            empty.append(msgid)
    assert not missing, f"not in the {lang} catalog (run make locale): {missing}"
    assert not empty, f"no {lang} text: {empty}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_translation_names_only_the_fields_its_message_gives(lang: str) -> None:
    wrong = []
    for entry in read_catalog(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        given = set().union(*(fields(text) for text in ids), {"count"} if len(ids) > 1 else ())
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wrong += [text for text in texts if text and not fields(text) <= given]
    assert not wrong, f"{lang}: fields the message does not give: {wrong}"


def test_no_catalog_keeps_messages_the_code_no_longer_says() -> None:
    said = marked_messages()
    for lang in ("nb", "nn", "en"):
        stale = [entry.id for entry in read_catalog(lang) if entry.id and entry.id not in said]
        assert not stale, f"{lang} keeps messages no longer in the code (run make locale): {stale}"


def _inline_text(node: ast.AST) -> bool:
    """A string written in the code that holds words: text a writer would read untranslated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(word.isalpha() and len(word) > 1 and not word.isupper()
                   for word in node.value.split())  # an acronym such as LIX is no sentence
    if isinstance(node, ast.JoinedStr):
        return any(_inline_text(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _inline_text(node.left) or _inline_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format":
        return _inline_text(node.func.value)
    return False


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_the_code_tells_writers_nothing_but_catalog_messages() -> None:
    inline, computed, hidden = [], [], []
    for path in sorted(PIPELINE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):  # pybabel reads no message inside an f-string
                hidden += [f"{path.relative_to(ROOT)}:{node.lineno}" for inner in ast.walk(node)
                           if isinstance(inner, ast.Call) and _called(inner) in KEYWORDS]
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            name = _called(node)
            if name in TOLD:
                told = [*node.args, *(k.value for k in node.keywords if k.arg != "file")]
                inline += [where for arg in told if _inline_text(arg)]
            if name in KEYWORDS:
                count = 2 if name == "tr_n" else 1
                computed += [where for arg in node.args[:count]
                             if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
    assert not inline, f"text told without tr(): {inline}"
    assert not computed, f"tr() of text the catalogs cannot hold (not a literal): {computed}"
    assert not hidden, f"tr() inside an f-string, where pybabel cannot find it: {hidden}"


@pytest.mark.parametrize(("environ", "site", "expected"), [
    ({"LANG": "nb_NO.UTF-8"}, "en", "nb"),
    ({"LANG": "no_NO.UTF-8"}, None, "nb"),
    ({"LANG": "nn_NO.UTF-8"}, "nb", "nn"),
    ({"LANG": "en_GB.UTF-8"}, "nb", "en"),
    ({"LANG": "de_DE.UTF-8"}, "nb", "en"),
    ({"LANG": "C.UTF-8"}, "nb", "nb"),
    ({"LANG": "C.UTF-8"}, "nn", "nn"),
    ({}, "nb", "nb"),
    ({}, "en", "en"),
    ({}, None, "en"),
    ({"LANGUAGE": "nn:nb", "LANG": "en_GB.UTF-8"}, None, "nn"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"}, None, "en"),
    ({"NCP_LANGUAGE": "en", "LANG": "nb_NO.UTF-8"}, "nb", "en"),
])
def test_the_language_comes_from_the_environment_then_the_site(
        tmp_path: Path, environ: dict[str, str], site: str | None, expected: str) -> None:
    if site:
        (tmp_path / "site.yaml").write_text(f"name: x\ndefault_language: {site}\n")
    assert choose(environ, tmp_path) == expected


def test_a_site_file_outside_the_content_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("default_language: nn\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").symlink_to(outside)
    assert choose({}, content) == "en"


def test_messages_are_filled_in_and_counted_in_the_chosen_language() -> None:
    try:
        messages.use("nb")
        assert tr("wrote {path}", path="x.pdf") == "skreiv x.pdf" or "x.pdf" in tr(
            "wrote {path}", path="x.pdf")
        assert tr_n("{count} error", "{count} errors", 1) == "1 feil"
        assert tr_n("{count} warning", "{count} warnings", 2) == "2 advarsler"
        messages.use("nn")
        assert tr_n("{count} warning", "{count} warnings", 2) == "2 åtvaringar"
    finally:
        messages.use("en")
    assert tr_n("{count} warning", "{count} warnings", 2) == "2 warnings"


def _check_told(environ: dict[str, str]) -> list[str]:
    """The lines `ncp check` tells of the many-problems fixture, run with `environ`."""
    run = subprocess.run([sys.executable, "-m", "pipeline", "check", "--content",
                          str(FIXTURES / "many-problems")], capture_output=True, text=True,
                         env=environ, check=False)
    assert run.returncode == 1
    return run.stderr.splitlines()


def _message(line: str) -> str:
    """What a line of `ncp check` says, without its place and label."""
    return re.split(r": (?:error|warning|feil|advarsel|åtvaring): |    (?:hint|tips): ", line,
                    maxsplit=1)[-1]


def test_a_norwegian_locale_gets_a_broken_fixture_told_in_bokmal() -> None:
    bare = {key: value for key, value in os.environ.items()
            if key not in ("NCP_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    norwegian = _check_told({**bare, "LANG": "nb_NO.UTF-8"})
    english = _check_told({**bare, "NCP_LANGUAGE": "en"})
    assert len(norwegian) == len(english)
    # The messages and their hints, each without its label; the quoted source line and its
    # caret stay as written.
    said = [(_message(nb), _message(en)) for nb, en in zip(norwegian, english, strict=True)
            if not en.startswith("    ") or en.startswith("    hint: ")]
    assert all(nb != en for nb, en in said), [nb for nb, en in said if nb == en]
    told = "\n".join(norwegian)
    assert ": feil: " in told and "    tips: " in told
    assert "publications/rapport/nb/tall.md:12:5: feil: bildet «bilde.svg» har ingen " \
        "alternativ tekst" in norwegian
    assert norwegian[-1].endswith(" feil, 1 advarsel")


def test_nynorsk_is_spoken_for_nn() -> None:
    bare = {key: value for key, value in os.environ.items() if key != "NCP_LANGUAGE"}
    told = _check_told({**bare, "LANG": "nn_NO.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    assert told[-1].endswith(" feil, 1 åtvaring")
    assert any("biletet «bilde.svg» har ingen alternativ tekst" in line for line in told)


def test_the_docs_list_every_message_in_each_language_as_the_catalogs_have_it() -> None:
    from pipeline.catalogs import with_message_table

    docs = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert with_message_table(docs) == docs, "run make locale (or ncp messages --docs …)"
    assert "| `the image '{path}' has no alt text` | `bildet «{path}» har ingen alternativ " \
        "tekst` | `biletet «{path}» har ingen alternativ tekst` |" in docs
