"""Answers from the knowledge base: a record with the sentence that answers first, an
overview of a section, the contact of a service, and the reply when the page says nothing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.context import remember
from actions.replies import (
    LANGUAGE_MARKS,
    OTHER_LANGUAGE_NOT_UNDERSTOOD,
    alternative_button,
    no_match_answer,
    overview_answer,
    record_answer,
    source_line,
    without_contact_lines,
)
from knowledge import texts
from knowledge.base import KnowledgeBase, Service
from knowledge.focus import MAX_ANSWER_CHARS, Focus, focus, overview, record_overview
from knowledge.nl.amounts import count_of
from knowledge.nl.language import MIN_FOREIGN_WORDS, detect_language
from knowledge.questions import Question
from knowledge.records import Record
from knowledge.rules import RuleInputError
from knowledge.rules.costs import RECORD_CODE as CONFORMITY_CODE
from knowledge.rules.costs import describe_conformity_cost
from knowledge.rules.svk import RECORD_CODE as SVK_CODE
from knowledge.rules.svk import describe_entry_premiums
from knowledge.search import Hit, SearchResult

# A second hit this close to the best is offered as "Bedoelde je eerder: ..." under the answer.
ALTERNATIVE_RATIO = 0.85
UNITS = r"kamer|kot|woning|woongelegenhe|studio|appartement|unit|huis|huiz|entiteit"
HOUSES = r"woning|huis|huiz|wooneenhe|appartement"
MAX_PLACES = 5
MAX_ABOUT_CHARS = 750


def not_found(kb_: KnowledgeBase, result: SearchResult, language: str | None) -> str:
    """The reply when the page has no answer: in the asker's language, naming the subject
    the page does not cover when the search recognised one."""
    contact = kb_.general_help_contact()
    if language:
        return OTHER_LANGUAGE_NOT_UNDERSTOOD[language].format(contact=contact)
    return no_match_answer(contact, result.outside)


def computed_lines(kb_: KnowledgeBase, record: Record, message: str) -> list[str]:
    """What the document's rules compute from a number in the question: the attest's price
    for N units, the SVK's entry premiums for N houses."""
    try:
        if record.code == CONFORMITY_CODE and "conformiteitsattest" in record.title.lower():
            units, per_unit = count_of(message, UNITS), kb_.amount_per(record, "woongelegenheid")
            if units is not None and per_unit is not None:
                return [describe_conformity_cost(units, per_unit)]
        if record.code == SVK_CODE and "instappremie" in message.lower():
            houses = count_of(message, HOUSES)
            if houses is not None:
                return [describe_entry_premiums(houses)]
    except RuleInputError as error:
        return [error.message]
    return []


def with_disclaimer(tracker: Tracker, reply: str) -> tuple[str, list[dict[str, Any]]]:
    if tracker.get_slot("disclaimer_shown"):
        return reply, []
    return f"{reply}\n{texts.get('utter_disclaimer')}", [SlotSet("disclaimer_shown", True)]


def foreign_language(message: str, heard_foreign: bool = False) -> str | None:
    """ "fr" or "en" for a message in one of the languages we say we do not speak; None for Dutch.
    When the classifier heard a foreign language, one foreign word is enough to tell which."""
    language = detect_language(message, min_foreign=1 if heard_foreign else MIN_FOREIGN_WORDS)
    return language if language in LANGUAGE_MARKS else None


def record_events(record: Record, service: Service | None) -> list[dict[str, Any]]:
    """The slots that let a follow-up ("en hun nummer?") build on this answer."""
    return [SlotSet("record_id", record.id), SlotSet("service", service.name if service else None)]


def answer_record(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    record: Record,
    question: Question,
    alternative: Record | None = None,
) -> list[dict[str, Any]]:
    kb_ = kb.get()
    service = kb_.service_of(record)
    focused = Focus("")
    if record.has_content:
        shown = without_contact_lines(record.text or record.body, service)
        # "Wat doet team wonen?" asks for the whole record, as far as a phone screen allows.
        limit = MAX_ABOUT_CHARS if question.overview == "about" else MAX_ANSWER_CHARS
        focused = focus(kb_.index, kb_.index.analyse(question.text), question, record, shown, limit)
    reply = record_answer(
        record,
        service,
        kb_.general_help_contact(short=True),
        kb_.repeated_titles,
        focused,
        computed_lines(kb_, record, question.text),
    )
    reply, events = with_disclaimer(tracker, reply)
    buttons = [alternative_button(alternative, kb_.repeated_titles)] if alternative else []
    dispatcher.utter_message(text=reply, buttons=buttons)
    return events + record_events(record, service)


def alternative_to(hits: list[Hit]) -> Record | None:
    """The runner-up when it is nearly as likely as the answer given."""
    if len(hits) < 2 or hits[1].score < ALTERNATIVE_RATIO * hits[0].score:
        return None
    return hits[1].record


def answer_overview(
    dispatcher: CollectingDispatcher, result: SearchResult | None, question: Question, subject: Record | None
) -> list[dict[str, Any]] | None:
    """A short list: for "welke premies zijn er allemaal" from the search's best records, for
    "waar kunnen we terecht" the list inside the subject. None when the page has no list for it."""
    kb_ = kb.get()
    if question.overview and result is not None:
        terms = kb_.index.analyse(question.text)
        found = overview(
            [(h.record, h.score) for h in result.hits],
            kb_.records,
            lambda title: kb_.index.relevance(terms, title) >= 1,
            question.overview,
        )
    else:
        found = record_overview(subject) if subject else None
    if found is None:
        return None
    dispatcher.utter_message(text=overview_answer(found.record, found.lines, kb_.repeated_titles))
    return [SlotSet("record_id", found.record.id)]


def answer_contact(
    dispatcher: CollectingDispatcher, service: Service | None, question: Question, about: Record | None = None
) -> list[dict[str, Any]]:
    """`about`: the record the conversation stays with ("waar zitten zij?" after the Huurdersbond
    keeps the Huurdersbond, not the Sociaal Huis where it holds office)."""
    kb_ = kb.get()
    if service is None or service.contact is None:
        dispatcher.utter_message(text=texts.get("utter_ask_which_service", contact=kb_.general_help_contact()))
        return []
    contact = service.contact
    fields = question.contact_fields or {"phone", "address", "email"}
    if contact.name and contact.name.lower() != service.name.lower():
        lines = [texts.get("utter_contact_elsewhere", name=service.name, contact=contact.name)]
    else:
        lines = [f"{contact.name or service.name}:"]
    # The premiums' own number comes with the desk's address: a desk is one place.
    desk = service.record.primary_contact() or contact
    details = (
        ("phone", "Telefoon", contact.phone or desk.phone),
        ("address", "Adres", contact.address or desk.address),
        ("email", "E-mail", contact.email or desk.email),
    )
    lines += [f"{title}: {value or 'staat niet op de pagina'}" for key, title, value in details if key in fields]
    lines.append(source_line(service.record))
    dispatcher.utter_message(text="\n".join(lines))
    return remember(service) + ([SlotSet("record_id", about.id)] if about else [])


def answer_places_of(
    dispatcher: CollectingDispatcher, record: Record, question: Question
) -> list[dict[str, Any]] | None:
    """ "Adres van de vrouwenopvang": the places a record lists whose name the question says."""
    kb_ = kb.get()
    terms = kb_.index.analyse(question.text)
    named = [p for p in record.places if kb_.index.relevance(terms, p.name) >= 1]
    if not named:
        return None
    lines = [f"{p.name}: {p.address or 'adres niet op de pagina'}" for p in named[:MAX_PLACES]]
    dispatcher.utter_message(text="\n".join([*lines, source_line(record)]))
    return record_events(record, kb_.service_of(record))
