"""Opening hours: open now, open at the day and time asked, and when it opens next.

The page lists the days a desk is open; a weekday it does not list (zaterdag) is read as
closed, and the reply says that the page lists no hours that day. Public holidays and the
city's closing days (knowledge.rules.closing) are closed too; the page lists no closing
days, so every reply says so.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.context import remember
from actions.replies import source_line
from knowledge import texts
from knowledge.base import Service, describe_contact
from knowledge.nl.normalize import fold
from knowledge.nl.times import WEEKDAYS, Moment, parse_time
from knowledge.rules.closing import closed_because
from knowledge.rules.hours import (
    BRUSSELS,
    describe_day,
    describe_week,
    format_clock,
    is_open,
    next_opening,
    open_at,
    open_until,
    slots_during,
)


def now() -> datetime:
    return datetime.now(BRUSSELS)


def next_opening_text(service: Service, after: datetime) -> str:
    opening = next_opening(service.schedule, after)
    if opening is None:
        return ""
    if opening.date() == after.date():
        return f"Weer open om {format_clock(opening.time())} u."
    return f"Weer open: {WEEKDAYS[opening.weekday()]} om {format_clock(opening.time())} u."


# Service names are given without an article ("Sociaal Huis: nu open"): short on a phone,
# and right for every name the overlay may add.
def status_now(service: Service, at: datetime) -> str:
    if is_open(service.schedule, at):
        until = open_until(service.schedule, at)
        return f"{service.name}: nu open" + (f", tot {format_clock(until.time())} u." if until else ".")
    holiday = closed_because(at.date())
    closed = f"vandaag gesloten ({holiday})" if holiday else "nu gesloten"
    return f"{service.name}: {closed}. {next_opening_text(service, at)}".strip()


def _on(weekday: int, at: datetime) -> date:
    """The date of that weekday from today on: the day a person means by "vrijdag"."""
    return at.date() + timedelta(days=(weekday - at.weekday()) % 7)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def days_during(service: Service, moment: Moment) -> str:
    """ "Op welke dag kan ik 's avonds terecht?": the days with hours in that part of the day."""
    assert moment.part is not None
    days = [describe_day(service.schedule, d) for d in range(7) if slots_during(service.schedule, d, moment.part)]
    if not days:
        return f"{service.name} is volgens de pagina op geen enkele dag open in de {moment.part.name}."
    return f"{service.name}, open in de {moment.part.name}: " + "; ".join(days) + "."


def latest_day(service: Service) -> str:
    """ "Welke dag het langst open?": the day(s) with the latest closing time."""
    closing = {d: slots[-1][1] for d, slots in service.schedule.items() if slots}
    latest = max(closing.values())
    days = [describe_day(service.schedule, d) for d in sorted(closing) if closing[d] == latest]
    return f"{service.name} is het langst open op " + "; ".join(days) + "."


def answer_for(service: Service, moment: Moment | None, at: datetime, question: str = "") -> str:
    """One service's hours, shaped by what the question said about when."""
    if any(word in fold(question) for word in ("langst", "laatst open", "latest")):
        return f"{latest_day(service)}\nOpeningsuren:\n{describe_week(service.schedule)}"
    if moment is None:
        return f"{status_now(service, at)}\nOpeningsuren:\n{describe_week(service.schedule)}"
    if moment.weekday is None and moment.time is None and moment.part is not None:
        return days_during(service, moment)
    weekday = at.weekday() if moment.weekday is None else moment.weekday
    day = "vandaag" if moment.weekday is None or _on(weekday, at) == at.date() else WEEKDAYS[weekday]
    that_day = describe_day(service.schedule, weekday)
    holiday = closed_because(_on(weekday, at))
    if holiday or not service.schedule.get(weekday):
        day_after = datetime.combine(_on(weekday, at), datetime.min.time(), tzinfo=BRUSSELS) + timedelta(days=1)
        why = f"({holiday})" if holiday else f"{_capital(that_day)}."
        return f"{service.name}, {day}: gesloten {why} {next_opening_text(service, day_after)}".strip()
    if moment.time is not None:
        is_open_then = open_at(service.schedule, weekday, moment.time)
        when = f"{day} om {format_clock(moment.time)} u"
        asked = datetime.combine(_on(weekday, at), moment.time, tzinfo=BRUSSELS)
    elif moment.part is not None:
        is_open_then = bool(slots_during(service.schedule, weekday, moment.part))
        when = f"{day} in de {moment.part.name}"
        asked = datetime.combine(_on(weekday, at), moment.part.start, tzinfo=BRUSSELS)
    else:
        return f"{service.name}, {that_day}."
    if is_open_then:
        verdict = "open"
        if moment.time is not None:
            until = next(end for start, end in service.schedule[weekday] if start <= moment.time < end)
            verdict = f"open, tot {format_clock(until)} u"
        return f"{service.name}, {when}: {verdict}.\n{_capital(that_day)}."
    reopens = next_opening_text(service, asked)
    return f"{service.name}, {when}: gesloten. {reopens}\n{_capital(that_day)}."


def answer_hours(dispatcher: CollectingDispatcher, service: Service | None, message: str) -> list[dict[str, Any]]:
    """The hours of the service asked about, or of every desk with hours when none is named."""
    kb_ = kb.get()
    at = now()
    if service is not None and not service.has_hours:
        who = describe_contact(service.contact) if service.contact else kb_.general_help_contact()
        lines = [texts.get("utter_hours_not_on_page", name=service.name, contact=who), source_line(service.record)]
        dispatcher.utter_message(text="\n".join(lines))
        return remember(service)
    services = [service] if service else kb_.services_with_hours()
    moment = parse_time(message, today=at.date())
    answers = [f"{answer_for(s, moment, at, message)}\n{source_line(s.record)}" for s in services]
    dispatcher.utter_message(text="\n\n".join([*answers, texts.get("utter_no_closing_days")]))
    return remember(service) if service else []
