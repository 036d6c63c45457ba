"""One answer for every question: the search says what it is about, the words of the
question say what is asked about it, and the intent classifier only breaks ties.

A question is a dialogue act; whether it wants the opening hours, a phone number, a list
or one fact of a record is read from the message itself (knowledge.questions), so that
a misread intent cannot send "wanneer werd het toewijzingsreglement goedgekeurd" to the
opening hours.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.base import SafeAction
from actions.context import current_record, entity, intent, text
from actions.handoff import answer_handoff
from actions.hours import answer_hours
from actions.info import (
    alternative_to,
    answer_contact,
    answer_overview,
    answer_places_of,
    answer_record,
    foreign_language,
    not_found,
)
from actions.places import answer_places, asks_places
from actions.referral import answer_referral
from actions.replies import CAPABILITIES, LANGUAGE_MARKS, choice_buttons, source_line
from knowledge import texts
from knowledge.base import KnowledgeBase, Service, describe_contact
from knowledge.focus import holds_kind
from knowledge.nl.times import parse_time
from knowledge.questions import Question, read_question
from knowledge.records import Record
from knowledge.referral import refer
from knowledge.rules.svk import RECORD_CODE as SVK_CODE
from knowledge.rules.svk import names_svk, read_inputs, svk_support
from knowledge.search import SearchResult

MAX_CHOICES = 3
# A search this sure names the subject by itself: enough to pick the desk for an opening-hours
# question, and to keep a long story that names one record with that record, not the referral.
OWN_SUBJECT_CONFIDENCE = 6.0
# Against a classifier that heard an off-topic question, the search must be this sure (on the
# search's dev sets 2% of off-topic questions reach it, 8% of on-topic ones do not).
OFF_TOPIC_OVERRIDE = 4.0
# French or English words are unknown to the Dutch index: its best record counts from here.
FOREIGN_CONFIDENCE = 2.0
# A record nearly as likely as the best one, that holds the kind of fact asked, answers instead.
KIND_RERANK = 0.8
# Turns the classifier may hear in a question ("is die woonclub iets van de stad alleen?" as
# "are you a bot", "welk bedrag stort het OCMW aan de Huurdersbond?" as a yes): answered as
# small talk only when the search does not know the subject.
SMALL_TALK = frozenset({"out_of_scope", "greet", "goodbye", "thank", "bot_challenge", "insult", "affirm", "deny"})
# Turns that build on nothing unless they also ask something ("merci, en hun nummer?").
SOCIAL = SMALL_TALK - {"out_of_scope"} | {"request_human"}
# Who describes a client's situation: their question goes to the referral helper.
SOCIAL_WORKER = re.compile(
    r"\b(?:cli[eë]nt\w*|hulpverlener\w*|maatschappelijk\s+werk\w*|begeleid\w*|"
    r"doorverwijz\w*|dossier|buiten de kantooruren|collega)\b",
    re.I,
)
# A message this long that tells of someone in a situation is a story, not a question about one record.
STORY_WORDS = 15
FOUND_AT = re.compile(r"www\.|te verkrijgen bij|terug te vinden|kan u raadplegen|raadplegen op", re.I)
WHICH = re.compile(r"\bwelke?\b|\bwat (?:is|zijn|houdt|betekent)\b", re.I)
# Question words that ask one fact of a record, not what to do in a situation.
FACT_QUESTIONS = frozenset({"count", "amount", "frequency", "duration", "date", "name"})


def named_service(kb_: KnowledgeBase, tracker: Tracker, message: str) -> Service | None:
    """The service the message names: as the classifier heard it, or in its own words."""
    if (name := entity(tracker, "organisation")) and (service := kb_.service(name)):
        return service
    return kb_.service_named_in(message)


def context_service(kb_: KnowledgeBase, tracker: Tracker, context: Record | None) -> Service | None:
    """The service the conversation is about: the one it named, else the one of its record."""
    if (name := tracker.get_slot("service")) and (service := kb_.service(name)) and service.record == context:
        return service
    return kb_.service_of(context) if context else None


def follows_up(question: Question, result: SearchResult, context: Record | None, social: bool = False) -> bool:
    """Whether the message builds on the previous answer rather than naming a subject of its own
    ("kan mijn broer daar terecht?" stays with the crisisopvang; "en de woonclub?" does not).
    `social`: the classifier heard a greeting, thanks or goodbye, which builds on nothing unless
    it also asks something ("merci, en hun nummer?")."""
    if context is None or not question.follow_up:
        return False
    if social and not (question.asks or question.hours or question.contact or question.overview):
        return False
    # "sdfgh" right after an answer is not "tell me that again".
    if result.unreadable:
        return False
    if result.no_good_match or result.hits[0].record == context:
        return True
    terms = kb.get().index.analyse(question.text)
    return kb.get().index.relevance(terms, result.hits[0].record.title) < 1


def wants_hours(question: Question, tracker: Tracker, service: Service | None) -> bool:
    if question.asks in FACT_QUESTIONS - {"date"} | {"who"}:
        return False
    if question.hours:
        return True
    # "balie maandagavond 18u?": no word for hours, but a desk with hours and a moment.
    return (
        intent(tracker) == "ask_opening_hours"
        and service is not None
        and service.has_hours
        and parse_time(question.text) is not None
    )


def tells_a_story(question: Question) -> bool:
    """A long message that asks where to go or whether someone can, not which thing or what it is."""
    return (
        len(question.text.split()) >= STORY_WORDS
        and question.asks in (None, "yesno", "where")
        and not question.overview
        and not WHICH.search(question.text)
    )


def svk_record() -> Record:
    return next(r for r in kb.get().records if r.code == SVK_CODE and r.has_content)


def svk_numbers_reply(message: str) -> str | None:
    """An answer computed at once when a question about the SVK gives both the KI and the rent."""
    inputs = read_inputs(message)
    if "ki" not in inputs or "huur" not in inputs or not names_svk(message):
        return None
    record = svk_record()
    return f"{svk_support(Decimal(inputs['ki']), Decimal(inputs['huur'])).reply()}\n{source_line(record)}"


def route(dispatcher: CollectingDispatcher, tracker: Tracker, fallback: bool = False) -> list[dict[str, Any]]:
    """Answer the latest message; in French or English with a line in that language first.
    That line goes into the first message's text: a reply that may get it is sent as text
    (knowledge.texts), not as a response for Rasa to render."""
    message = text(tracker)
    language = foreign_language(message, heard_foreign=intent(tracker) == "other_language")
    collected = CollectingDispatcher()
    events = _answer(collected, tracker, read_question(message), language, fallback)
    for i, sent in enumerate(collected.messages):
        said = sent.get("text") or ""
        if i == 0 and language and LANGUAGE_MARKS[language] not in said:
            sent = {**sent, "text": f"{texts.get(f'utter_other_language_{language}')}\n{said}".strip()}
        dispatcher.messages.append(sent)
    return events


def _answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, question: Question, language: str | None, fallback: bool
) -> list[dict[str, Any]]:
    kb_ = kb.get()
    message = question.text
    chosen = kb_.get(entity(tracker, "record_id") or "")
    if chosen:
        return answer_record(dispatcher, tracker, chosen, question)
    if question.person:
        return answer_handoff(dispatcher, tracker)
    if asks_places(tracker, message) or (intent(tracker) == "ask_dienstencentrum" and not question.hours):
        return answer_places(dispatcher, tracker, message)
    result = kb_.search(message)
    context = current_record(kb_, tracker)
    builds_on = follows_up(question, result, context, social=intent(tracker) in SOCIAL)
    if intent(tracker) == "request_human" and not builds_on and result.confidence < OFF_TOPIC_OVERRIDE:
        # A wish for a person. The classifier hears one in questions too ("team wonen, moet ik
        # gestuurd worden door iemand?"); those are answered when the search knows the subject.
        return answer_handoff(dispatcher, tracker)
    named = named_service(kb_, tracker, message)
    subject = context if builds_on else None if result.no_good_match else result.hits[0].record
    if subject is None and language and result.hits and not result.off_page and result.confidence >= FOREIGN_CONFIDENCE:
        # French or English words are unknown to a Dutch index and lower its confidence; the
        # reply says in that language that this is what was found.
        subject = result.hits[0].record
    if subject is None and named is not None:
        # "wat doet sociaal huis? explain simple please": the words around it are unknown, the name is not.
        subject = named.record
    service = (
        named
        or (context_service(kb_, tracker, context) if builds_on else None)
        or (kb_.service_of(subject) if subject else None)
    )
    if wants_hours(question, tracker, service):
        # "wanneer zijn jullie open": no desk named, so every desk with hours; "hoe laat
        # vertrekt de trein": words the page does not know, so no desk at all.
        desk = (
            named
            or (context_service(kb_, tracker, context) if builds_on else None)
            or (service if result.confidence >= OWN_SUBJECT_CONFIDENCE else None)
        )
        if desk is not None or not result.unknown:
            return answer_hours(dispatcher, desk, message)
    referral = None if question.asks in FACT_QUESTIONS or builds_on else refer(message, kb_.records)
    # The referral, when the message tells of a situation the rules know.
    situation = referral if referral is not None and not referral.unmatched and referral.recommended else None
    # Someone in a situation, told as a case or a story: the services for it, ranked.
    small_talk = intent(tracker) in SMALL_TALK
    story = (
        situation is not None
        and question.someone
        and not question.overview
        and (
            intent(tracker) == "refer_client"
            or SOCIAL_WORKER.search(message)
            or (
                not small_talk
                and (
                    subject is None
                    or (
                        tells_a_story(question)
                        and (
                            result.confidence < OWN_SUBJECT_CONFIDENCE
                            or subject in {o.record for o in situation.recommended}
                        )
                    )
                )
            )
        )
    )
    if (
        question.contact
        and not story
        and subject is not None
        and question.asks == "where"
        and FOUND_AT.search(subject.text or subject.body)
    ):
        # "Waar vind ik de politieverordening?": the record says where (a website, a desk).
        return answer_record(dispatcher, tracker, subject, question)
    if question.contact and not story:
        if service is None and situation is not None:
            return answer_referral(dispatcher, situation, subject)
        if result.off_page and service is None:
            dispatcher.utter_message(text=not_found(kb_, result, None))
            return []
        if subject is not None and subject.places and (events := answer_places_of(dispatcher, subject, question)):
            return events
        if named and subject and subject.contacts and named.record != subject and not builds_on:
            # "bij wie kan ik terecht voor het project van het OCMW": the project's own contact.
            service = kb_.service_of(subject)
        return answer_contact(dispatcher, service, question, subject)
    if story and situation is not None:
        return answer_referral(dispatcher, situation, subject)
    if small_talk and not builds_on and named is None and result.confidence < OFF_TOPIC_OVERRIDE:
        # The classifier heard small talk or an off-topic question, and the search is not sure otherwise.
        if intent(tracker) == "out_of_scope":
            dispatcher.utter_message(text=not_found(kb_, result, language))
        else:
            dispatcher.utter_message(response=f"utter_{intent(tracker)}")
        return []
    if (question.overview and not builds_on) or (question.asks == "where" and subject is not None):
        hits = kb_.search(message, limit=8) if not builds_on else None
        if (events := answer_overview(dispatcher, hits, question, subject)) is not None:
            return events
    if (computed := svk_numbers_reply(message)) is not None:
        dispatcher.utter_message(text=computed)
        return []
    if subject is None:
        # Keys hit at random ("fjdkslq mpoiuy") are not understood, whatever intent the
        # classifier guessed for them.
        if (fallback or result.unreadable) and not result.off_page and language is None:
            return not_understood(dispatcher, tracker, kb_, result)
        dispatcher.utter_message(text=not_found(kb_, result, language))
        return [SlotSet("fallback_count", 0)] if fallback else []
    if not builds_on and not holds_kind(subject, question.asks):
        # "Combien coûte une attestation …": of two records that fit nearly as well, the one
        # that holds a price answers a question about a price.
        subject = next(
            (
                h.record
                for h in result.hits[1:MAX_CHOICES]
                if h.score >= KIND_RERANK * result.hits[0].score and holds_kind(h.record, question.asks)
            ),
            subject,
        )
    alternative = None if builds_on else alternative_to(result.hits)
    return answer_record(dispatcher, tracker, subject, question, alternative)


def not_understood(
    dispatcher: CollectingDispatcher, tracker: Tracker, kb_: KnowledgeBase, result: SearchResult
) -> list[dict[str, Any]]:
    """Two stages: first the likeliest topics, after a second miss a person to call."""
    misses = int(tracker.get_slot("fallback_count") or 0)
    hits = result.hits[:MAX_CHOICES]
    if misses == 0 and hits:
        dispatcher.utter_message(
            response="utter_ask_rephrase_choices", buttons=choice_buttons([h.record for h in hits], kb_.repeated_titles)
        )
        return [SlotSet("fallback_count", 1)]
    if misses == 0:
        dispatcher.utter_message(response="utter_ask_rephrase")
        return [SlotSet("fallback_count", 1)]
    lines = [texts.get("utter_still_not_understood", capabilities=CAPABILITIES, contact=kb_.general_help_contact())]
    balie = kb_.service("Balie Bouwen, Milieu en Wonen")
    if balie and balie.contact:
        lines.append(texts.get("utter_building_desk", contact=describe_contact(balie.contact)))
    dispatcher.utter_message(text=" ".join(lines))
    return [SlotSet("fallback_count", 0)]


class ActionAnswer(SafeAction):
    """Every question: an instrument, its contact, opening hours, a dienstencentrum, a
    client's situation, an overview, in Dutch, French or English."""

    def name(self) -> str:
        return "action_answer"

    def answer(self, dispatcher, tracker, domain):
        return route(dispatcher, tracker)


class ActionFallback(SafeAction):
    """The classifier was unsure; the search may still know the subject. When neither does,
    first offer the likeliest topics, after a second miss give a person to call."""

    def name(self) -> str:
        return "action_fallback"

    def answer(self, dispatcher, tracker, domain):
        return route(dispatcher, tracker, fallback=True)
