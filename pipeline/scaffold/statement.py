"""`ncp new statement`: an initial assessment or final statement on a case, ready to write.

publication.yaml is filled in from the case file (its case, the decision or
outcome of its step, a date on or after that step, its languages); the frame
itself is read from the case at every build, so only the NCP's own words are
left to write: the chapters, each marked with what the OECD Procedural
Guidance asks it to say, and the publication a draft until the writer is done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.content.shapes import PUBLICATION
from pipeline.content.vocabulary import STATEMENT_STEPS
from pipeline.messages import tr
from pipeline.scaffold.publication import ScaffoldError, readable_mapping
from pipeline.scaffold.yamltext import commented

PREFIX = {
    "initial-assessment": {"nb": "Innledende vurdering", "nn": "Innleiande vurdering",
                           "en": "Initial assessment"},
    "final-statement": {"nb": "Sluttuttalelse", "nn": "Sluttfråsegn", "en": "Final statement"},
}
SLUG = {"initial-assessment": "innledende-vurdering", "final-statement": "sluttuttalelse"}
# The chapters to write, by kind: file, then per language its heading and what to write in it.
CHAPTERS: dict[str, list[tuple[str, dict[str, tuple[str, str]]]]] = {
    "initial-assessment": [
        ("spoersmaal.md", {
            "nb": ("Spørsmålene klagen reiser", "Beskriv spørsmålene klagen reiser og hva "
                   "partene har sagt om dem."),
            "nn": ("Spørsmåla klaga reiser", "Beskriv spørsmåla klaga reiser og kva partane "
                   "har sagt om dei."),
            "en": ("The issues raised", "Describe the issues raised and what the parties "
                   "said about them.")}),
        ("vurdering.md", {
            "nb": ("Kontaktpunktets vurdering", "Begrunn beslutningen etter kriteriene i "
                   "prosedyreveiledningen."),
            "nn": ("Vurderinga til kontaktpunktet", "Grunngje avgjerda etter kriteria i "
                   "prosedyrerettleiinga."),
            "en": ("The NCP's assessment", "Give the reasons for the decision, by the "
                   "criteria of the Procedural Guidance.")}),
    ],
    "final-statement": [
        ("spoersmaal.md", {
            "nb": ("Spørsmålene klagen reiste", "Beskriv spørsmålene klagen reiste."),
            "nn": ("Spørsmåla klaga reiste", "Beskriv spørsmåla klaga reiste."),
            "en": ("The issues raised", "Describe the issues raised.")}),
        ("partenes-syn.md", {
            "nb": ("Partenes syn", "Gjengi partenes syn, bare så langt de har sagt ja til "
                   "at det publiseres."),
            "nn": ("Synet til partane", "Gjev att synet til partane, berre så langt dei har "
                   "sagt ja til at det blir publisert."),
            "en": ("The parties' views", "Set out the parties' views, only as far as they "
                   "agreed to their publication.")}),
        ("resultat.md", {
            "nb": ("Resultatet og Kontaktpunktets vurdering", "Beskriv resultatet av "
                   "behandlingen og Kontaktpunktets vurdering."),
            "nn": ("Resultatet og vurderinga til kontaktpunktet", "Beskriv resultatet av "
                   "handsaminga og vurderinga til kontaktpunktet."),
            "en": ("The outcome and the NCP's assessment", "Describe the outcome of the "
                   "procedure and the NCP's assessment.")}),
    ],
}
TO_WRITE = {"nb": "UTFYLLES", "nn": "UTFYLLAST", "en": "TO BE WRITTEN"}
FOLLOW_UP = {"nb": "UTFYLLES: Kontaktpunktets anbefalinger og oppfølgingen det planlegger.",
             "nn": "UTFYLLAST: Tilrådingane frå kontaktpunktet og oppfølginga det planlegg.",
             "en": "TO BE WRITTEN: the NCP's recommendations and the follow-up it plans."}
NOTES = {
    "case": "The frame (parties, dates, steps, chapters) is read from this case at every "
            "build.",
    "draft": "Remove this line when the statement is ready: until then every output is "
             "marked as a draft.",
}


def new_statement(content: Path, case_id: str, kind: str, today: dt.date) -> Path:
    """Create publications/<slug>/ for a statement of `kind` on case `case_id`."""
    case = _case(content, case_id)
    if case.get("public") is not True:
        raise ScaffoldError(tr("the case '{case}' is not public: set 'public: true' in "
                               "{path} once a statement on it may be published",
                               case=case_id, path=f"cases/{case_id}.yaml"))
    step = next((s for s in case.get("timeline") or []
                 if isinstance(s, dict) and s.get("step") == STATEMENT_STEPS[kind]), None)
    if step is None:
        raise ScaffoldError(tr("the case '{case}' has no '{step}' step yet: add it, with its "
                               "decision or outcome, to the case first",
                               case=case_id, step=STATEMENT_STEPS[kind]))
    folder = content / "publications" / f"{SLUG[kind]}-{case_id}"
    if folder.exists():
        raise ScaffoldError(tr("{path} exists already", path=folder))
    titles = case.get("title") if isinstance(case.get("title"), dict) else {}
    languages = [lang for lang in PREFIX[kind] if lang in titles] or ["nb"]
    values: dict[str, object] = {
        "kind": kind,
        "title": {lang: f"{PREFIX[kind][lang]} – {titles.get(lang, case_id)}"
                  for lang in languages},
        "languages": languages,
        "formats": ["html", "docx", "pdf"],
        "date": max(today, step["date"]) if isinstance(step.get("date"), dt.date) else today,
        "chapters": [name for name, _ in CHAPTERS[kind]],
        "draft": True,
        "case": case_id,
    }
    field = "decision" if kind == "initial-assessment" else "outcome"
    values[field] = step.get(field)
    if kind == "final-statement":
        values["follow_up"] = {lang: FOLLOW_UP[lang] for lang in languages}
    chosen = tuple(n for n in PUBLICATION.names if n in values)
    folder.mkdir(parents=True)
    (folder / "publication.yaml").write_text(commented(PUBLICATION, values, NOTES, chosen),
                                             encoding="utf-8")
    for name, texts in CHAPTERS[kind]:
        for lang in languages:
            heading, line = texts[lang]
            path = folder / lang / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {heading} {{#{Path(name).stem}}}\n\n{TO_WRITE[lang]}: {line}\n",
                            encoding="utf-8")
    return folder


def _case(content: Path, case_id: str) -> dict:
    return readable_mapping(content / "cases" / f"{case_id}.yaml", lambda reason: tr(
        "there is no readable case '{case}' in cases/: {reason}", case=case_id, reason=reason)
        if reason else tr("there is no readable case '{case}' in cases/", case=case_id))
