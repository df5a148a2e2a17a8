"""Characters a writer cannot see, and how a message names a character.

A control character (NUL, ESC, the C1 block), a byte-order mark or half of a
UTF-16 pair comes in with a copy and paste or a quoted escape such as "\\x00". Nobody means to
publish one, and pandoc, Typst and Word each do something else with it, so
every one is an error where it was written.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.messages import Said, tr

# C0 and C1 controls except tab, line feed and carriage return (a line end); lone
# surrogates, which a quoted escape can make but UTF-8 cannot hold; and a byte-order
# mark inside the text, which PDF/UA forbids (one at the start of a file is only warned of).
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def unwanted_hint() -> Said:
    return tr("delete it: an invisible character like this comes with a copy and paste")


def describe(character: str) -> str:
    """'U+1F600 GRINNING FACE (😀)'; a character that shows nothing is not repeated."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    label = f"{code} {name}" if name else code
    if unicodedata.category(character)[0] in "CZ":
        return label
    return f"{label} ({character})"


def first_unwanted(text: str) -> tuple[int, int] | None:
    """(index of the first unwanted character, how many there are), or None."""
    found = [match.start() for match in UNWANTED.finditer(text)]
    return (found[0], len(found)) if found else None


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Default-ignorable characters (Unicode's DerivedCoreProperties): joiners, marks of
# direction, variation selectors, tags. A font need not have them; Typst draws nothing.
# (U+FEFF is one too, but PDF/UA forbids it: UNWANTED reports it.)
_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
              (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
              (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
              (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))
_OGHAM_SPACE_MARK = "\u1680"


def needs_glyph(character: str) -> bool:
    """Whether a font must have `character` to show it: not a line break, a space Typst
    makes itself (all but the visible Ogham space mark) or a default-ignorable character."""
    if character == _OGHAM_SPACE_MARK:
        return True
    if character in "\t\n\r" or unicodedata.category(character) in ("Zs", "Zl", "Zp"):
        return False
    return not any(low <= ord(character) <= high for low, high in _IGNORABLE)
