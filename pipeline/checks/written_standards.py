"""The other written standard's form of a word: nynorsk for a bokmål word, and back.

Hunspell suggests by spelling distance, so for "ikke" in a nynorsk text it offers "kike"
before "ikkje". The forms bokmål writers slip into nynorsk most are mostly short common
words and a few endings; these are tried first, each kept only when the target dictionary
accepts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

# The commonest bokmål forms in a nynorsk text, with their nynorsk form.
BOKMAL_TO_NYNORSK = {
    "ikke": "ikkje", "hvordan": "korleis", "noen": "nokon", "noe": "noko", "mye": "mykje",
    "hva": "kva", "hvem": "kven", "hvor": "kvar", "hvorfor": "kvifor", "hvis": "viss",
    "hvilken": "kva for ein", "hvilke": "kva for", "jeg": "eg", "fra": "frå", "også": "òg",
    "uten": "utan", "selv": "sjølv", "sammen": "saman", "bare": "berre", "mens": "medan",
    "siden": "sidan", "ble": "vart", "dere": "de", "deres": "deira", "hennes": "hennar",
    "nå": "no", "disse": "desse", "hele": "heile", "helt": "heilt", "annen": "annan",
    "annet": "anna", "egen": "eigen", "eget": "eige", "egne": "eigne", "flere": "fleire",
    "tar": "tek", "gjør": "gjer", "gjøre": "gjere", "sier": "seier", "følge": "følgje",
    "følger": "følgjer", "behandle": "handsame", "behandler": "handsamar",
    "behandling": "handsaming", "virksomhet": "verksemd", "virksomheten": "verksemda",
    "virksomheter": "verksemder", "løsning": "løysing", "mulig": "mogleg",
    "nødvendig": "naudsynt", "menneskerettigheter": "menneskerettar", "enige": "samde",
    "uenige": "usamde", "veiledning": "rettleiing",
}
NYNORSK_TO_BOKMAL = {nn: nb for nb, nn in BOKMAL_TO_NYNORSK.items() if nn != nb}

# Endings and beginnings that differ regularly: (bokmål, nynorsk).
_ENDINGS = (("het", "heit"), ("heten", "heita"), ("heter", "heiter"), ("lig", "leg"),
            ("lige", "lege"), ("else", "ing"), ("elsen", "inga"))
_BEGINNINGS = (("hv", "kv"),)


def _candidates(word: str, table: dict[str, str], to_nynorsk: bool) -> Iterator[str]:
    lower = word.lower()
    if lower in table:
        yield table[lower]
    for bokmal, nynorsk in _ENDINGS:
        source, target = (bokmal, nynorsk) if to_nynorsk else (nynorsk, bokmal)
        if lower.endswith(source):
            yield lower[:-len(source)] + target
    for bokmal, nynorsk in _BEGINNINGS:
        source, target = (bokmal, nynorsk) if to_nynorsk else (nynorsk, bokmal)
        if lower.startswith(source):
            yield target + lower[len(source):]


def other_form(word: str, to_nynorsk: bool, accepted: Callable[[str], bool]) -> list[str]:
    """The forms of `word` in the other standard that its dictionary (`accepted`) knows."""
    table = BOKMAL_TO_NYNORSK if to_nynorsk else NYNORSK_TO_BOKMAL
    found = [form for form in _candidates(word, table, to_nynorsk)
             if all(accepted(part) for part in form.split())]
    if word[:1].isupper():
        found = [form[:1].upper() + form[1:] for form in found]
    return list(dict.fromkeys(found))
