"""Spelling by Hunspell's dictionaries, through Enchant: each word's verdict in its language.

pyenchant is a thin ctypes binding, kept up to date, that needs no compiler; Enchant is told
to use Hunspell (not Aspell) for every dictionary, so bokmål, nynorsk and British English
are all Debian's Hunspell dictionaries. A word is known when its dictionary accepts it, when
the content's word list names it, or when it is a party's or country's name from the data;
a hyphenated word is known when each of its parts is. In a Norwegian text, a word its own
dictionary rejects and the other written standard's accepts is that standard's form.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.checks.written_standards import other_form
from pipeline.messages import Said, tr

DICTIONARIES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
INSTALL_COMMAND = "apt-get install hunspell-no hunspell-en-gb libenchant-2-2"
NORWEGIAN = ("nb", "nn")
SUGGESTIONS = 3
SUGGESTING_SECONDS = 1.0  # per language and run: later unknown words get no suggestions
COMPOUND_PART = 4  # letters: the least part of a compound (COMPOUNDMIN of nb_NO and nn_NO)
LONGEST_COMPOUND = 60  # letters: longer than any compound a Norwegian text uses

# Common words Debian's dictionaries (2.0.10 for Norwegian) lack.
MISSING_FROM_DICTIONARY = {
    "nb": frozenset({"noen", "noe", "risikoen", "risikoer", "risikoene", "arenaer", "datoene",
                     "dilemmaer", "migranter", "scenarioer", "scenarioene", "temaer", "temaet",
                     "forretningsmessige"}),
    "nn": frozenset({"risikoen", "risikoar", "risikoane"}),
}


@cache
def dictionary(lang: str) -> Any | None:
    """Hunspell's dictionary for `lang` through Enchant; None when either is not installed."""
    try:
        import enchant  # the C library is looked for on import
    except ImportError:
        return None
    tag = DICTIONARIES[lang]
    broker = enchant.Broker()
    broker.set_ordering(tag, "hunspell")
    try:
        return broker.request_dict(tag)
    except enchant.errors.DictNotFoundError:
        return None


# Where Enchant finds Hunspell's dictionaries (Debian's packages, and the user's own).
DICTIONARY_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"),
                      Path.home() / ".config" / "enchant" / "hunspell")


def installed_dictionaries() -> list[str]:
    """The dictionary files installed where Enchant looks, with their sizes: a build whose
    warnings were recorded without them is not up to date once they are installed."""
    return sorted(f"{path}:{path.stat().st_size}" for folder in DICTIONARY_FOLDERS
                  if folder.is_dir() for path in folder.glob("*.dic"))


def available(languages: Iterable[str]) -> bool:
    return all(dictionary(lang) is not None for lang in languages)


def install_hint() -> Said:
    return tr("install the dictionaries to check spelling: {command} (and pyenchant, from "
              "{file})", command=INSTALL_COMMAND, file="requirements.txt")


@dataclass(frozen=True)
class Verdict:
    message: Said
    suggestions: tuple[str, ...]


@cache
def _accepts(lang: str, word: str) -> bool:
    found = dictionary(lang)
    if found is None:
        return True
    return found.check(word) or word.lower() in MISSING_FROM_DICTIONARY.get(lang, ())


@cache
def _suggestions(lang: str, word: str) -> tuple[str, ...]:
    found = dictionary(lang)
    return tuple(found.suggest(word)[:SUGGESTIONS]) if found is not None else ()


@cache
def _is_compound(lang: str, word: str) -> bool:
    """Whether `word` joins two or more known words, the first maybe by an 's' or 'e'.

    Debian's Norwegian dictionaries know few of the compounds Norwegian makes at will
    ("urfolkssamfunnene", "aktsemdsvurderingar"); each part is held to Hunspell's
    least compound part for them, four letters. Each ending is judged once (cached), so
    a word costs its length squared, not every way of cutting it; a string longer than
    any compound is none.
    """
    if lang not in NORWEGIAN or len(word) > LONGEST_COMPOUND:
        return False
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:cut], word[cut:]
        if not (_accepts(lang, tail) or _is_compound(lang, tail)):
            continue
        if _accepts(lang, head) or (head[-1] in "se" and len(head) > COMPOUND_PART
                                    and _accepts(lang, head[:-1])):
            return True
    return False


def _suggestions_within(budget: list[float], lang: str, word: str) -> tuple[str, ...]:
    """Hunspell's suggestions while `budget` (seconds, spent in place) lasts, then none.

    A suggestion costs a tenth of a second in the Norwegian dictionaries; a folder of many
    unknown words must not make every check slow.
    """
    if budget[0] <= 0:
        return ()
    start = time.perf_counter()
    found = _suggestions(lang, word)
    budget[0] -= time.perf_counter() - start
    return found


class Speller:
    """The verdicts on the words of one language, given the names and terms it knows."""

    def __init__(self, lang: str, known: frozenset[str]) -> None:
        self.lang = lang
        self.known = known  # the word list's entries and the data's names, in lower case
        self.verdicts: dict[str, Verdict | None] = {}
        self.budget = [SUGGESTING_SECONDS]

    def verdict(self, word: str) -> Verdict | None:
        """None for a word known in this language; else what is wrong and what to write."""
        if word not in self.verdicts:
            self.verdicts[word] = None if self._is_known(word) else self._judge(word)
        return self.verdicts[word]

    def _is_known(self, word: str) -> bool:
        if len(word) < 2 or self._listed(word) or _accepts(self.lang, word):
            return True
        if _accepts(self.lang, word + "."):  # an abbreviation, its full stop left out ("bl.a.")
            return True
        parts = word.replace("’", "'").split("-")
        if len(parts) > 1:
            return all(self._is_known(part) for part in parts if part)
        return _is_compound(self.lang, word.lower())

    def _listed(self, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        stem = lower.removesuffix("'s").removesuffix("'")
        plural = lower[:-1] if lower.endswith("s") else None  # or a Norwegian genitive
        return lower in self.known or stem in self.known or plural in self.known

    def _judge(self, word: str) -> Verdict:
        other = {"nb": "nn", "nn": "nb"}.get(self.lang)
        if other is not None and dictionary(other) is not None and _accepts(other, word):
            forms = other_form(word, self.lang == "nn", lambda w: _accepts(self.lang, w))
            own = [s for s in _suggestions_within(self.budget, self.lang, word)
                   if not _accepts(other, s)]
            return Verdict(tr("bokmål form in nynorsk text: '{word}'", word=word)
                           if self.lang == "nn" else
                           tr("nynorsk form in bokmål text: '{word}'", word=word),
                           tuple(dict.fromkeys([*forms, *own]))[:SUGGESTIONS])
        return Verdict(tr("unknown word '{word}'", word=word),
                       _suggestions_within(self.budget, self.lang, word))
