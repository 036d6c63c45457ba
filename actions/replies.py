"""Dutch replies built from records. Pure functions: no Rasa, so they test fast.

Every reply that states a fact names its source section; a record without
content says so and names who would know, instead of guessing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.base import Service, describe_contact
from knowledge.records import Record

# Room for the answer on a phone screen, before contact, source and buttons.
MAX_ANSWER_CHARS = 450
DISCLAIMER = ("Deze info komt van de stadspagina 'Instrumenten lokaal woonbeleid Kortrijk' "
              "en kan intussen veranderd zijn.")
OTHER_LANGUAGE = {
    "fr": "Je réponds seulement en néerlandais. Voici ce que j'ai trouvé :",
    "en": "I only answer in Dutch. Here is what I found:",
}
OTHER_LANGUAGE_NOT_UNDERSTOOD = {
    "fr": "Désolé, je ne réponds qu'en néerlandais. Pour de l'aide : {contact}.",
    "en": "Sorry, I only answer in Dutch. For help: {contact}.",
}
CAPABILITIES = ("Ik weet iets over premies (dak, regenput, groendak), huren en het SVK, "
                "woonkwaliteit en attesten, opvang en crisis, dienstencentra en de openingsuren "
                "van het Sociaal Huis en de Balie Bouwen, Milieu en Wonen.")


def source_line(record: Record) -> str:
    return f"Bron: {record.section_label()}"


def contact_line(service: Service | None) -> str:
    if service is None or service.contact is None:
        return ""
    return f"Contact: {describe_contact(service.contact)}"


def trim(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """The key sentences up to the limit, in the document's order.

    Sentences with an amount, a number or a percentage go first: they carry the
    conditions ("KI tussen 500 en 1000 euro", "max 30 dagen") a person needs.
    A first sentence longer than the limit is cut at a word.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?;])\s+", text)
    factual = [i for i, s in enumerate(sentences) if re.search(r"\d|€|%", s)]
    chosen: set[int] = set()
    used = 0
    for i in factual + [i for i in range(len(sentences)) if i not in factual]:
        if used + len(sentences[i]) + 1 <= limit:
            chosen.add(i)
            used += len(sentences[i]) + 1
    kept = " ".join(sentences[i] for i in sorted(chosen))
    return kept or text[:limit].rsplit(" ", 1)[0] + " …"


def without_contact_lines(text: str, service: Service | None) -> str:
    """Drop the lines that only repeat the phone number shown in the contact line."""
    if service is None or service.contact is None or not service.contact.phone:
        return text
    phone = service.contact.phone
    return "\n".join(line for line in text.splitlines() if phone not in line or len(line) > 120)


def conflict_notes(record: Record) -> list[str]:
    notes = []
    for conflict in record.conflicts:
        others = [v for v in conflict.values if v != conflict.preferred]
        if others and not conflict.confirmed:
            notes.append(f"Let op: de pagina geeft ook {' en '.join(others)} voor deze dienst. "
                         f"Klopt {conflict.preferred} niet, vraag het dan na bij het Sociaal Huis.")
    return notes


def record_answer(record: Record, service: Service | None, help_contact: str, repeated: frozenset[str],
                  extra: Sequence[str] = ()) -> str:
    """The key facts of one record, who to contact, and where it comes from. `repeated`: the
    titles the page gives more than one heading (KnowledgeBase.repeated_titles)."""
    if not record.has_content:
        return empty_record_answer(record, service, repeated)
    body = trim(without_contact_lines(record.text or record.body, service))
    contact = contact_line(service) or f"Contact: de pagina noemt hier geen contact. Vragen? {help_contact}"
    parts = [f"{record.title}: {body}", *extra, contact, *conflict_notes(record), source_line(record)]
    return "\n".join(p for p in parts if p)


def empty_record_answer(record: Record, service: Service | None, repeated: frozenset[str]) -> str:
    who = (f"Vraag het na bij {describe_contact(service.contact)}."
           if service and service.contact else "Vraag het na bij het Sociaal Huis.")
    return "\n".join([
        f"Over '{record.choice_label(repeated)}' staat op de stadspagina alleen een titel, zonder uitleg. "
        f"Ik kan je daar dus niets zeker over zeggen. {who}",
        source_line(record),
    ])


def choice_buttons(records: Sequence[Record], repeated: frozenset[str]) -> list[dict[str, str]]:
    """`repeated`: the titles the page gives more than one heading (KnowledgeBase.repeated_titles)."""
    buttons = [{"title": r.choice_label(repeated), "payload": f'/ask_info{{"record_id": "{r.id}"}}'} for r in records]
    return buttons + [{"title": "Iets anders", "payload": "/deny"}]


def no_match_answer(help_contact: str, outside: Sequence[str] = ()) -> str:
    """`outside`: the subjects the page does not cover that the question names ("EPC en
    energieprestatie"): saying which one shows the question was understood."""
    if outside:
        # The help contact is for housing questions: for an EPC or a notary it is the wrong door.
        return (f"Over '{outside[0]}' staat niets op de stadspagina over wonen, dus daar kan ik je niet mee "
                f"helpen. {CAPABILITIES} Heb je een vraag over wonen, dan kan je terecht bij {help_contact}.")
    return (f"Daarover vind ik niets op de stadspagina over wonen. {CAPABILITIES} "
            f"Voor andere vragen kan je terecht bij {help_contact}.")
