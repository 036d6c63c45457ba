"""Dutch replies built from records. Pure functions: no Rasa, so they test fast. Their fixed
words are responses in domain.yml (knowledge.texts); here they are put together.

Every reply that states a fact names its source section; a record without
content says so and names who would know, instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge import texts
from knowledge.base import Service, describe_contact
from knowledge.focus import Focus, sentences
from knowledge.records import Record

# A reply holding this word already speaks to the asker in their language (utter_other_language_*).
LANGUAGE_MARKS = {"fr": "néerlandais", "en": "Dutch"}
# The no-answer replies, also read by bot.report to count the questions left unanswered.
OTHER_LANGUAGE_NOT_UNDERSTOOD = {
    language: texts.template(f"utter_other_language_no_answer_{language}") for language in LANGUAGE_MARKS
}
CAPABILITIES = texts.get("utter_capabilities")
# The kind of fact asked that the record does not give: said, never guessed.
MISSING = {"amount": texts.get("utter_missing_amount")}


def source_line(record: Record) -> str:
    return texts.get("utter_source", section=record.section_label())


def contact_line(service: Service | None) -> str:
    """Under an answer: who, where and the phone; the e-mail comes when someone asks for it."""
    if service is None or service.contact is None:
        return ""
    return texts.get("utter_contact_line", contact=describe_contact(service.contact, with_email=False))


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
            notes.append(texts.get("utter_conflict_note", others=" en ".join(others), preferred=conflict.preferred))
    return notes


def record_answer(
    record: Record,
    service: Service | None,
    help_contact: str,
    repeated: frozenset[str],
    focused: Focus,
    extra: Sequence[str] = (),
) -> str:
    """The fact asked first (a yes or no where one was asked), the record's other key
    facts, who to contact, and where it comes from. `repeated`: the titles the page gives
    more than one heading (KnowledgeBase.repeated_titles). `focused`: the record's text
    with the answering sentence first (knowledge.focus)."""
    if not record.has_content:
        return empty_record_answer(record, service, repeated)
    verdict = f"{focused.verdict}. " if focused.verdict else ""
    contact = contact_line(service) or texts.get("utter_no_contact_line", contact=help_contact)
    if focused.missing and not extra:
        # The asked fact is not there: say so, point to what is, and quote no source for it.
        nearest = sentences(focused.text)[0]
        return "\n".join(
            [f"{MISSING[focused.missing]} Wel over {record.title} ({record.section_label()}): {nearest}", contact]
        )
    parts = [f"{verdict}{record.title}: {focused.text}", *extra, contact, *conflict_notes(record), source_line(record)]
    return "\n".join(p for p in parts if p)


def empty_record_answer(record: Record, service: Service | None, repeated: frozenset[str]) -> str:
    who = (
        texts.get("utter_ask_service", contact=describe_contact(service.contact))
        if service and service.contact
        else texts.get("utter_ask_sociaal_huis")
    )
    return "\n".join(
        [texts.get("utter_empty_record", label=record.choice_label(repeated), who=who), source_line(record)]
    )


def choice_buttons(records: Sequence[Record], repeated: frozenset[str]) -> list[dict[str, str]]:
    """`repeated`: the titles the page gives more than one heading (KnowledgeBase.repeated_titles)."""
    buttons = [{"title": r.choice_label(repeated), "payload": f'/ask_info{{"record_id": "{r.id}"}}'} for r in records]
    return [*buttons, {"title": "Iets anders", "payload": "/deny"}]


def no_match_answer(help_contact: str, outside: Sequence[str] = ()) -> str:
    """`outside`: the subjects the page does not cover that the question names ("EPC en
    energieprestatie"): saying which one shows the question was understood."""
    if outside:
        # The help contact is for housing questions: for an EPC or a notary it is the wrong door.
        return texts.get("utter_no_match_subject", subject=outside[0], capabilities=CAPABILITIES, contact=help_contact)
    return texts.get("utter_no_match", capabilities=CAPABILITIES, contact=help_contact)


def alternative_button(record: Record, repeated: frozenset[str]) -> dict[str, str]:
    """Under an answer, the other record that fitted nearly as well."""
    return {
        "title": f"Bedoelde je eerder: {record.choice_label(repeated)}",
        "payload": f'/ask_info{{"record_id": "{record.id}"}}',
    }


def overview_answer(record: Record, lines: Sequence[str], repeated: frozenset[str]) -> str:
    """A section or list as short lines, for "welke premies zijn er allemaal"."""
    return texts.get(
        "utter_overview",
        label=record.choice_label(repeated),
        items="\n".join(f"• {line}" for line in lines),
        source=source_line(record),
    )
