"""Characters a writer cannot see, and how a message names a character.

A control character (NUL, ESC, the C1 block), a byte-order mark or half of a
UTF-16 pair comes in with a copy and paste or a quoted escape such as "\\x00". Nobody means to
publish one, and pandoc, Typst and Word each do something else with it, so
every one is an error where it was written.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab, line feed and carriage return (a line end); lone
# surrogates, which a quoted escape can make but UTF-8 cannot hold; and a byte-order
# mark inside the text, which PDF/UA forbids (one at the start of a file is only warned of).
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
UNWANTED_HINT = "delete it: an invisible character like this comes with a copy and paste"


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
