"""Dutch replies built from records. Pure functions: no Rasa, so they test fast.

Every reply that states a fact names its source section; a record without
content says so and names who would know, instead of guessing.
"""
from __future__ import annotations

from collections.abc import Sequence

from knowledge.base import Service, describe_contact
from knowledge.focus import Focus, sentences
from knowledge.records import Record
DISCLAIMER = "Uit de stadspagina over wonen; die kan intussen veranderd zijn."
OTHER_LANGUAGE = {
    "fr": "Je réponds seulement en néerlandais. Voici ce que j'ai trouvé :",
    "en": "I only answer in Dutch. Here is what I found:",
}
# A reply holding this word already speaks to the asker in their language.
LANGUAGE_MARKS = {"fr": "néerlandais", "en": "Dutch"}
OTHER_LANGUAGE_NOT_UNDERSTOOD = {
    "fr": "Désolé, je ne réponds qu'en néerlandais. Pour de l'aide : {contact}.",
    "en": "Sorry, I only answer in Dutch. For help: {contact}.",
}
CAPABILITIES = ("Ik weet iets over premies (dak, regenput, groendak), huren en het SVK, "
                "woonkwaliteit en attesten, opvang en crisis, dienstencentra en de openingsuren "
                "van het Sociaal Huis en de Balie Bouwen, Milieu en Wonen.")


# The kind of fact asked that the record does not give: said, never guessed.
MISSING = {"amount": "Een bedrag of prijs hiervoor staat niet op de stadspagina."}


def source_line(record: Record) -> str:
    return f"Bron: {record.section_label()}"


def contact_line(service: Service | None) -> str:
    """Under an answer: who, where and the phone; the e-mail comes when someone asks for it."""
    if service is None or service.contact is None:
        return ""
    return f"Contact: {describe_contact(service.contact, with_email=False)}"


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
                  focused: Focus, extra: Sequence[str] = ()) -> str:
    """The fact asked first (a yes or no where one was asked), the record's other key
    facts, who to contact, and where it comes from. `repeated`: the titles the page gives
    more than one heading (KnowledgeBase.repeated_titles). `focused`: the record's text
    with the answering sentence first (knowledge.focus)."""
    if not record.has_content:
        return empty_record_answer(record, service, repeated)
    verdict = f"{focused.verdict}. " if focused.verdict else ""
    contact = contact_line(service) or f"Geen contact op de pagina; vraag het {help_contact}."
    if focused.missing and not extra:
        # The asked fact is not there: say so, point to what is, and quote no source for it.
        nearest = sentences(focused.text)[0]
        return "\n".join([f"{MISSING[focused.missing]} Wel over {record.title} ({record.section_label()}): "
                          f"{nearest}", contact])
    parts = [f"{verdict}{record.title}: {focused.text}", *extra, contact, *conflict_notes(record),
             source_line(record)]
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


def alternative_button(record: Record, repeated: frozenset[str]) -> dict[str, str]:
    """Under an answer, the other record that fitted nearly as well."""
    return {"title": f"Bedoelde je eerder: {record.choice_label(repeated)}",
            "payload": f'/ask_info{{"record_id": "{record.id}"}}'}


def overview_answer(record: Record, lines: Sequence[str], repeated: frozenset[str]) -> str:
    """A section or list as short lines, for "welke premies zijn er allemaal"."""
    items = "\n".join(f"• {line}" for line in lines)
    return (f"{record.choice_label(repeated)}: dit staat erover op de stadspagina.\n{items}\n"
            f"Vraag gerust meer over één ervan.\n{source_line(record)}")
