"""The lokaal dienstencentrum of a deelgemeente, and the regional services for home adaptation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.context import entity
from actions.replies import source_line
from knowledge import texts
from knowledge.nl.normalize import fold
from knowledge.records import Place, Record

# The deelgemeenten of Kortrijk: the buttons when the person names none.
DEELGEMEENTEN = ("Kortrijk", "Heule", "Bissegem", "Marke", "Rollegem", "Aalbeke", "Bellegem", "Kooigem")
LOCAL = "lokaal dienstencentrum"
REGIONAL = "regionaal dienstencentrum"
ADAPTATION_WORDS = ("aanpass", "woningaanpassing", "trap", "hulpmiddel", "rolstoel", "lift", "badkamer")


def place_line(place: Place) -> str:
    return f"• {place.name}, {place.address}" if place.address else f"• {place.name}"


def places_record() -> Record:
    return next(r for r in kb.get().records if any(p.kind == LOCAL for p in r.places))


def deelgemeente_in(message: str) -> str | None:
    words = fold(message)
    return next((d for d in DEELGEMEENTEN if fold(d) in words), None)


def asks_places(tracker: Tracker, message: str) -> bool:
    """ "dienstencentrum in Heule", or a deelgemeente after an answer about the centra ("en in Marke?")."""
    if "dienstencentr" in fold(message):
        return True
    where = entity(tracker, "deelgemeente") or deelgemeente_in(message)
    return where is not None and tracker.get_slot("record_id") == places_record().id


def answer_places(dispatcher: CollectingDispatcher, tracker: Tracker, message: str) -> list[dict[str, Any]]:
    record = places_record()
    where = entity(tracker, "deelgemeente") or deelgemeente_in(message)
    plain = fold(message)
    regional = [p for p in record.places if p.kind == REGIONAL]
    if where is None and ("regiona" in plain or "dienstencentra" in plain or "welke" in plain):
        # "welke (regionale) dienstencentra zijn er": the list, not a question back.
        local = [p for p in record.places if p.kind == LOCAL]
        lines = (
            [texts.get("utter_regional_centres"), *map(place_line, regional)]
            if "regiona" in plain
            else [texts.get("utter_local_centres"), *map(place_line, local)]
        )
        dispatcher.utter_message(text="\n".join([*lines, source_line(record)]))
        return [SlotSet("record_id", record.id)]
    if where is None:
        dispatcher.utter_message(
            text=texts.get("utter_ask_deelgemeente"),
            buttons=[{"title": d, "payload": f'/ask_dienstencentrum{{"deelgemeente": "{d}"}}'} for d in DEELGEMEENTEN],
        )
        return []
    local = [p for p in record.places if p.kind == LOCAL]
    here = [p for p in local if fold(p.municipality) == fold(where)]
    if here:
        lines = [texts.get("utter_local_centre_in", place=where), *map(place_line, here)]
    else:
        lines = [texts.get("utter_no_local_centre_in", place=where), *map(place_line, local)]
    if any(w in plain for w in ADAPTATION_WORDS):
        lines += [texts.get("utter_adaptation_centres"), *map(place_line, regional)]
    lines.append(source_line(record))
    dispatcher.utter_message(text="\n".join(lines))
    return [SlotSet("record_id", record.id)]
