"""The DOCX zip written the same on every run and every machine.

A zip entry carries the time it was written and the system that wrote it, and
python-docx stamps every entry with the clock. Here each entry gets one fixed
time (the publication's date at noon, or SOURCE_DATE_EPOCH when set), MS-DOS
attributes, one compression level and a fixed order: `[Content_Types].xml`
first, as Office writes it, then the others by name. Relationships are listed
by id, since pandoc orders its pictures' by their paths.

pandoc also writes each picture's file path, a path of the build machine, as
the description inside the picture (`pic:cNvPr`); the alt text on the drawing
(`wp:docPr`) takes its place.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import docx
from lxml import etree

from pipeline.messages import tr
from pipeline.problems import BuildError

# What a zip entry's MS-DOS date can hold.
EARLIEST = dt.datetime(1980, 1, 1)
LATEST = dt.datetime(2107, 12, 31, 23, 59, 58)
CONTENT_TYPES = "[Content_Types].xml"
PICTURE_NS = b"http://schemas.openxmlformats.org/drawingml/2006/picture"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"

DateTime = tuple[int, int, int, int, int, int]


def save(word: docx.document.Document, path: Path, date: dt.date) -> None:
    """Save `word` at `path`, every entry dated `entry_time(date)`."""
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(repack(buffer.getvalue(), entry_time(date)))


def entry_time(date: dt.date) -> DateTime:
    """SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set; else `date` at noon."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        moment = dt.datetime.combine(date, dt.time(12, 0))
    else:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError) as error:
            raise BuildError(tr("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                                "1970, not '{value}'", value=epoch)) from error
    moment = min(max(moment, EARLIEST), LATEST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def repack(data: bytes, when: DateTime) -> bytes:
    """The zip `data` rewritten entry by entry: fixed time, attributes, order, no paths."""
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(result, "w") as target:
        for name in sorted(source.namelist(), key=lambda name: (name != CONTENT_TYPES, name)):
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 0  # MS-DOS, as Word writes it; the default depends on the OS
            info.external_attr = 0
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, _fixed(name, source.read(name)), compresslevel=6)
    return result.getvalue()


def _fixed(name: str, part: bytes) -> bytes:
    if name.endswith(".rels"):
        return _relationships_by_id(part)
    if name.endswith(".xml") and PICTURE_NS in part:
        return _alt_text_only(part)
    return part


def _relationships_by_id(part: bytes) -> bytes:
    """The relationships sorted by id: pandoc lists pictures in the order of their paths."""
    root = etree.fromstring(part)
    root[:] = sorted(root, key=lambda relationship: relationship.get("Id", ""))
    return _xml(root)


def _alt_text_only(part: bytes) -> bytes:
    """The part with each picture's inner description set to its drawing's alt text."""
    root = etree.fromstring(part)
    for drawing in root.iter(DRAWING):
        for picture in drawing.getparent().iter(PICTURE):
            picture.set("descr", drawing.get("descr", ""))
    return _xml(root)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
