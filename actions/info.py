"""Answers from the knowledge base: an instrument or service, its contact, and the fallback."""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.base import SafeAction
from actions.context import entity, named_service, remember, text
from actions.replies import (
    CAPABILITIES, DISCLAIMER, OTHER_LANGUAGE, OTHER_LANGUAGE_NOT_UNDERSTOOD, choice_buttons,
    no_match_answer, record_answer, source_line,
)
from knowledge.base import KnowledgeBase, describe_contact
from knowledge.dutch import detect_language, parse_amount
from knowledge.records import Record
from knowledge.rules import RuleInputError
from knowledge.rules.costs import RECORD_CODE as CONFORMITY_CODE, describe_conformity_cost
from knowledge.search import Hit, SearchResult

# Two hits this close are both plausible: let the person choose rather than guess.
AMBIGUOUS_RATIO = 0.9
MAX_CHOICES = 3


def close_hits(hits: list[Hit]) -> list[Hit]:
    if not hits:
        return []
    top = hits[0].score
    return [h for h in hits[:MAX_CHOICES] if h.score >= AMBIGUOUS_RATIO * top]


def not_found(kb_: KnowledgeBase, result: SearchResult, language: str | None) -> str:
    """The reply when the page has no answer: in the asker's language, naming the subject
    the page does not cover when the search recognised one."""
    contact = kb_.general_help_contact()
    if language:
        return OTHER_LANGUAGE_NOT_UNDERSTOOD[language].format(contact=contact)
    return no_match_answer(contact, result.outside)


# "3 kamers", "voor 12 woningen": a count of units when the NLU missed the entity.
UNITS = re.compile(r"\b(\d{1,3})\s*(?:kamer|kot|woning|woongelegenhe|studio|appartement|unit|huis)", re.I)


def units_in(message: str) -> str:
    match = UNITS.search(message)
    return match.group(1) if match else ""


def conformity_cost_line(kb_: KnowledgeBase, record: Record, tracker: Tracker) -> list[str]:
    """The attest's price for the number of units asked about, when a number was given."""
    if record.code != CONFORMITY_CODE or "conformiteitsattest" not in record.title.lower():
        return []
    units = parse_amount(entity(tracker, "aantal") or units_in(text(tracker)))
    per_unit = kb_.amount_per(record, "woongelegenheid")
    if units is None or per_unit is None:
        return []
    try:
        return [describe_conformity_cost(int(units), per_unit)] if units == int(units) else []
    except RuleInputError as error:
        return [error.message]


def with_disclaimer(tracker: Tracker, reply: str) -> tuple[str, list[dict[str, Any]]]:
    if tracker.get_slot("disclaimer_shown"):
        return reply, []
    return f"{reply}\n{DISCLAIMER}", [SlotSet("disclaimer_shown", True)]


def foreign_language(message: str) -> str | None:
    """"fr" or "en" for a message in one of the languages we say we do not speak; None for Dutch."""
    language = detect_language(message)
    return language if language in OTHER_LANGUAGE else None


def answer_record(dispatcher: CollectingDispatcher, tracker: Tracker, record: Record,
                  language: str | None = None) -> list[dict[str, Any]]:
    kb_ = kb.get()
    service = kb_.service_of(record)
    reply = record_answer(record, service, kb_.general_help_contact(), kb_.repeated_titles,
                          conformity_cost_line(kb_, record, tracker))
    if language := language or foreign_language(text(tracker)):
        reply = f"{OTHER_LANGUAGE[language]}\n{reply}"
    reply, events = with_disclaimer(tracker, reply)
    dispatcher.utter_message(text=reply)
    return events + [SlotSet("record_id", record.id), SlotSet("service", service.name if service else None)]


class ActionAnswerInfo(SafeAction):
    def name(self) -> str:
        return "action_answer_info"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        chosen = kb_.get(entity(tracker, "record_id") or "")
        if chosen:
            return answer_record(dispatcher, tracker, chosen)
        result = kb_.search(text(tracker))
        if result.no_good_match:
            dispatcher.utter_message(text=not_found(kb_, result, foreign_language(text(tracker))))
            return []
        close = close_hits(result.hits)
        if len(close) > 1:
            dispatcher.utter_message(text="Ik vond meer dan één onderwerp. Bedoel je:",
                                     buttons=choice_buttons([h.record for h in close], kb_.repeated_titles))
            return []
        return answer_record(dispatcher, tracker, result.hits[0].record)


def asked_fields(message: str) -> set[str]:
    """Which contact details the person asks for; all of them when it is not clear."""
    lowered = message.lower()
    wanted = set()
    if any(w in lowered for w in ("nummer", "bel", "telefoon", "tel ", "gsm", "tel.")):
        wanted.add("phone")
    if any(w in lowered for w in ("adres", "waar ", "straat", "zitten ze", "langsgaan", "ligt")):
        wanted.add("address")
    if "mail" in lowered:
        wanted.add("email")
    return wanted or {"phone", "address", "email"}


class ActionAnswerContact(SafeAction):
    def name(self) -> str:
        return "action_answer_contact"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        service = named_service(kb_, tracker)
        if service is None:
            result = kb_.search(text(tracker))
            if result.off_page:
                # "wie bel ik voor de elektrische keuring": no service of the page does that.
                dispatcher.utter_message(text=not_found(kb_, result, foreign_language(text(tracker))))
                return []
            record = None if result.no_good_match else result.hits[0].record
            service = kb_.service_of(record) if record else None
        if service is None or service.contact is None:
            dispatcher.utter_message(text=(
                "Van welke dienst zoek je de gegevens? Bv. het Sociaal Huis of de Balie Bouwen, Milieu en Wonen. "
                f"Weet je het niet, dan helpt {kb_.general_help_contact()} je verder."))
            return []
        contact = service.contact
        fields = asked_fields(text(tracker))
        if contact.name and contact.name.lower() != service.name.lower():
            lines = [f"Voor {service.name} geeft de pagina geen eigen contactgegevens. "
                     f"Je kan terecht bij {contact.name}:"]
        else:
            lines = [f"{contact.name or service.name}:"]
        details = (("phone", "Telefoon", contact.phone), ("address", "Adres", contact.address),
                   ("email", "E-mail", contact.email))
        lines += [f"{title}: {value or 'staat niet op de pagina'}" for key, title, value in details if key in fields]
        lines.append(source_line(service.record))
        dispatcher.utter_message(text="\n".join(lines))
        return remember(service)


class ActionOtherLanguage(SafeAction):
    """A message in French or English: say so in that language, and answer when we can."""

    def name(self) -> str:
        return "action_other_language"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        # The classifier heard a foreign language even when the stopwords are too few to tell which.
        language = foreign_language(text(tracker)) or "en"
        result = kb_.search(text(tracker))
        if result.no_good_match:
            dispatcher.utter_message(text=not_found(kb_, result, language))
            return []
        return answer_record(dispatcher, tracker, result.hits[0].record, language)


class ActionFallback(SafeAction):
    """Two stages: first offer the likeliest topics, after a second miss give a person to call."""

    resets_fallback = False

    def name(self) -> str:
        return "action_fallback"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        message = text(tracker)
        language = foreign_language(message)
        result = kb_.search(message, limit=MAX_CHOICES)
        # Topics to choose from would be a guess when the page does not cover what was asked.
        if language or result.off_page:
            dispatcher.utter_message(text=not_found(kb_, result, language))
            return [SlotSet("fallback_count", 0)]
        misses = int(tracker.get_slot("fallback_count") or 0)
        hits = result.hits
        if misses == 0 and hits:
            dispatcher.utter_message(text="Ik begrijp je vraag niet helemaal. Bedoel je:",
                                     buttons=choice_buttons([h.record for h in hits], kb_.repeated_titles))
            return [SlotSet("fallback_count", 1)]
        if misses == 0:
            dispatcher.utter_message(text="Ik begrijp je vraag niet helemaal. Kan je het anders zeggen, "
                                          "bv. met een woord als 'premie', 'huur' of 'opvang'?")
            return [SlotSet("fallback_count", 1)]
        balie = kb_.service("Balie Bouwen, Milieu en Wonen")
        balie_line = (f" Voor premies, bouwen en woningkwaliteit: {describe_contact(balie.contact)}."
                      if balie else "")
        dispatcher.utter_message(text=(
            f"Sorry, ik begrijp het nog altijd niet. {CAPABILITIES}\n"
            f"Liever iemand spreken? Met alle sociale vragen kan je naar {kb_.general_help_contact()}."
            f"{balie_line}"))
        return [SlotSet("fallback_count", 0)]
