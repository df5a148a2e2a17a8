"""Brand fonts made small for the web: subset to the scripts we write, as WOFF.

The HTML embeds its fonts so that one file is the whole page; a full OpenType
file is several hundred kilobytes, a Latin subset a fraction of that.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from pipeline import cache
from pipeline.files import write_atomically

# Latin with Norwegian and Sámi letters, punctuation, currency, arrows and a few symbols.
UNICODES = [*range(0x20, 0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0),
            *range(0x2100, 0x2160), *range(0x2190, 0x2200), 0x2212, 0x2264, 0x2265, 0x25CF]


def web_font(source: Path, folder: Path) -> Path:
    """A WOFF subset of `source`, made once and kept in `folder`."""
    target = folder / f"{source.stem}.woff"
    digest = cache.file_hash(source)

    folder.mkdir(parents=True, exist_ok=True)
    cache.made([target], [digest],
               lambda: write_atomically(target, _subset(source, digest)))
    return target


@functools.cache
def _subset(source: Path, _digest: str) -> bytes:
    """The subset's bytes; remembered for the process, as subsetting takes a second."""
    return latin_subset(source, "woff")


def latin_subset(source: Path, flavor: str | None = None) -> bytes:
    """`source` cut down to UNICODES with every layout feature and name, saved as `flavor`
    (None: plain OpenType)."""
    from fontTools import subset  # a tenth of a second to load, and needed only this once

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()
