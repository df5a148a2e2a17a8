"""Load and validate every file of the content folder into the typed model.

Everything is gathered and every problem of every file collected; the rules
that look across files come after (pipeline/checks/), and
`checks.folder.load_content` raises one `ContentError` carrying all of them,
so nothing is built from content that breaks the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pipeline.content import vocabulary as v
from pipeline.content.brand import default_brand, load_brand
from pipeline.content.model import (
    LANGUAGES,
    Activity,
    ActivityResult,
    Case,
    Consultation,
    Content,
    Event,
    Goal,
    Letter,
    Organisation,
    Party,
    Plan,
    Publication,
    Results,
    Signatory,
    Site,
    Statement,
    Step,
    Subgoal,
)
from pipeline.content.paths import inside, outside_hint, resolve_inside
from pipeline.content.records import Record
from pipeline.content.shapes import (
    ACTIVITY,
    ACTIVITY_RESULT,
    CASE,
    COUNT,
    EVENT,
    GOAL,
    ORGANISATION,
    PLAN,
    PUBLICATION,
    REFERENCE,
    RESULTS,
    SENTENCE_WORDS,
    SITE,
    SUBGOAL,
    SUBTITLE,
    TITLE,
    YEAR,
)
from pipeline.content.urls import is_email, is_web_address
from pipeline.content.yamlfile import load_yaml
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems

T = TypeVar("T")


def gather(root: Path, problems: Problems) -> Content | None:
    root = root.resolve()
    site_path = root / "site.yaml"
    if site_path.is_file() and not inside_or_reported(site_path, root, problems):
        return None
    if not site_path.is_file():
        problems.error(Position(site_path), tr("the content folder has no site.yaml"),
                       tr("every content folder starts with site.yaml (see the content model)"))
        return None
    site = _site(site_path, problems)
    if site is None:
        return None
    brand = load_brand(site.brand, root, problems, site.languages)
    plans = {p.year: p for p in _each(root / "plans", (tr("plan files"), tr("a plan")),
                                      problems, lambda f: _plan(f, problems, site))}
    results = {r.year: r for r in _each(root / "results", (tr("result files"), tr("a result")),
                                        problems, lambda f: _results(f, problems, site))}
    cases = list(_each(root / "cases", (tr("case files"), tr("a case")), problems,
                       lambda f: _case(f, problems, site)))
    publications = {}
    for folder in sorted(p for p in (root / "publications").glob("*") if p.is_dir()):
        if not inside_or_reported(folder / "publication.yaml", root, problems):
            continue
        publication = _publication(folder, problems, site)
        if publication is not None:
            publications[publication.slug] = publication
    return Content(root, site, brand, plans, results, cases, publications)


def usable(content: Content, problems: Problems) -> Content:
    """`content` less every record whose file has an error, for checking the rest.

    The chapters are still rendered and checked in the same run, against the
    data that did load; what a dropped record would have given a chapter is
    absent without a second error (see `render.views.Absent`), so a broken
    case file is reported once, not again by every chapter that counts cases.
    """
    broken = frozenset(p.position.path.resolve() for p in problems.errors)

    def sound(path: Path) -> bool:
        return path.resolve() not in broken

    publications = {slug: p for slug, p in content.publications.items()
                    if sound(p.folder / "publication.yaml") or _essentials(p)}
    return replace(
        content,
        brand=content.brand or default_brand(content.site.brand),
        plans={year: plan for year, plan in content.plans.items() if sound(plan.path)},
        results={year: r for year, r in content.results.items() if sound(r.path)},
        cases=[case for case in content.cases if sound(case.path)],
        publications=publications,
        broken=broken,
    )


def _essentials(publication: Publication) -> bool:
    """Whether a publication with errors still has what rendering its chapters needs."""
    return None not in (publication.kind, publication.date, publication.title) and \
        (publication.kind != "hearing-response" or publication.letter is not None)


def _each(folder: Path, words: tuple[Said, Said], problems: Problems,
          load: Callable[[Path], T | None]) -> Iterator[T]:
    """Load every `.yaml` file of `folder`; anything else there is an error, not skipped.

    `words` name the files of the folder and one of them: ("case files", "a case").
    """
    files, one = words
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if _editor_litter(path.name):
            continue
        if path.is_dir():
            problems.error(Position(path),
                           tr("the folder '{name}' is not read: {files} lie directly in "
                              "{folder}/", name=path.name, files=files, folder=folder.name),
                           tr("move its files into {folder}/, or the folder out of the content "
                              "folder", folder=folder.name))
        elif path.suffix != ".yaml":
            problems.error(Position(path), tr("'{name}' is not read: {files} end in .yaml",
                                              name=path.name, files=files),
                           _rename_hint(path, one))
        elif inside_or_reported(path, folder.parent, problems) and (item := load(path)) is not None:
            yield item


def inside_or_reported(path: Path, root: Path, problems: Problems) -> bool:
    """Whether `path` lies in the content folder after symlinks; an error where it does not."""
    if inside(path, root):
        return True
    problems.error(Position(path), tr("'{name}' is not read: it links to a file outside the "
                                      "content folder", name=path.name), outside_hint())
    return False


def _editor_litter(name: str) -> bool:
    """Hidden files (.gitkeep, .DS_Store, Vim's .x.swp, Emacs' .#x) and editor backups."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#")
                                                          and name.endswith("#"))


def _rename_hint(path: Path, one: Said) -> Said:
    if path.suffix.lower() in (".yml", ".yaml"):
        return tr("rename it to {stem}.yaml", stem=path.stem)
    return tr("if it is {what}, rename it to {stem}.yaml; otherwise move it out of {folder}/",
              what=one, stem=path.stem, folder=path.parent.name)


def _record(path: Path, noun: str, fields: tuple[str, ...], problems: Problems,
            languages: list[str]) -> Record | None:
    """The file's fields; None (the problem recorded) when it cannot be read or is no mapping."""
    data = load_yaml(path, problems)
    if data is None:
        return None
    record = Record(data, Position(path, 1, 1), noun, fields, problems, languages)
    return record if record.ok else None


def _site(path: Path, problems: Problems) -> Site | None:
    record = _record(path, "site.yaml", SITE.names, problems, LANGUAGES)
    if record is None:
        return None
    languages = record.strings("languages", LANGUAGES, required=True) or ["nb"]
    default = record.choice("default_language", languages) or languages[0]
    record.languages = (default, *(lang for lang in languages if lang != default))
    org = record.child("organisation", tr("the organisation"), ORGANISATION.names)
    name = org.text("name")
    organisation = Organisation(
        name=name,
        short=org.text("short", required=False) or name,
        postal_address=org.string("postal_address") or "",
        email=_checked(org, "email", is_email, _not_email),
        web=_checked(org, "web", is_web_address, _not_web_address),
    )
    brand_name = record.string("brand", required=False) or "_brand.yml"
    brand = resolve_inside(path.parent, brand_name, path.parent)
    if brand is None:
        problems.error(record.where("brand"), tr("the brand file '{name}' lies outside the "
                                                 "content folder", name=brand_name),
                       outside_hint())
        return None
    if not brand.is_file():
        problems.error(record.where("brand"),
                       tr("the brand file '{name}' does not exist", name=brand_name))
        return None
    if name is None:
        return None
    limit = record.integer("sentence_limit", SENTENCE_WORDS, required=False)
    return Site(organisation, default, list(record.languages), brand,
                35 if limit is None else limit)


def _checked(record: Record, key: str, valid: Callable[[str], bool],
             wrong: Callable[[str], tuple[Said, Said]], required: bool = True) -> str:
    """The text at `key` when `valid` accepts it; else the error `wrong` gives (and its hint)."""
    value = record.string(key, required) or ""
    if value and not valid(value):
        record.problems.error(record.where(key), *wrong(value))
        return ""
    return value


def _not_email(value: str) -> tuple[Said, Said]:
    return (tr("'{value}' is not an e-mail address", value=value),
            tr("write an e-mail address, such as post@example.no"))


def _not_web_address(value: str) -> tuple[Said, Said]:
    return (tr("'{value}' is not a web address starting with https://", value=value),
            tr("write a web address starting with https://"))


def _plan(path: Path, problems: Problems, site: Site) -> Plan | None:
    record = _record(path, tr("a plan"), PLAN.names, problems, site.languages)
    if record is None:
        return None
    goals = []
    for g in record.children("goals", tr("a goal"), GOAL.names, required=True):
        subgoals = [
            Subgoal(s.string("id"), s.text("title"), _activities(s))
            for s in g.children("subgoals", tr("a sub-goal"), SUBGOAL.names)
        ]
        goals.append(Goal(g.string("id"), g.text("title"), subgoals, _activities(g)))
    year = record.integer("year", YEAR)
    _expect_year_in_name(record, path, year)
    return Plan(year, record.text("title"), record.text("purpose", required=False),
                goals, path)


def _activities(parent: Record) -> list[Activity]:
    activities = []
    for a in parent.children("activities", tr("an activity"), ACTIVITY.names):
        tasks_value = a.data.get("tasks") or []
        tasks = [
            t for index, item in enumerate(tasks_value)
            if (t := a.text_value(item, tasks_value.where(index), "tasks")) is not None
        ] if isinstance(tasks_value, list) else []
        activities.append(Activity(a.string("id"), a.text("text"), tasks))
    return activities


def _expect_year_in_name(record: Record, path: Path, year: int | None) -> None:
    if year is not None and path.stem != str(year):
        record.problems.error(record.where("year"),
                              tr("the file is named '{name}' but holds the year {year}",
                                 name=path.name, year=year),
                              tr("name the file {name}.yaml", name=year))


def _results(path: Path, problems: Problems, site: Site) -> Results | None:
    record = _record(path, tr("the results"), RESULTS.names, problems, site.languages)
    if record is None:
        return None
    year = record.integer("year", YEAR)
    _expect_year_in_name(record, path, year)
    activities = {}
    raw = record.data.get("activities") or {}
    for key in raw if isinstance(raw, dict) else []:
        entry = Record(raw[key], raw.where(key), tr("the result of activity {key}", key=key),
                       ACTIVITY_RESULT.names, problems, site.languages)
        events = [
            Event(e.date("date"), e.text("title"), e.strings("partners"),
                  e.integer("participants", COUNT, required=False))
            for e in entry.children("events", tr("an event"), EVENT.names)
        ]
        activities[str(key)] = ActivityResult(
            entry.choice("status", v.STATUSES), entry.text("summary", required=False),
            events, entry.strings("outputs"))
    positions = dict(getattr(raw, "key_positions", {}))
    return Results(year, activities, path, positions)




def _case(path: Path, problems: Problems, site: Site) -> Case | None:
    record = _record(path, tr("a case"), CASE.names, problems, site.languages)
    if record is None:
        return None
    sub = record.child("submitter", tr("the submitter"), CASE.part("submitter").names)
    ent = record.child("enterprise", tr("the enterprise"), CASE.part("enterprise").names)
    timeline = [
        Step(s.date("date"), s.choice("step", v.STEPS),
             s.choice("decision", v.DECISIONS, required=False),
             s.choice("outcome", v.OUTCOMES, required=False), s.position)
        for s in record.children("timeline", tr("a timeline step"), CASE.part("timeline").names,
                                 required=True)
    ]
    case = Case(
        id=record.string("id"),
        title=record.text("title"),
        received=record.date("received"),
        submitter=Party(sub.string("name") or "", sub.boolean("confidential", False),
                        sub.choice("type", v.SUBMITTER_TYPES)),
        enterprise=Party(ent.string("name") or "", ent.boolean("confidential", False)),
        lead_ncp=record.string("lead_ncp"),
        supporting_ncps=record.strings("supporting_ncps"),
        host_countries=record.strings("host_countries"),
        sector=record.choice("sector", v.SECTORS),
        chapters=record.strings("chapters", v.GUIDELINES_CHAPTERS),
        guidelines_edition=record.choice("guidelines_edition", v.GUIDELINES_EDITIONS),
        public=record.boolean("public", False),
        timeline=timeline,
        outcome=record.choice("outcome", v.OUTCOMES, required=False),
        summary=record.text("summary", required=False),
        notes=record.string("notes", required=False),
        path=path,
        positions=dict(record.data.value_positions),
    )
    if case.id is not None and case.id != path.stem:
        problems.error(record.where("id"), tr("the case file is named '{name}' but its id is "
                                              "'{id}'", name=path.name, id=case.id),
                       tr("name the file {name}.yaml", name=case.id))
    return case


def _publication(folder: Path, problems: Problems, site: Site) -> Publication | None:
    path = folder / "publication.yaml"
    if not path.is_file():
        problems.error(Position(path), tr("the publication folder '{name}' has no "
                                          "publication.yaml", name=folder.name))
        return None
    record = _record(path, tr("a publication"), PUBLICATION.names, problems, site.languages)
    if record is None:
        return None
    languages = _listed(record, "languages", site.languages, [site.default_language])
    chapters = record.strings("chapters")
    fallback = record.choice("fallback", site.languages, required=False)
    _check_chapters(record, folder, languages, chapters, fallback)
    kind = record.choice("kind", v.PUBLICATION_KINDS)
    bibliography = record.string("bibliography", required=False)
    if bibliography and resolve_inside(folder, bibliography, folder.parent.parent) is None:
        problems.error(record.where("bibliography"),
                       tr("the bibliography '{name}' lies outside the content folder",
                          name=bibliography), outside_hint())
        bibliography = None
    elif bibliography and not (folder / bibliography).is_file():
        problems.error(record.where("bibliography"),
                       tr("the bibliography '{name}' does not exist", name=bibliography),
                       tr("name a CSL YAML file in the publication's folder"))
    elif bibliography:
        _check_bibliography(folder / bibliography, problems, site)
    print_pdf = record.boolean("print", False)
    if print_pdf and kind != "brochure":
        problems.error(record.where("print"), tr("only a brochure has a print PDF yet"),
                       tr("remove 'print: true'"))
    return Publication(
        slug=folder.name,
        folder=folder,
        kind=kind,
        title=record.text("title", shape=TITLE),
        subtitle=record.text("subtitle", required=False, shape=SUBTITLE),
        languages=languages,
        formats=_listed(record, "formats", v.FORMATS, list(v.FORMATS)),
        date=record.date("date"),
        year=record.integer("year", YEAR, required=False),
        chapters=chapters,
        fallback=fallback,
        bibliography=(folder / bibliography).resolve() if bibliography else None,
        letter=_letter(record) if kind == "hearing-response" else None,
        draft=record.boolean("draft", False),
        print_pdf=print_pdf and kind == "brochure",
        statement=_statement(record, kind) if kind in v.STATEMENT_STEPS else None,
        positions=dict(getattr(record.data, "value_positions", {})),
    )


def _statement(record: Record, kind: str) -> Statement:
    final = kind == "final-statement"
    return Statement(
        case=record.string("case"),
        decision=record.choice("decision", v.DECISIONS, required=not final),
        outcome=record.choice("outcome", v.OUTCOMES, required=final),
        follow_up=record.text("follow_up", required=False),
    )


def _check_chapters(record: Record, folder: Path, languages: list[str],
                    chapters: list[str], fallback: str | None) -> None:
    """Every chapter exists in every language, and lies inside the content folder.

    With a fallback language, only the fallback's chapters must exist here: one missing
    in another language stops the build of that language alone (`build.chapter_file`).
    """
    listed = record.data.get("chapters")
    root = folder.parent.parent
    for lang in languages:
        for index, chapter in enumerate(chapters):
            where = listed.where(index) if hasattr(listed, "where") else record.position
            path = resolve_inside(folder / lang, chapter, root)
            if path is None:
                record.problems.error(where, tr("chapter '{path}' lies outside the content "
                                                "folder", path=f"{lang}/{chapter}"),
                                      outside_hint())
            elif not path.is_file() and (fallback is None or lang == fallback):
                record.problems.error(where, tr("chapter '{path}' does not exist",
                                                path=f"{lang}/{chapter}"),
                                      tr("create {path} or remove it from the list",
                                         path=f"{folder.name}/{lang}/{chapter}"))


def _listed(record: Record, key: str, vocabulary: Sequence[str],
            default: list[str]) -> list[str]:
    """The values listed under `key`; `default` when the field is left out.

    A field given with nothing in it is an error rather than the default: the
    writer emptied it, and a publication in no language or format builds nothing.
    """
    if key in record.data and record.data[key] in (None, []):
        record.problems.error(record.where(key),
                              tr("'{key}' lists nothing, so the publication would build "
                                 "nothing", key=key),
                              tr("list one or more of {values}, or leave the line out for "
                                 "{default}", values=", ".join(vocabulary),
                                 default=", ".join(default)))
        return []
    return record.strings(key, vocabulary) or default


def _check_bibliography(path: Path, problems: Problems, site: Site) -> None:
    """A CSL YAML file: `references:`, each with an id and a title."""
    record = _record(path, tr("the bibliography"), ("references",), problems, site.languages)
    if record is None:
        return
    references = record.data.get("references")
    if not isinstance(references, list):
        problems.error(record.where("references"),
                       tr("the bibliography needs a list 'references:'"),
                       tr("see pandoc's manual on CSL YAML"))
        return
    for index, entry in enumerate(references):
        where = references.where(index) if hasattr(references, "where") else record.position
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.error(where, tr("each reference needs an 'id:'"))
        elif not entry.get("title"):
            problems.error(where, tr("the reference '{id}' has no title", id=entry["id"]))
        elif not is_web_address(str(entry.get("URL", "https://"))):
            problems.error(entry.where("URL") if hasattr(entry, "where") else where,
                           tr("the reference '{id}' has a URL that is not a web address",
                              id=entry["id"]), tr("write it with https://"))


def _letter(record: Record) -> Letter:
    recipient = record.child("recipient", tr("the recipient"),
                             PUBLICATION.part("recipient").names)
    consultation = record.child("consultation", tr("the consultation"),
                                PUBLICATION.part("consultation").names)
    officer = record.child("case_officer", tr("the case officer"),
                           PUBLICATION.part("case_officer").names, required=False)
    signatories = [
        Signatory(s.string("name") or "", s.text("title", required=False))
        for s in record.children("signatories", tr("a signatory"),
                                 PUBLICATION.part("signatories").names, required=True)
    ]
    if not signatories and record.ok:
        record.problems.error(record.where("signatories"), tr("a letter needs a signatory"))
    letter_date = consultation.date("letter_date")
    deadline = consultation.date("deadline", required=False)
    if letter_date and deadline and deadline < letter_date:
        record.problems.error(consultation.where("deadline"),
                              tr("the deadline is before the consultation letter's date"))
    return Letter(
        recipient=recipient.string("name") or "",
        address=recipient.strings("address"),
        their_ref=record.string("their_ref", required=False, shape=REFERENCE),
        our_ref=record.string("our_ref", required=False, shape=REFERENCE),
        consultation=Consultation(consultation.text("title"), letter_date, deadline,
                                  _checked(consultation, "url", is_web_address,
                                           _not_web_address, required=False) or None),
        case_officer=officer.string("name", required=False),
        case_officer_phone=officer.string("phone", required=False),
        signatories=signatories,
    )
