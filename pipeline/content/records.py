"""Field-by-field reading of one YAML mapping, with every mistake recorded.

A `Record` wraps one mapping from a content file. Each accessor checks the
type and vocabulary of one field and returns None (recording a problem) when
the value is wrong, so loading continues and all mistakes surface together.

A record's `noun` ("a case", "the organisation", "site.yaml") stands in its
messages as the subject ("a case lacks the field 'x'") and after a preposition
("… is not a field of a case"); it comes translated, article and all, and the
Norwegian of those sentences needs no agreement with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from pipeline.content.model import Text
from pipeline.content.shapes import Scalar
from pipeline.content.yamlfile import LocatedDict, LocatedList, Reported
from pipeline.messages import Said, tr, whole_number
from pipeline.problems import Position, Problems


class Record:
    def __init__(
        self,
        data: Any,
        position: Position,
        noun: str,
        fields: Iterable[str],
        problems: Problems,
        languages: Iterable[str],
    ) -> None:
        self.noun = noun
        self.problems = problems
        self.languages = tuple(languages)
        self.position = getattr(data, "position", position)
        self.ok = isinstance(data, dict)
        self.data: LocatedDict = data if self.ok else LocatedDict()
        if not self.ok:
            problems.error(position, tr("{what} must be a mapping of fields", what=noun),
                           tr("write the fields of {what} as 'name: value' lines", what=noun))
            self.data.position = position
            self.data.value_positions = {}
            self.data.key_positions = {}
        self._check_unknown(tuple(fields))

    def where(self, key: str) -> Position:
        return self.data.where(key) if hasattr(self.data, "value_positions") else self.position

    def _check_unknown(self, fields: tuple[str, ...]) -> None:
        self.misspelt: set[str] = set()
        for key in self.data:
            if key in fields:
                continue
            where = self.data.key_positions.get(key, self.position)
            close = difflib.get_close_matches(str(key), fields, n=1)
            self.misspelt.update(close)
            hint = tr("did you mean '{name}'?", name=close[0]) if close else \
                tr("allowed: {names}", names=", ".join(fields))
            self.problems.error(where, tr("'{key}' is not a field of {what}", key=key,
                                          what=self.noun), hint)

    def _missing(self, key: str, required: bool) -> bool:
        if isinstance(self.data.get(key), Reported):
            return True
        if key in self.data and self.data[key] is not None:
            return False
        if required and self.ok and key not in self.misspelt:  # already reported as misspelt
            self.problems.error(self.position, tr("{what} lacks the field '{key}'",
                                                  what=self.noun, key=key))
        return True

    def _wrong(self, key: str, message: Said, hint: Said | None = None) -> None:
        self.problems.error(self.where(key), message, hint)

    def text(self, key: str, required: bool = True, shape: Scalar | None = None) -> Text | None:
        """Text, or text by language; each no longer than its `shape` allows."""
        if self._missing(key, required):
            return None
        text = self.text_value(self.data[key], self.where(key), key)
        for lang, string in (text or {}).items():
            self._at_most(key, string, shape, text.positions.get(lang, text.position))
        return text

    def _at_most(self, key: str, string: str, shape: Scalar | None, where: Position) -> None:
        """An error where `string` is longer than its `shape` allows."""
        longest = shape.longest if shape else None
        if longest is not None and len(string) > longest:
            self.problems.error(where,
                                tr("'{key}' holds {count} characters, more than {longest}",
                                   key=key, count=len(string), longest=longest),
                                tr("shorten it to {longest} characters or fewer", longest=longest))

    def text_value(self, value: Any, where: Position, key: str) -> Text | None:
        text = Text()
        text.position = where
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text[self.languages[0]] = str(value)
            text.positions[self.languages[0]] = where
            return text
        if not isinstance(value, dict):
            self.problems.error(where, tr("'{key}' must be text, or text by language", key=key),
                                tr("write 'nb: ...' lines, one per language"))
            return None
        for lang, string in value.items():
            if lang not in self.languages:
                self.problems.error(
                    value.key_positions.get(lang, where),
                    tr("'{lang}' is not a language of this site", lang=lang),
                    tr("languages declared in site.yaml: {languages}",
                       languages=", ".join(self.languages)),
                )
            elif not isinstance(string, str | int | float) or isinstance(string, bool):
                self.problems.error(value.where(lang), tr("the {lang} text of '{key}' must be text",
                                                          lang=lang, key=key))
            else:
                text[lang] = str(string)
                text.positions[lang] = value.where(lang)
        return text

    def string(self, key: str, required: bool = True, shape: Scalar | None = None) -> str | None:
        """Text in no particular language; no longer than its `shape` allows."""
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            self._wrong(key, tr("'{key}' must be text", key=key),
                        tr("put the value in double quotes"))
            return None
        self._at_most(key, str(value), shape, self.where(key))
        return str(value)

    def date(self, key: str, required: bool = True) -> dt.date | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._wrong(key, tr("'{key}' must be a date", key=key),
                        tr("write it as YYYY-MM-DD, for example 2025-03-14"))
            return None
        return value

    def integer(self, key: str, shape: Scalar, required: bool = True) -> int | None:
        """A whole number within the bounds of its `shape`."""
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, tr("'{key}' must be a whole number", key=key))
            return None
        if shape.bounds is not None and not shape.bounds[0] <= value <= shape.bounds[1]:
            self._wrong(key, tr("'{key}' must be a whole number from {least} to {greatest}",
                                key=key, least=whole_number(shape.bounds[0]),
                                greatest=whole_number(shape.bounds[1])))
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self._wrong(key, tr("'{key}' must be true or false", key=key))
            return default
        return value

    def choice(self, key: str, vocabulary: Iterable[Any], required: bool = True) -> Any:
        if self._missing(key, required):
            return None
        return self.choice_value(self.data[key], self.where(key), key, tuple(vocabulary))

    def choice_value(self, value: Any, where: Position, key: str, vocabulary: tuple) -> Any:
        if value in vocabulary and not isinstance(value, bool):
            return value
        close = difflib.get_close_matches(str(value), [str(v) for v in vocabulary], n=1)
        names = ", ".join(str(v) for v in vocabulary)
        hint = tr("did you mean '{name}'? (allowed: {names})", name=close[0], names=names) \
            if close else tr("allowed: {names}", names=names)
        self.problems.error(where, tr("'{value}' is not a valid {key}", value=value, key=key),
                            hint)
        return None

    def strings(
        self, key: str, vocabulary: Iterable[Any] | None = None, required: bool = False
    ) -> list[str]:
        value = self._list(key, required, tr("write it as [a, b] or one '- item' line each"))
        allowed = tuple(vocabulary) if vocabulary is not None else None
        items = []
        for index, item in enumerate(value):
            where = value.where(index) if isinstance(value, LocatedList) else self.where(key)
            if allowed is not None:
                if self.choice_value(item, where, key, allowed) is not None:
                    items.append(item)
            elif isinstance(item, str | int) and not isinstance(item, bool):
                items.append(str(item))
            else:
                self.problems.error(where, tr("each item of '{key}' must be text", key=key))
        return items

    def _list(self, key: str, required: bool, hint: Said) -> list:
        """The list at `key`; empty (with an error if it is something else) otherwise."""
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self._wrong(key, tr("'{key}' must be a list", key=key), hint)
            return []
        return value

    def child(self, key: str, noun: str, fields: Iterable[str], required: bool = True) -> Record:
        if self._missing(key, required):
            return Record(None if required else {}, self.position, noun, fields,
                          _Silent(), self.languages)
        return Record(self.data[key], self.where(key), noun, fields, self.problems,
                      self.languages)

    def children(self, key: str, noun: str, fields: Iterable[str],
                 required: bool = False) -> list[Record]:
        value = self._list(key, required, tr("write one '- ' item per line"))
        return [
            Record(item, value.where(index), noun, fields, self.problems, self.languages)
            for index, item in enumerate(value)
        ]


class _Silent(Problems):
    """Swallows problems about a child that was already reported as missing."""

    def error(self, position: Position, message: Said, hint: Said | None = None) -> None:
        return None
