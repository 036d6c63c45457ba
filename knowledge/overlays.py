"""The shapes of the two reviewed YAML overlays, curation.yml and referral.yml, as pydantic models.

Content editors maintain these files, so every mistake is reported in Dutch and names the file and
the entry: "knowledge/referral.yml, situations[3] (id 'uithuiszetting'): 'why' ontbreekt of is leeg".
knowledge.curation and knowledge.referral turn the checked models into the objects the code uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    Extra,
    Field,
    StrictStr,
    ValidationError,
    constr,
    root_validator,
    validator,
)

from knowledge.settings import ROOT

# The curation overlay is thousands of lines; libyaml reads it in a twentieth of the time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

if TYPE_CHECKING:  # pydantic 1's constrained types are calls, which mypy cannot read as types
    Text = str
    Stripped = str
else:
    Text = constr(strict=True, min_length=1)  # kept as written
    Stripped = constr(strict=True, strip_whitespace=True, min_length=1)


class OverlayError(ValueError):
    """An overlay is malformed; the message is Dutch, one line per mistake, for its editor."""


class Entry(BaseModel):
    class Config:
        extra = Extra.forbid

    @validator("*", pre=True)
    def _left_empty(cls, value: Any, field: Any) -> Any:
        # "triggers:" with nothing after it reads as None: the same as leaving the key out.
        return field.get_default() if value is None and not field.required else value


class Reviewed(Entry):
    why: Stripped


# --- curation.yml ------------------------------------------------------------------------------


class NoiseEntry(Reviewed):
    text: Stripped | None = None
    pattern: Text | None = None

    @validator("pattern")
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error:
            raise ValueError("geen geldige reguliere expressie") from None
        return pattern

    @root_validator(skip_on_failure=True)
    def _text_or_pattern(cls, values: dict[str, Any]) -> dict[str, Any]:
        if (values.get("text") is None) == (values.get("pattern") is None):
            raise ValueError("geef 'text' of 'pattern', niet allebei of geen van beide")
        return values


class StructureEntry(Reviewed):
    text: Stripped
    kind: Literal["body", "heading"] = Field(alias="as")


class SpellingEntry(Reviewed):
    wrong: Text
    right: Text


class ConflictEntry(Reviewed):
    subject: Text
    values: list[StrictStr]
    preferred: Text
    records: list[StrictStr] = []

    @root_validator(skip_on_failure=True)
    def _preferred_among_values(cls, values: dict[str, Any]) -> dict[str, Any]:
        if len(values["values"]) < 2 or values["preferred"] not in values["values"]:
            raise ValueError("'values' moet minstens twee waarden hebben, waaronder 'preferred'")
        return values


class ServiceEntry(Reviewed):
    source: Text = Field(alias="from")  # record id whose contact is the service's contact
    contact: StrictStr = ""  # which contact of that record ("" = its first)
    records: list[StrictStr] = []


class OrganisationEntry(Reviewed):
    name: Text
    record: Text


class NotesEntry(Reviewed):
    keywords: list[str] = []
    examples: list[str] = []


class OutsideEntry(Reviewed):
    label: Text
    terms: list[Text] = Field(min_items=1)


class SynonymEntry(Reviewed):
    terms: list[str] = Field(min_items=2)


class CurationOverlay(Entry):
    noise: list[NoiseEntry] = []
    structure: list[StructureEntry] = []
    spelling: list[SpellingEntry] = []
    conflicts: list[ConflictEntry] = []
    services: list[ServiceEntry] = []
    organisations: list[OrganisationEntry] = []
    records: dict[str, NotesEntry] = {}
    synonyms: list[Any] = []
    outside: list[OutsideEntry] = []

    @validator("synonyms", each_item=True)
    def _group(cls, group: Any) -> tuple[str, ...]:
        # A group is a plain list of interchangeable words, or {terms: [...], why: ...}.
        if isinstance(group, dict):
            return tuple(SynonymEntry.parse_obj(group).terms)
        if not isinstance(group, list) or len(group) < 2:
            raise ValueError("een groep heeft minstens twee woorden")
        return tuple(str(term) for term in group)


# --- referral.yml ------------------------------------------------------------------------------


def record_name(name: Any) -> tuple[str, str]:
    """ "7.B Crisisopvang" -> ("7.B", "Crisisopvang"): the code never contains a space."""
    code, _, title = str(name).strip().partition(" ")
    if not title or not re.fullmatch(r"\d+(?:\.[A-Za-z0-9]+)*", code):
        raise ValueError(f"een record schrijf je als 'CODE Titel', niet {str(name)!r}")
    return code, title


class RecordName(tuple):
    @classmethod
    def __get_validators__(cls):
        yield record_name


class NoteEntry(Reviewed):
    note: Stripped


class FallbackEntry(Reviewed):
    record: RecordName
    say: Stripped


class CandidateEntry(Reviewed):
    record: RecordName
    weight: float = 1
    conditions: list[Text] = []  # verbatim quotes of the record's body
    only_with: frozenset[str] = frozenset()


class _SituationEntry(Reviewed):
    id: Stripped
    label: Stripped
    triggers: list[str] = []
    ages: tuple[int, int] | None = None

    @validator("triggers", each_item=True)
    def _has_words(cls, trigger: str) -> str:
        if not re.search(r"[^\W_]", trigger.lstrip("=")):
            raise ValueError(f"{trigger!r} bevat geen woord")
        return trigger


class SituationEntry(_SituationEntry):
    options: list[CandidateEntry] = []


class ModifierEntry(_SituationEntry):
    adjust: list[CandidateEntry] = []


class ReferralOverlay(Entry):
    fallback_contact: FallbackEntry
    contact_notes: dict[RecordName, NoteEntry] = {}
    situations: list[SituationEntry] = []
    modifiers: list[ModifierEntry] = []


# --- reading and reporting ---------------------------------------------------------------------

Overlay = TypeVar("Overlay", bound=Entry)
# Sections that map a name to an entry, rather than listing entries.
_NAMED_ENTRIES = {"records", "contact_notes"}
# What names an entry for its editor, besides its position.
_LABELS = ("id", "subject", "name", "label", "record", "from", "wrong", "text", "pattern")


def read_overlay(model: type[Overlay], text: str, path: Path, error: type[OverlayError]) -> Overlay:
    """The overlay's text checked against `model`; `error` with every mistake in Dutch otherwise."""
    name = _display_name(path)
    try:
        data = yaml.load(text, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error(f"{name}{f', regel {mark.line + 1}' if mark else ''}: geen geldige YAML") from None
    if not isinstance(data, dict):
        raise error(f"{name}: moet een mapping van secties zijn")
    try:
        return model.parse_obj(data)
    except ValidationError as exc:
        raise error("\n".join(_describe(name, e, data) for e in exc.errors())) from None


def _display_name(path: Path) -> str:
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def _describe(name: str, error: Mapping[str, Any], data: dict[str, Any]) -> str:
    loc = [part for part in error["loc"] if part not in ("__root__", "__key__")]
    nodes: list[Any] = []
    node: Any = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        nodes.append(node)

    def named(i: int) -> bool:
        return i > 0 and loc[i - 1] in _NAMED_ENTRIES

    def is_entry(i: int) -> bool:
        if i == len(loc) - 1:  # only an entry that is not a mapping at all; otherwise a field
            return error["type"] == "type_error.dict" and (isinstance(loc[i], int) or named(i))
        return named(i) or (isinstance(nodes[i], dict) and not (i == 0 and loc[0] in _NAMED_ENTRIES))

    # The entry is the innermost mapping on the error's path; what follows it is the faulty field.
    end = max((i + 1 for i in range(len(loc)) if is_entry(i)), default=0)
    entry = ""
    for i, part in enumerate(loc[:end]):
        if isinstance(part, int):
            entry += f"[{part}]"
        elif named(i):
            entry += f"[{part!r}]"
        else:
            entry += f".{part}" if entry else part
        node = nodes[i]
        if isinstance(node, dict) and (label := next((k for k in _LABELS if isinstance(node.get(k), str)), None)):
            entry += f" ({label} {node[label]!r})"
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[end:]).lstrip(".")
    problem = _problem(error, f"'{field}'" if field else "", bool(entry))
    return f"{name}, {entry}: {problem}" if entry else f"{name}: {problem}"


def _problem(error: Mapping[str, Any], field: str, in_entry: bool) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "value_error.extra":
        return f"onbekende {'sleutel' if in_entry else 'sectie'} {field}"
    if kind in ("value_error.missing", "value_error.any_str.min_length", "type_error.none.not_allowed"):
        return f"{field} ontbreekt of is leeg"
    subject = field or "dit item"
    if kind == "type_error.str":
        return f"{subject} moet tekst zijn"
    if kind in ("type_error.list", "type_error.tuple", "type_error.set", "type_error.frozenset"):
        return f"{subject} moet een lijst zijn"
    if kind == "type_error.dict":
        return f"{subject} moet een mapping zijn"
    if kind in ("type_error.integer", "type_error.float"):
        return f"{subject} moet een getal zijn"
    if kind == "value_error.tuple.length":
        return f"{subject} moet precies {ctx['expected_length']} waarden hebben"
    if kind == "value_error.list.min_items":
        return f"{subject} moet minstens {ctx['limit_value']} waarde(n) hebben"
    if kind == "value_error.const":
        return f"{subject} moet een van {', '.join(map(repr, ctx['permitted']))} zijn"
    if kind == "value_error":  # raised by the validators above, in Dutch
        return f"{field}: {error['msg']}" if field else error["msg"]
    return f"{subject} is ongeldig"
