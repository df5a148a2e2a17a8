"""Data into Markdown as text, never as markup.

Every value a chapter inserts with `{{ … }}` passes through `as_markdown_text`:
each ASCII punctuation character is backslash-escaped (pandoc's markdown
allows escaping any of them), and line breaks fold into spaces, so a case
title holding `*`, `<script>`, `#set`, `$x$` or `@fig:none` reads exactly as
written in every output. Output that the pipeline itself builds as Markdown
(partials, charts) is marked `Markdown` and passes untouched.
"""

from __future__ import annotations

import re
import string

from pipeline.render.localizer import LocalizedStr

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# What can start markup in pandoc's Markdown or a Jinja tag ({{, {%, {##) mid-sentence.
_MARKUP = re.compile("([" + re.escape("\\`*_[]<>#$@^~|{}%&!") + "])")
# Line breaks and tabs fold into one space; a no-break space is kept on purpose.
_WHITESPACE = re.compile("[ \t\r\n\f\v\u2028\u2029]+")


class Markdown(str):
    """Markdown the pipeline wrote on purpose; inserted as is."""


def escape_text(value: object) -> str:
    text = _WHITESPACE.sub(" ", str(value)).strip()
    return _PUNCTUATION.sub(r"\\\1", text)


def escape_markup(value: str) -> str:
    """Text a writer will go on editing in a chapter: only the characters that could be
    markup or template code are escaped, so "(åpenhetsloven)" stays as typed."""
    return _MARKUP.sub(r"\\\1", _WHITESPACE.sub(" ", value).strip())


def as_markdown_text(value: object) -> str:
    """The finalize hook of the chapter templates."""
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    escaped = escape_text(value)
    if isinstance(value, LocalizedStr):
        return f"[{escaped}]{{lang={value.lang}}}"
    return escaped
