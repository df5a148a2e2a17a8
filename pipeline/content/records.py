"""Field-by-field reading of one YAML mapping, with every mistake recorded.

A `Record` wraps one mapping from a content file. Each accessor checks the
type and vocabulary of one field and returns None (recording a problem) when
the value is wrong, so loading continues and all mistakes surface together.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from pipeline.content.model import Text
from pipeline.content.yamlfile import LocatedDict, LocatedList, Reported
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
            problems.error(position, f"{noun} must be a mapping of fields",
                           f"write the fields of {noun} as 'name: value' lines")
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
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(fields)
            self.problems.error(where, f"'{key}' is not a field of {self.noun}", hint)

    def _missing(self, key: str, required: bool) -> bool:
        if isinstance(self.data.get(key), Reported):
            return True
        if key in self.data and self.data[key] is not None:
            return False
        if required and self.ok and key not in self.misspelt:  # already reported as misspelt
            self.problems.error(self.position, f"{self.noun} lacks the field '{key}'")
        return True

    def _wrong(self, key: str, expected: str, hint: str | None = None) -> None:
        self.problems.error(self.where(key), f"'{key}' must be {expected}", hint)

    def text(self, key: str, required: bool = True) -> Text | None:
        if self._missing(key, required):
            return None
        return self.text_value(self.data[key], self.where(key), key)

    def text_value(self, value: Any, where: Position, key: str) -> Text | None:
        text = Text()
        text.position = where
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text[self.languages[0]] = str(value)
            text.positions[self.languages[0]] = where
            return text
        if not isinstance(value, dict):
            self.problems.error(where, f"'{key}' must be text, or text by language",
                                "write 'nb: ...' lines, one per language")
            return None
        for lang, string in value.items():
            if lang not in self.languages:
                self.problems.error(
                    value.key_positions.get(lang, where),
                    f"'{lang}' is not a language of this site",
                    "languages declared in site.yaml: " + ", ".join(self.languages),
                )
            elif not isinstance(string, str | int | float) or isinstance(string, bool):
                self.problems.error(value.where(lang), f"the {lang} text of '{key}' must be text")
            else:
                text[lang] = str(string)
                text.positions[lang] = value.where(lang)
        return text

    def string(self, key: str, required: bool = True) -> str | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            self._wrong(key, "text", "put the value in double quotes")
            return None
        return str(value)

    def date(self, key: str, required: bool = True) -> dt.date | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._wrong(key, "a date", "write it as YYYY-MM-DD, for example 2025-03-14")
            return None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, "a whole number")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self._wrong(key, "true or false")
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
        allowed = "allowed: " + ", ".join(str(v) for v in vocabulary)
        hint = f"did you mean '{close[0]}'? ({allowed})" if close else allowed
        self.problems.error(where, f"'{value}' is not a valid {key}", hint)
        return None

    def strings(
        self, key: str, vocabulary: Iterable[Any] | None = None, required: bool = False
    ) -> list[str]:
        value = self._list(key, required, "write it as [a, b] or one '- item' line each")
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
                self.problems.error(where, f"each item of '{key}' must be text")
        return items

    def _list(self, key: str, required: bool, hint: str) -> list:
        """The list at `key`; empty (with an error if it is something else) otherwise."""
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self._wrong(key, "a list", hint)
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
        value = self._list(key, required, "write one '- ' item per line")
        return [
            Record(item, value.where(index), noun, fields, self.problems, self.languages)
            for index, item in enumerate(value)
        ]


class _Silent(Problems):
    """Swallows problems about a child that was already reported as missing."""

    def error(self, position: Position, message: str, hint: str | None = None) -> None:
        return None
