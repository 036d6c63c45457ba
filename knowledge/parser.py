"""Source document -> records: numbered headings by pattern, instrument headings by a heuristic.

Every non-blank line ends up in exactly one record, or in the overlay's named noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import facts, measures, places
from knowledge.curation import Curation, load_curation
from knowledge.nl.normalize import fold
from knowledge.records import Record

SOURCE_PATH = Path(__file__).parent / "source" / "instrumenten_lokaal_woonbeleid_kortrijk.txt"

CHAPTER = re.compile(r"^(?P<code>\d+)\.\s+(?P<title>\S.*?)\s*$")
SECTION = re.compile(r"^(?P<code>[A-Z])\.\s+(?P<title>\S.*?)\s*$")
SUBSECTION = re.compile(r"^(?P<code>[A-Z](?:\.\d+)+)\.\s+(?P<title>\S.*?)\s*$")
ITEM = re.compile(r"^(?P<code>[a-z])\.\s+(?P<title>\S.*?)\s*$")
# Text after a long run of spaces on a heading line is that heading's first body text ("Huurdersbond      Samenwerking ...").
WIDE_GAP = re.compile(r"\s{5,}")
# Headings are noun phrases; these words end or open a sentence fragment instead.
TRAILING_FUNCTION_WORDS = {
    "met",
    "over",
    "van",
    "voor",
    "en",
    "de",
    "het",
    "een",
    "in",
    "op",
    "bij",
    "te",
    "tot",
    "naar",
    "om",
    "aan",
    "door",
    "als",
    "of",
}
SENTENCE_OPENERS = {"te", "zie", "volgens"}
MAX_HEADING_WORDS = 14


def load_source() -> str:
    return SOURCE_PATH.read_text(encoding="utf-8")


@dataclass
class _Draft:
    code: str
    title: str
    path: tuple[str, ...]
    heading_line: int
    body: list[tuple[int, str]] = field(default_factory=list)


def parse(text: str, curation: Curation | None = None) -> list[Record]:
    """Records in document order, with facts extracted and the curation overlay applied."""
    curation = curation if curation is not None else load_curation()
    drafts = _drafts(text.split("\n"), curation)
    return curation.apply(_records(drafts))


def dropped_lines(text: str, curation: Curation | None = None) -> list[tuple[int, str]]:
    """The non-blank lines the overlay names as web-page noise."""
    curation = curation if curation is not None else load_curation()
    return [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip() and curation.is_noise(line)]


def _drafts(lines: list[str], curation: Curation) -> list[_Draft]:
    drafts: list[_Draft] = []
    numbered: list[tuple[str, str]] = []  # stack of (code, title) of the enclosing numbered headings
    previous_was_heading = True
    for index, raw in enumerate(lines):
        number, line = index + 1, raw.rstrip("\r")
        if not line.strip() or curation.is_noise(line):
            continue
        heading = _numbered(line, numbered)
        if heading:
            code, title = heading
            numbered = [(c, t) for c, t in numbered if _is_ancestor(c, code)] + [(code, title)]
            drafts.append(_Draft(code, title, tuple(t for _, t in numbered), number))
            previous_was_heading = True
            continue
        title, rest = _split_gap(line)
        forced = curation.forced_kind(line)
        is_heading = forced == "heading" or (
            forced != "body"
            and not line[:1].isspace()
            and _looks_like_heading(title, previous_was_heading, _next_is_bullet(lines, index, curation))
        )
        if is_heading and numbered:
            code, title = numbered[-1][0], facts.tidy(title)
            drafts.append(_Draft(code, title, (*tuple(t for _, t in numbered), title), number))
            if rest:
                drafts[-1].body.append((number, rest))
            previous_was_heading = not rest
        elif drafts:
            drafts[-1].body.append((number, line))
            previous_was_heading = False
    return drafts


def _numbered(line: str, stack: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(full code, title) when the line is a chapter, section, sub-section or lettered item heading."""
    if line[:1].isspace():
        return None
    chapter_code = stack[0][0] if stack else ""
    if (m := CHAPTER.match(line)) and _upper(m["title"]):
        return m["code"], facts.tidy(m["title"])
    if chapter_code and (m := SECTION.match(line)) and _upper(m["title"]):
        return f"{chapter_code}.{m['code']}", facts.tidy(m["title"])
    if chapter_code and (m := SUBSECTION.match(line)):
        return f"{chapter_code}.{m['code']}", facts.tidy(m["title"])
    if chapter_code and (m := ITEM.match(line)) and len(stack) > 1:
        parent = next(c for c, _ in reversed(stack) if not c.split(".")[-1].islower())
        return f"{parent}.{m['code']}", facts.tidy(m["title"])
    return None


def _upper(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_ancestor(code: str, child: str) -> bool:
    parts, child_parts = code.split("."), child.split(".")
    return len(parts) < len(child_parts) and child_parts[: len(parts)] == parts


def _split_gap(line: str) -> tuple[str, str]:
    stripped = line.strip()
    parts = WIDE_GAP.split(stripped, maxsplit=1)
    return (parts[0], parts[1].strip()) if len(parts) == 2 else (stripped, "")


def _next_is_bullet(lines: list[str], index: int, curation: Curation) -> bool:
    for line in lines[index + 1 :]:
        if line.strip() and not curation.is_noise(line):
            return _is_bullet(line)
    return False


def _is_bullet(line: str) -> bool:
    return line[:1].isspace() and bool(re.match(r"\s*(?:•|\d+\.\s)", line))


def _looks_like_heading(title: str, previous_was_heading: bool, next_is_bullet: bool) -> bool:
    """A short title-like line: capitalised, no sentence punctuation, no contact data, not a list label."""
    if not title or not (title[0].isupper() or title[0].isdigit()):
        return False
    if title[-1] in ".:;,?!" or facts.PHONE.search(title) or facts.EMAIL.search(title) or facts.WEBSITE.search(title):
        return False
    if facts.ADDRESS.search(title) or measures.has_date(title):
        return False
    words = re.sub(r"\([^)]*\)", "", title).split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if words[-1].lower() in TRAILING_FUNCTION_WORDS or words[0].lower() in SENTENCE_OPENERS:
        return False
    # A label between body text and a bullet list ("Openingsuren", "Verder", "Momenteel") belongs to that text.
    return previous_was_heading or not next_is_bullet


def _records(drafts: list[_Draft]) -> list[Record]:
    records: list[Record] = []
    seen: dict[str, int] = {}
    for draft in drafts:
        base = slug(draft.code, draft.title)
        seen[base] = seen.get(base, 0) + 1
        record_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        records.append(_record(record_id, draft))
    return records


def _record(record_id: str, draft: _Draft) -> Record:
    body_lines = draft.body
    body = "\n".join(text for _, text in body_lines)
    return Record(
        id=record_id,
        code=draft.code,
        title=draft.title,
        path=draft.path,
        body=body,
        lines=tuple(sorted({draft.heading_line, *(n for n, _ in body_lines)})),
        has_content=bool(body.strip()),
        text=display_text(body),
        contacts=facts.extract_contacts(body_lines, draft.title),
        hours=facts.extract_hours(body_lines),
        amounts=measures.extract_amounts(body_lines),
        quantities=measures.extract_quantities(body_lines),
        answer=facts.extract_answer(body),
        places=places.extract_places(body_lines),
        dates=measures.extract_dates(body_lines),
    )


def display_text(body: str) -> str:
    """Body for reading: wide gaps become line breaks, spaces collapse, blank lines go."""
    out = []
    for line in body.split("\n"):
        for part in WIDE_GAP.split(line.strip()):
            if part := re.sub(r"[ \t\u00a0]+", " ", part).strip():
                out.append(part)
    return "\n".join(out)


def slug(code: str, title: str, max_length: int = 80) -> str:
    ascii_text = fold(f"{code} {title}").encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0]
    return text
