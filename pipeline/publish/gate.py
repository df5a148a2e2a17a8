"""The confidential-data gate: find the case data that must never be published in an output.

`secrets(cases)` lists every confidential string of the content: the name of a party marked
`confidential: true`, the id, title and summary (every language) of a case with
`public: false`, and every case's internal `notes`. `leaks(path, fmt, secrets)` reads a
written HTML, DOCX or PDF file everywhere a reader or a machine could find text and returns
the secrets it holds; the build refuses an output with any.

Where text is read
    HTML: the text (inline elements joined, as a browser's textContent), every text node on its
    own (also in <script> and <style>), comments, every attribute value, and the textual `data:`
    URIs that --embed-resources writes (SVG, CSS, text/*, XML; base64 or percent-encoded),
    decoded and read the same way. Binary ones (fonts, PNG) are skipped.
    DOCX: every XML part of the zip (document, headers, footers, notes, comments, properties,
    relationships, SVG media): text nodes, attribute values, each paragraph's runs joined, and
    each part's whole text joined.
    PDF: the page text (pypdfium2), every string object (document info, outline titles, the
    structure tree's /Alt /ActualText /T, link URIs, /Contents ...) and the XMP metadata and
    embedded-file streams.
    A value with %-escapes (a URL) is read percent-decoded as well.

Normalisation
    Both sides are folded (NFKC, casefold, NFKC) and reduced to their letters and digits:
    every space (no-break and the other Unicode spaces too), soft hyphen, hyphen, dash, line
    break, quote and other punctuation is dropped. So "Kvern-\\nmo" (a PDF line end), "Miners’"
    (a typographic apostrophe), "ﬁ" (a ligature) and "KROKVÅG" all match. A secret longer than
    60 characters also matches when any of its sentences of at least 5 words and 30 characters
    does: a page break with a running header can cut a summary in two.

Token rule
    A short secret (fewer than 10 letters and digits, such as the case id "2025-07") matches only
    as a whole token: no letter or digit right before or after it, and no hyphen joining it to a
    digit where the secret has a digit at that end (hyphens join digits into one token, as in
    dates). So "2025-07-01" and "12025-07" are not hits; "2025-07", "sak 2025–07.", "saker/2025-07"
    and "2025-07-saken" are. A possessive s after it ("Enis", "Eni's") still counts as the secret.
    Longer secrets match anywhere, also inside a longer word: "Kvernmo-Tangvalds" (genitive) and
    "Krokvåg Entreprenør AS-saken" are hits.
"""

from __future__ import annotations

import base64
import binascii
import functools
import html
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

import lxml.html
import pikepdf
import pypdfium2 as pdfium
from lxml import etree

from pipeline.content.model import Case
from pipeline.formats.pdf_layout import PDFIUM_LOCK
from pipeline.messages import tr

SHORT = 10  # a secret with fewer letters and digits than this is matched as a whole token
LONG = 60  # a secret longer than this is matched by its sentences too
SENTENCE_WORDS = 5
SENTENCE_CHARS = 30
MAX_DEPTH = 4  # data: URIs inside data: URIs inside ...

# Separates the texts of one file in the haystack; kept by the normalisation, so that no
# match runs from one text (an attribute, a page, a part) into the next.
SEPARATOR = "\x1f"
DASHES = "-\u00ad\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\ufffe\x02"


@dataclass(frozen=True)
class Secret:
    """One confidential string, where it was written, and which field it is in words."""

    text: str
    source: Path
    field: str


def secrets(cases: list[Case]) -> list[Secret]:
    """Every confidential string of the cases, empty values skipped, each text once."""
    found: dict[str, Secret] = {}
    for secret in (s for case in cases for s in _case_secrets(case)):
        key = _compact(_fold(secret.text))
        if key and key not in found:
            found[key] = secret
    return list(found.values())


def _case_secrets(case: Case) -> Iterator[Secret]:
    for role, party in (("submitter", case.submitter), ("enterprise", case.enterprise)):
        if party.confidential:
            yield Secret(party.name or "", case.path,
                         tr("{field} (confidential party)", field=f"{role}.name"))
    if not case.public:
        yield Secret(case.id or "", case.path, tr("{field} (case not public)", field="id"))
        for name, text in (("title", case.title), ("summary", case.summary)):
            for lang, value in (text or {}).items():
                yield Secret(value or "", case.path,
                             tr("{field} (case not public)", field=f"{name}.{lang}"))
    if case.notes:
        yield Secret(case.notes, case.path, "notes")


def leaks(path: Path, fmt: str, secrets: list[Secret]) -> list[Secret]:
    """The secrets found in the file at `path`, written as `fmt` ("html", "docx" or "pdf")."""
    if fmt not in READERS:
        raise ValueError(f"the leak gate cannot read '{fmt}' files")
    if not secrets:
        return []
    haystack = Haystack.of(READERS[fmt](Path(path)))
    return [m.secret for m in _matchers(tuple(secrets)) if m.found(haystack)]


def leaks_in_text(texts: Iterable[str], secrets: list[Secret]) -> list[Secret]:
    """The secrets found in `texts`: for an output that is not a document (an export)."""
    haystack = Haystack.of(texts)
    return [m.secret for m in _matchers(tuple(secrets)) if m.found(haystack)]


# --- normalisation ------------------------------------------------------------------------

_NOT_LETTER_OR_DIGIT = re.compile(rf"[^\w{SEPARATOR}]+|_+")


def _fold(text: str) -> str:
    """Compatibility caseless form: ligatures, full-width forms and case are gone."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _compact(folded: str) -> str:
    return _NOT_LETTER_OR_DIGIT.sub("", folded)


@dataclass(frozen=True)
class Haystack:
    """The texts of one file, folded (for tokens) and compacted (for substrings)."""

    folded: str
    compact: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> Haystack:
        joined = SEPARATOR.join(t.replace(SEPARATOR, " ") for t in texts if t)
        folded = _fold(joined)
        return cls(folded, _compact(folded))


# --- matching -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_GAP = rf"(?:[^\w{SEPARATOR}]|_)*"
_DIGIT_DASH_BEFORE = re.compile(rf"\d\s*[{DASHES}]\s*\Z")
_DASH_DIGIT_AFTER = re.compile(rf"\s*[{DASHES}]\s*\d")


@dataclass(frozen=True)
class Matcher:
    """How one secret is looked for: as a token, or as any of its compact forms."""

    secret: Secret
    forms: tuple[str, ...]
    token: re.Pattern[str] | None = None

    def found(self, haystack: Haystack) -> bool:
        if self.token is not None:
            return _token_found(self.token, self.forms[0], haystack.folded)
        return any(form in haystack.compact for form in self.forms)


@functools.lru_cache(maxsize=16)
def _matchers(secrets: tuple[Secret, ...]) -> tuple[Matcher, ...]:
    """Built once per list of secrets: the build asks for every output with the same list."""
    return tuple(m for s in secrets if (m := _matcher(s)) is not None)


def _matcher(secret: Secret) -> Matcher | None:
    whole = _compact(_fold(secret.text))
    if not whole:
        return None
    if len(whole) < SHORT:
        pattern = _GAP.join(re.escape(char) for char in whole)
        return Matcher(secret, (whole,), re.compile(pattern))
    forms = [whole]
    if len(secret.text.strip()) > LONG:
        forms += [f for s in _sentences(secret.text) if (f := _compact(_fold(s))) not in forms]
    return Matcher(secret, tuple(forms))


def _sentences(text: str) -> list[str]:
    """The distinctive sentences of `text`; "28. oktober" does not end one."""
    sentences: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        if sentences and not part[:1].isupper():
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return [s for s in sentences if len(s.split()) >= SENTENCE_WORDS and len(s) >= SENTENCE_CHARS]


def _token_found(pattern: re.Pattern[str], form: str, folded: str) -> bool:
    match = pattern.search(folded)
    while match is not None:
        if _is_token(folded, match.start(), match.end(), form):
            return True
        match = pattern.search(folded, match.start() + 1)
    return False


def _is_token(text: str, start: int, end: int, form: str) -> bool:
    """Whether text[start:end] stands alone (see the token rule in the module docstring)."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if form[0].isdigit() and _DIGIT_DASH_BEFORE.search(text, max(0, start - 8), start):
        return False
    if text.startswith("s", end):  # a possessive: "Enis"; "Eni's" has its boundary already
        end += 1
    if end < len(text) and text[end].isalnum():
        return False
    return not (form[-1].isdigit() and _DASH_DIGIT_AFTER.match(text, end))


# --- reading HTML and XML -------------------------------------------------------------------

_DATA_URI = re.compile(
    r"(?<![\w-])data:(?P<mime>[\w!#$&^.+-]+/[\w!#$&^.+-]+)?(?P<params>(?:;[^,;\"'\s]*)*),",
    re.IGNORECASE)
_URI_END = re.compile(r"[\s\"'<>)]")


def html_texts(path: Path) -> list[str]:
    return _html_texts(path.read_bytes(), 0)


def _html_texts(data: bytes, depth: int) -> list[str]:
    try:
        root = lxml.html.document_fromstring(data)
    except etree.ParserError:  # nothing but white space or comments
        return [html.unescape(data.decode("utf-8", "replace"))]
    return _markup_texts(root, depth)


def xml_texts(data: bytes, depth: int = 0) -> list[str]:
    """The texts of an XML document; its raw text when it is not XML at all."""
    # A parser of its own: lxml parsers are not to be shared between the build's threads.
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [html.unescape(data.decode("utf-8", "replace"))]
    return _markup_texts(root, depth)


def _markup_texts(root: etree._Element, depth: int) -> list[str]:
    """Text nodes one by one and joined, paragraphs joined, comments, attribute values,
    and whatever textual data: URIs in them hold."""
    nodes = root.xpath("//text()", smart_strings=False)
    values = root.xpath("//@*", smart_strings=False)
    comments = [c.text or "" for c in root.xpath("//comment()")]
    embedded: list[str] = []
    if depth < MAX_DEPTH:
        nodes = [_unpack(n, depth, embedded) if "data:" in n or "%" in n else n for n in nodes]
        values = [_unpack(v, depth, embedded) if "data:" in v or "%" in v else v
                  for v in values]
    paragraphs = ["".join(p.itertext()) for p in root.xpath("//*[local-name()='p']")]
    return ["".join(nodes), *nodes, *paragraphs, *comments, *values, *embedded]


def _unpack(value: str, depth: int, embedded: list[str]) -> str:
    """`value` without its data: URIs; their texts and a percent-decoded copy go to `embedded`."""
    kept, position = [], 0
    for start, end in _data_uri_spans(value):
        kept.append(value[position:start])
        embedded.extend(_data_uri_texts(value[start:end], depth + 1))
        position = end
    kept.append(value[position:])
    plain = "".join(kept)
    if "%" in plain:
        embedded.append(unquote(plain))
    return plain


def _data_uri_spans(value: str) -> Iterator[tuple[int, int]]:
    position = 0
    while (match := _DATA_URI.search(value, position)) is not None:
        start = match.start()
        end = _data_uri_end(value, start)
        yield start, end
        position = max(end, match.end())


def _data_uri_end(value: str, start: int) -> int:
    """Where a data: URI ends: at its closing quote or parenthesis, else at white space."""
    opener = value[start - 1] if start else ""
    if opener in ("'", '"'):
        end = value.find(opener, start)
    elif value[max(0, start - 4):start].lower() == "url(":
        end = value.find(")", start)
    elif start == 0:
        end = len(value)
    else:
        match = _URI_END.search(value, start)
        end = match.start() if match else len(value)
    return len(value) if end < 0 else end


def _data_uri_texts(uri: str, depth: int) -> list[str]:
    """The texts of a textual data: URI (SVG, CSS, XML, text/*); nothing for a binary one."""
    match = _DATA_URI.match(uri)
    if match is None:
        return []
    mime = (match["mime"] or "text/plain").lower()
    if not _textual(mime):
        return []
    params = [p.strip().lower() for p in match["params"].split(";")[1:]]
    data = unquote_to_bytes(uri[match.end():])
    if "base64" in params:
        try:
            data = base64.b64decode(re.sub(rb"\s+", b"", data) + b"==", validate=False)
        except (binascii.Error, ValueError):
            return []
    if mime.endswith(("xml", "svg")):
        return xml_texts(data, depth)
    if mime == "text/html":
        return _html_texts(data, depth)
    text = _decode(data, params)
    embedded: list[str] = []
    plain = _unpack(text, depth, embedded) if depth < MAX_DEPTH else text
    return [plain, *embedded]


def _textual(mime: str) -> bool:
    return mime.startswith("text/") or mime.endswith(("+xml", "/xml", "json", "javascript"))


def _decode(data: bytes, params: list[str]) -> str:
    charset = next((p[len("charset="):] for p in params if p.startswith("charset=")), "utf-8")
    try:
        return data.decode(charset, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


# --- reading DOCX ---------------------------------------------------------------------------

_XML_PART = (".xml", ".rels", ".svg", ".vml")


def docx_texts(path: Path) -> list[str]:
    """The texts of every XML part of the package."""
    texts: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.lower().endswith(_XML_PART):
                texts += xml_texts(package.read(name))
    return texts


# --- reading PDF ----------------------------------------------------------------------------

# Strings as qpdf serialises objects: literal strings with ( ) \ escaped, and hex strings.
_PDF_LITERAL = re.compile(rb"\((?:[^\\()]|\\.)*\)", re.DOTALL)
_PDF_HEX = re.compile(rb"(?<!<)<[0-9A-Fa-f\s]*>")


def pdf_texts(path: Path) -> list[str]:
    return [_page_text(path), *_object_texts(path)]


def _page_text(path: Path) -> str:
    """The text of every page, pages in order; line ends and hyphenation left in.

    PDFium must never run in two threads at once, not even on two documents, and the build
    writes outputs in threads: every call into it holds PDFIUM_LOCK, and every PDFium object
    is closed before the lock is let go (a finaliser would otherwise call PDFium later, from
    any thread).
    """
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(path)
        try:
            return "\n".join(_pdfium_page_text(document, i) for i in range(len(document)))
        finally:
            document.close()


def _pdfium_page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()


def _object_texts(path: Path) -> list[str]:
    """Every string object, and the XMP metadata and embedded files.

    Serialising each object with qpdf and picking its strings out is twice as fast as
    walking the objects from Python; qpdf then decodes the strings it wrote.
    """
    texts: list[str] = []
    with pikepdf.open(path) as pdf:
        serialised = [pdf.trailer.unparse(resolved=True)]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                head = obj.stream_dict.unparse(resolved=True)
                texts += _stream_texts(obj)
            elif isinstance(obj, pikepdf.Object):
                head = obj.unparse(resolved=True)
            else:
                continue
            serialised.append(head)
        strings = _pdf_strings(b"\n".join(serialised))
    percent = [unquote(s) for s in strings if "%" in s]
    return [*strings, *percent, *texts]


def _stream_texts(stream: pikepdf.Stream) -> list[str]:
    """The XMP metadata as XML, an attached file as UTF-8 text; no other stream."""
    kind = stream.stream_dict.get("/Type")
    if kind == pikepdf.Name.Metadata or stream.stream_dict.get("/Subtype") == pikepdf.Name.XML:
        return xml_texts(stream.read_bytes())
    if kind == pikepdf.Name.EmbeddedFile:
        return [stream.read_bytes().decode("utf-8", "replace")]
    return []


def _pdf_strings(serialised: bytes) -> list[str]:
    tokens = _PDF_LITERAL.findall(serialised) + _PDF_HEX.findall(serialised)
    if not tokens:
        return []
    try:
        return [str(s) for s in pikepdf.Object.parse(b"[" + b" ".join(tokens) + b"]")]
    except pikepdf.PdfError:
        return [str(s) for s in _parse_each(tokens)]


def _parse_each(tokens: list[bytes]) -> Iterator[pikepdf.Object]:
    """One by one, skipping what does not parse (should the joined parse ever fail)."""
    for token in tokens:
        try:
            yield pikepdf.Object.parse(token)
        except pikepdf.PdfError:
            continue


READERS = {"html": html_texts, "docx": docx_texts, "pdf": pdf_texts}
