"""JSON Schemas and the field tables of docs/content-model.md, made from the shapes.

`ncp schema` writes one schema per kind of file into schemas/, where
.vscode/settings.json points VS Code's YAML extension at them: it then
completes field names and allowed values and marks mistakes as they are typed.
The schemas know what one file can hold; what needs several files (a results
file against its plan, a chapter that must exist) only `ncp check` knows.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from pipeline.content.model import LANGUAGES
from pipeline.content.shapes import (
    BOOLEAN,
    FILES,
    NUMBER,
    Choice,
    Field,
    ListOf,
    MapOf,
    OneOf,
    Scalar,
    Shape,
    Value,
)
from pipeline.messages import whole_number

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCALARS: dict[str, dict[str, object]] = {
    "text": {"type": ["string", "integer"]},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}
PLAIN_TEXT: dict[str, object] = {"type": ["string", "number"]}


def _language_text(longest: int | None) -> dict[str, object]:
    """Text, or text by language (each at most `longest` characters when given)."""
    plain = {**PLAIN_TEXT, **({"maxLength": longest} if longest else {})}
    return {"anyOf": [plain, {"type": "object", "propertyNames": {"enum": list(LANGUAGES)},
                              "additionalProperties": plain, "minProperties": 1}]}


def schemas() -> dict[str, dict[str, object]]:
    """One JSON Schema per kind of content file, by the file name it is written to."""
    return {f"{kind}.schema.json": {"$schema": DRAFT_07, **schema(shape)}
            for kind, shape in FILES.items()}


def serialised(document: dict[str, object]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schemas().items():
        path = folder / name
        path.write_text(serialised(document), encoding="utf-8")
        written.append(path)
    return written


def schema(value: Value) -> dict[str, object]:
    if isinstance(value, Shape):
        return _object(value)
    if isinstance(value, Scalar):
        if value.kind == "language-text":
            return _language_text(value.longest)
        if value.pattern:
            return {"type": "string", "pattern": f"^(?:{value.pattern})$"}
        if value.bounds:
            return {**SCALARS[value.kind], "minimum": value.bounds[0],
                    "maximum": value.bounds[1]}
        if value.longest:
            return {**SCALARS[value.kind], "maxLength": value.longest}
        return dict(SCALARS[value.kind])
    if isinstance(value, Choice):
        return {"enum": list(value.values)}
    if isinstance(value, ListOf):
        return {"type": "array", "items": schema(value.item),
                **({"minItems": 1} if value.non_empty else {})}
    if isinstance(value, MapOf):
        return {"type": "object", "additionalProperties": schema(value.value)}
    return {"anyOf": [schema(option) for option in value.options]}


def _object(shape: Shape) -> dict[str, object]:
    result: dict[str, object] = {
        "title": shape.title,
        "type": "object",
        "properties": {f.name: {"description": f.doc, **_property(f)} for f in shape.fields},
        "additionalProperties": shape.open,
    }
    required = [f.name for f in shape.fields if f.required]
    if required:
        result["required"] = required
    conditions = [
        {"if": {"properties": {name: {"const": value}}, "required": [name]},
         "then": {"required": list(needs)}}
        for name, value, needs in shape.required_when
    ]
    if conditions:
        result["allOf"] = conditions
    return result


def _property(field: Field) -> dict[str, object]:
    """A field's schema; an optional one may be left empty (`outcome:`), which reads as absent."""
    value = schema(field.value)
    if not nullable(field):
        return value
    if "enum" in value:
        return {"enum": [*value["enum"], None]}
    if "anyOf" in value:
        return {"anyOf": [*value["anyOf"], {"type": "null"}]}
    types = value["type"] if isinstance(value["type"], list) else [value["type"]]
    return {**value, "type": [*types, "null"]}  # a pattern or field list binds only its type


def nullable(field: Field) -> bool:
    """Whether the loader reads an empty value of `field` as the field left out.

    Switches, numbers and sizes, and the lists that may not be empty, must hold a value
    when they are written at all.
    """
    value = field.value
    return not field.required and value not in (BOOLEAN, NUMBER) and \
        not isinstance(value, OneOf) and not (isinstance(value, ListOf) and value.non_empty)


# The field tables of docs/content-model.md -----------------------------------------------

FIELDS_START = "<!-- The tables below are written by `ncp schema --docs`: edit shapes.py -->"
FIELDS_END = "<!-- End of the written tables -->"


def with_field_tables(markdown: str) -> str:
    """`markdown` with the part between the markers replaced by the current field tables."""
    start = markdown.index(FIELDS_START) + len(FIELDS_START)
    end = markdown.index(FIELDS_END, start)
    return f"{markdown[:start]}\n\n{field_tables()}\n{markdown[end:]}"


def field_tables() -> str:
    """Markdown: a table per mapping of every file, each field with type, need and meaning."""
    sections = []
    for kind, shape in FILES.items():
        for title, part in _parts(shape, FILE_NAMES[kind]):
            sections.append(_table(title, part))
    return "\n".join(sections)


FILE_NAMES = {
    "site": "site.yaml",
    "brand": "_brand.yml",
    "publication": "publications/SLUG/publication.yaml",
    "case": "cases/ID.yaml",
    "plan": "plans/YEAR.yaml",
    "results": "results/YEAR.yaml",
}


def _parts(shape: Shape, title: str) -> list[tuple[str, Shape]]:
    """`shape` and every mapping inside it, each titled by where it is written."""
    found = [(title, shape)]
    for field in shape.fields:
        for inner in _shapes_in(field.value):
            if inner.fields:
                found += _parts(inner, f"{title} → {field.name}")
    return found


def _shapes_in(value: Value) -> list[Shape]:
    if isinstance(value, Shape):
        return [value]
    if isinstance(value, ListOf):
        return _shapes_in(value.item)
    if isinstance(value, MapOf):
        return _shapes_in(value.value)
    if isinstance(value, OneOf):
        return [shape for option in value.options for shape in _shapes_in(option)]
    return []


def _table(title: str, shape: Shape) -> str:
    rows = [f"#### {title}\n", "| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for field in shape.fields:
        need = "yes" if field.required else "no"
        for name, value, needs in shape.required_when:
            if field.name in needs:
                need = f"when `{name}: {value}`"
        rows.append(f"| `{field.name}` | {type_label(field.value)} | {need} | {field.doc} |")
    return "\n".join(rows) + "\n"


def type_label(value: Value) -> str:
    if isinstance(value, Shape):
        return f"mapping of {', '.join(value.names)}" if value.fields else "mapping (not read)"
    if isinstance(value, Scalar) and value.longest:
        return f"{type_label(replace(value, longest=None))}, at most {value.longest} characters"
    if isinstance(value, Scalar) and value.bounds:
        least, greatest = (whole_number(bound, lang="en") for bound in value.bounds)
        return f"whole number from {least} to {greatest}"
    if isinstance(value, Scalar):
        return value.label or {
            "text": "text", "integer": "whole number", "number": "number",
            "boolean": "`true` or `false`", "date": "date YYYY-MM-DD",
            "language-text": "text, or text by language (`nb:`, `nn:`, `en:`)",
        }[value.kind]
    if isinstance(value, Choice):
        return "one of " + ", ".join(f"`{item}`" for item in value.values)
    if isinstance(value, ListOf):
        return f"list{' (not empty)' if value.non_empty else ''} of {type_label(value.item)}"
    if isinstance(value, MapOf):
        return f"{value.key} → {type_label(value.value)}"
    return " or ".join(type_label(option) for option in value.options)
