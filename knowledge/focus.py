"""The part of a record that answers the question: the sentence first, then the context.

A record often holds several facts ("Het OCMW betaalt jaarlijks € 18000 aan de
Huurdersbond. Hiervoor zijn er wekelijks twee zitdagen in Sociaal Huis."). The sentence
that answers is the one that says what the question adds to its subject (the words the
other sentences do not share), and that holds the kind of fact the question word asks
for: a number for "hoeveel", a frequency for "hoe dikwijls", a date for "wanneer".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from knowledge.nl.normalize import fold
from knowledge.nl.times import MONTHS, WEEKDAYS
from knowledge.questions import Question
from knowledge.records import Record
from knowledge.search import QueryTerms, SearchIndex

# Room for the answer on a phone screen, before contact, source and buttons.
MAX_ANSWER_CHARS = 450
# A concept the record's title also names is the subject, not what is asked about it.
SUBJECT_SHARE = 0.3
KIND_BONUS = 1.2
# Below this a sentence says no more of the question than the others do.
MIN_FOCUS = 0.5
# Words that begin alike over this many letters are one word in other forms ("beslist", "beslissing").
PREFIX = 6
PARTIAL_SHARE = 0.5
MAX_ITEMS = 8
ITEM_CHARS = 90
LIST_CHARS = 400
MIN_LIST = 3
NEAR_SHARE = 0.85
# A record's own list answers an overview question when it leads the next hit this clearly.
CLEAR_LEAD = 1.5
# The sections an overview may list: those with this share of the best section's weight.
GROUP_SHARE = 0.6

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9“\"(])|\s*(?=•)|\n+")
_KIND_SIGNS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(r"€|\beuro\b|\d+(?:[.,]\d+)? ?%|\bgratis\b|\bkost\b"),
    # A number, but not a year ("sinds 2008" says when, not how many).
    "count": re.compile(
        r"\b(?!(?:19|20)\d\d\b)\d|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|tiental|vijftigtal)\b"
    ),
    "duration": re.compile(
        r"\b\d+ ?(?:dag|dagen|week|weken|maand|maanden|jaar|nacht)\b|\b(?:één|een) nacht\b"
        r"|\btijdelijk\b|\bmax\b|\bverlengbaar\b|\bkorte periode\b"
    ),
    "frequency": re.compile(
        r"\b(?:wekelijks|jaarlijks|maandelijks|tweemaandelijks|dagelijks|per (?:jaar|week|maand)"
        r"|\d+ ?x per|keer per|zitdag\w*|regelmatig|af en toe|permanent\w*)\b"
    ),
    "date": re.compile(
        rf"\b(?:19|20)\d\d\b|\b(?:{'|'.join(MONTHS)})\b|\bsinds\b|\d+/\d+/\d+|\bmomenteel\b|\bvoorlopig\b"
    ),
    # A definition: "De Woonraad is een advies- en overlegorgaan".
    "what": re.compile(r"\b(?:is|zijn) (?:een|de|het)\b|\bbetekent\b"),
    "name": re.compile(r"[“\"‘'][^”\"’']{3,}[”\"’']|\b[A-Z][a-z]+ [A-Z][a-z]+"),
    "who": re.compile(
        r"\b(?:OCMW|CAW|SVK|Stad|stad|vzw|dienst|team|Team|college|Comité|comité|Huurdersbond|"
        r"Samenlevingsopbouw|partners?|organisatie|maatschappelijk werker|Vlaamse|Agentschap)\b"
    ),
    "where": re.compile(
        r"\b\w+(?:straat|laan|plein|markt|dreef|steenweg|park)\b|\b8[5-9]\d\d\b|\bterecht\b|\bbij de\b"
    ),
    "yesno": re.compile(r"(?<!-)\b(?:geen|niet|niets|nooit|ja|nee|enkel|alleen|wel)\b(?!-)"),
}
_NEGATION = re.compile(r"(?<!-)\b(?:geen|niet|niets|nooit|nee)\b(?!-)")


def sentences(text: str) -> list[str]:
    """A record's text as sentences and list items ("• ..."), in the document's order."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s.strip(" •")]


def sentence_scores(
    index: SearchIndex, terms: QueryTerms, question: Question, parts: Sequence[str], title: str
) -> list[float]:
    """How well each sentence answers: the query's concepts it says (rarer in the record
    counts more, the subject itself less) and whether it holds the asked kind of fact."""
    said = [index.passage_terms(p) for p in parts]
    title_terms = index.passage_terms(title)
    scores = [0.0] * len(parts)
    for concept in terms.concepts:
        weights = [_concept_weight(concept, s) for s in said]
        holders = sum(1 for w in weights if w)
        if not holders:
            continue
        share = (SUBJECT_SHARE if any(t in title_terms for t in concept) else 1.0) / holders
        for i, weight in enumerate(weights):
            scores[i] += weight * share
    sign = _KIND_SIGNS.get(question.asks or "")
    if sign is not None:
        for i, part in enumerate(parts):
            if sign.search(part):
                scores[i] += KIND_BONUS
    return scores


def _concept_weight(concept: dict[str, float], said: frozenset[str]) -> float:
    """A concept's best term in a sentence; half of it for a term that shares a long beginning
    with a word of the sentence ("beslist" and "beslissing")."""
    exact = max((w for t, w in concept.items() if t in said), default=0.0)
    if exact:
        return exact
    return max(
        (
            PARTIAL_SHARE * w
            for t, w in concept.items()
            if len(t) >= PREFIX
            for word in said
            if word[:PREFIX] == t[:PREFIX]
        ),
        default=0.0,
    )


def holds_kind(record: Record, asks: str | None) -> bool:
    """Whether a record's text holds the kind of fact asked (a price for "wat kost", a
    duration for "hoe lang"); True when the question asks no such kind."""
    sign = _KIND_SIGNS.get(asks or "")
    return sign is None or asks == "yesno" or bool(sign.search(record.text or record.body))


@dataclass(frozen=True)
class Focus:
    """The text to show, its best sentence first, and a yes/no verdict where one was asked."""

    text: str
    verdict: str | None = None  # "Ja" | "Nee"
    # The kind of fact asked that the record does not hold ("amount": a price the page never gives).
    missing: str | None = None


_FACTUAL = re.compile(r"\d|€|%")


def _trim(parts: Sequence[str], first: int, limit: int) -> str:
    """The best sentence, then as many others as fit: the one after it (it often completes it),
    then those with a number (they carry the conditions: "max 30 dagen", "KI tussen 500 en
    1000 euro"), shown in the document's order."""
    # A sentence that announces a list ("... aangeboden:") is followed by the list.
    follows = {first + 1}
    if parts[first].rstrip().endswith(":"):
        follows |= set(range(first + 1, len(parts)))
    items = first + 1
    while items < len(parts) and parts[items].startswith("•"):
        follows.add(items)
        items += 1
    order = sorted(
        (i for i in range(len(parts)) if i != first), key=lambda i: (i not in follows, not _FACTUAL.search(parts[i]), i)
    )
    chosen = []
    used = len(parts[first])
    for i in order:
        if used + len(parts[i]) + 1 <= limit:
            chosen.append(i)
            used += len(parts[i]) + 1
    head = parts[first]
    if len(head) > limit:
        head = head[:limit].rsplit(" ", 1)[0] + " …"
    return " ".join([head, *(parts[i] for i in sorted(chosen))])


def focus(
    index: SearchIndex,
    terms: QueryTerms,
    question: Question,
    record: Record,
    text: str | None = None,
    limit: int = MAX_ANSWER_CHARS,
) -> Focus:
    """`text`: the record's text as it will be shown (the record's own by default)."""
    parts = sentences(record.text or record.body if text is None else text)
    if not parts:
        return Focus("")
    scores = sentence_scores(index, terms, question, parts, record.title)
    # What each sentence says of the question, without the bonus for the kind of fact asked.
    said = sentence_scores(index, terms, replace(question, asks=None), parts, record.title)
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    if scores[best] < MIN_FOCUS:
        # Nothing asked beyond the subject ("wat doet team wonen"): the record as it begins.
        best = 0
    verdict = None
    if question.asks == "yesno" or record.answer is not None:
        if record.answer is not None:
            verdict = "Ja" if record.answer else "Nee"
        elif said[best] > 0 and not terms.outside:
            # A question about a subject the page does not cover ("schiet het OCMW de huurwaarborg
            # voor") gets no yes or no from a record that only shares its other words.
            # A no is said outright ("geen vergunningen meer"); a yes needs more than the subject.
            negative = bool(_NEGATION.search(fold(parts[best])))
            # "Is er een terrein voor woonwagens?" is answered yes by the record that describes it.
            verdict = "Nee" if negative else "Ja" if said[best] >= MIN_FOCUS or question.exists else None
    # A price the record does not give is said to be missing, never guessed; a ja/nee record
    # answers "moet ik daar iets voor betalen?" with its ja or nee.
    sign = _KIND_SIGNS["amount"]
    missing = (
        "amount"
        if question.asks == "amount" and record.answer is None and not any(sign.search(p) for p in parts)
        else None
    )
    return Focus(_trim(parts, best, limit), verdict, missing)


# --- overviews ----------------------------------------------------------------------------

_WEEKDAY_START = re.compile(rf"(?i)(?:{'|'.join(WEEKDAYS)}|frontoffice)\b")
_LIST_LINE = re.compile(r"^\s*(?:•|-|\d+[.)])\s*(.+)$")


def list_groups(record: Record) -> list[tuple[str, list[str]]]:
    """The lists in a record's body, each with the line above it ("Wij informeren de burger
    over :", ["stedelijke en andere premies", ...])."""
    groups: list[tuple[str, list[str]]] = []
    label = ""
    for line in record.body.splitlines():
        match = _LIST_LINE.match(line)
        if match:
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(" ".join(match.group(1).split()))
        elif line.strip():
            label = " ".join(line.split()).rstrip(" :")
    # Opening hours are no overview of what a service does; two items are a sentence, not a list.
    return [
        (lbl, items)
        for lbl, items in groups
        if len(items) >= MIN_LIST and not any(_WEEKDAY_START.match(i) for i in items)
    ]


def children(record: Record, records: Sequence[Record]) -> list[Record]:
    depth = len(record.path)
    return [r for r in records if len(r.path) == depth + 1 and tuple(r.path[:depth]) == tuple(record.path)]


def parent(record: Record, records: Sequence[Record]) -> Record | None:
    return next((r for r in records if tuple(r.path) == tuple(record.path[:-1])), None)


def _short(text: str, limit: int = ITEM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def first_sentence(record: Record) -> str:
    parts = sentences(record.text or record.body)
    return parts[0] if parts else ""


@dataclass(frozen=True)
class Overview:
    record: Record  # the heading or record the list belongs to
    lines: tuple[str, ...]


def _shared_sections(
    hits: Sequence[tuple[Record, float]], records: Sequence[Record], named: Callable[[str], bool]
) -> list[Record]:
    """Headings that hold much of the weight of several hits, best first: one that names what
    the question asks about ("premies" in SUBSIDIES/PREMIES/LENINGEN), then the most specific."""
    weight: dict[tuple[str, ...], float] = {}
    count: dict[tuple[str, ...], int] = {}
    for record, score in hits:
        for depth in range(1, len(record.path)):
            prefix = tuple(record.path[:depth])
            weight[prefix] = weight.get(prefix, 0.0) + score
            count[prefix] = count.get(prefix, 0) + 1
    shared = [p for p in weight if count[p] >= 2]
    if not shared:
        return []
    for prefix in shared:
        if named(prefix[-1]):
            weight[prefix] *= 2
    heaviest = max(weight[p] for p in shared)
    heavy = [p for p in shared if weight[p] >= GROUP_SHARE * heaviest]
    heavy.sort(key=lambda p: (named(p[-1]), len(p)), reverse=True)
    by_path = {tuple(r.path): r for r in records}
    return [by_path[p] for p in heavy if p in by_path]


def record_overview(record: Record) -> Overview | None:
    """The lists inside one record: its items, or with several lists one line per list."""
    groups = list_groups(record)
    if len(groups) == 1:
        items = groups[0][1][:MAX_ITEMS]
        # Few items may take more room each: "wat doet team wonen" has two long ones.
        room = max(ITEM_CHARS, LIST_CHARS // len(items))
        return Overview(record, tuple(_short(i, room) for i in items))
    if groups:
        return Overview(
            record,
            tuple(
                _short(f"{label}: {'; '.join(i.split(',')[0] for i in items)}", 2 * ITEM_CHARS).lstrip(": ")
                for label, items in groups[:MAX_ITEMS]
            ),
        )
    return None


def section_overview(section: Record, records: Sequence[Record]) -> Overview | None:
    """The headings under a section, each with its first sentence."""
    lines = [
        f"{child.title}: {_short(first_sentence(child), ITEM_CHARS - len(child.title))}"
        for child in children(section, records)
        if child.has_content
    ]
    return Overview(section, tuple(lines[:MAX_ITEMS])) if len(lines) >= 2 else None


def overview(
    hits: Sequence[tuple[Record, float]],
    records: Sequence[Record],
    named: Callable[[str], bool] = lambda title: False,
    kind: str = "list",
) -> Overview | None:
    """A short list for "welke premies zijn er", "wat doet team wonen": a section whose heading
    names what is asked, else the list inside the best record, else the section the best
    records share."""
    if not hits:
        return None
    best, top = hits[0]
    runner_up = hits[1][1] if len(hits) > 1 else 0.0
    if kind == "about" and best.has_content and named(best.title):
        # "wat doet team wonen": the question names one record; its own list, or no list.
        return record_overview(best)
    sections = _shared_sections(hits, records, named)
    if children(best, records) and not best.has_content:
        sections.insert(0, best)
    # "welke vormen van tijdelijke opvang": a heading that names what is asked lists its records.
    for section in (s for s in sections if named(s.title)):
        if (found := section_overview(section, records)) is not None:
            return found
    own = record_overview(best)
    if top >= CLEAR_LEAD * runner_up and best.has_content:
        # "wat doet team wonen": the question names one record; its own list, or no list.
        return own
    # A list in a record nearly as likely as the best one beats a section nobody named.
    own = own or next(
        (o for r, score in hits[1:] if score >= NEAR_SHARE * top and (o := record_overview(r)) is not None), None
    )
    if own is not None:
        return own
    for section in sections:
        if (found := section_overview(section, records)) is not None:
            return found
    return None
