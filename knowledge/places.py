"""Places listed in a record's body: service centres with their addresses, care homes by name.

Every function takes the body as (line number, text as written) pairs and is pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from knowledge.facts import BULLET, Line, sentences, tidy
from knowledge.records import Place

ENUMERATION = re.compile(r"(?P<count>\d+)\s+(?P<what>[\w ]+?)\s+(?:uit,\s*nl\.|als)\s+(?P<items>[^.]+)")
# The document's own list labels decide what kind of place follows.
PLACE_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"lokale dienstencentra", re.I), "lokaal dienstencentrum"),
    (re.compile(r"regionale dienstencentra", re.I), "regionaal dienstencentrum"),
    (re.compile(r"opvangcentra", re.I), "opvangcentrum"),
    (re.compile(r"^verder$", re.I), "andere dienst"),
)
PLACE_AREAS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"kernstad", re.I), "kernstad"),
    (re.compile(r"deelgemeente", re.I), "deelgemeente"),
)
# A list item without a postcode is only read as an address when it ends in the city's own name.
HOME_TOWN = "Kortrijk"
PLACE_TAIL = re.compile(
    r"(?:,?\s*(?P<postcode>\d{4})\s+(?P<town>[A-Z][\w]*(?:-[A-Z][\w]*)*)|\s+(?P<home>" + HOME_TOWN + r"))\s*$"
)
PLACE_HEAD = re.compile(r"^(?P<name>.+)[,;]\s*(?P<street>[^,;]*?[a-z])(?:\s+(?P<number>\d+[a-z]?(?:\s+bus\s+\d+)?))?$")


def extract_places(lines: Sequence[Line]) -> tuple[Place, ...]:
    places: list[Place] = []
    kind = area = group = ""
    for number, text in lines:
        places.extend(_enumerated_places(number, text))
        if not BULLET.match(text):
            label = tidy(text).rstrip(":")
            for pattern, value in PLACE_KINDS:
                if pattern.search(label):
                    sentence = next(s for _, s in sentences(label) if pattern.search(s))
                    kind, area, group = value, "", sentence.rstrip(".")
            for pattern, value in PLACE_AREAS:
                if pattern.search(label) and len(label.split()) <= 4:
                    area, group = value, label
            continue
        if kind and (place := _listed_place(BULLET.sub("", text).strip(), number)):
            places.append(replace(place, kind=kind, area=area, group=group))
    return tuple(places)


def _listed_place(item: str, number: int) -> Place | None:
    tail = PLACE_TAIL.search(item)
    if not tail:
        return None
    head = PLACE_HEAD.match(item[: tail.start()].strip())
    if not head:
        return None
    return Place(
        name=tidy(head["name"]),
        kind="",
        street=tidy(head["street"]),
        number=head["number"] or "",
        postcode=tail["postcode"] or "",
        municipality=tail["town"] or tail["home"],
        line=number,
    )


def _enumerated_places(number: int, text: str) -> Iterable[Place]:
    """ "5 WZC uit, nl. A, B, C, D en E": exactly as many names as the count says, or none."""
    previous = ""
    for _, sentence in sentences(text):
        for m in ENUMERATION.finditer(sentence):
            context = previous + " " + sentence
            if not re.search(r"\bWZC\b|woonzorgcentr", context):
                continue
            count = int(m["count"])
            names = [n.strip() for n in re.split(r",\s*|\s+en\s+", m["items"])][:count]
            if len(names) != count:
                continue
            operator = "OCMW Kortrijk" if "OCMW" in sentence else ("privaat" if "privat" in sentence else "")
            for name in names:
                yield Place(
                    name=name, kind="woonzorgcentrum", operator=operator, group=tidy(m.group("what")), line=number
                )
        previous = sentence
