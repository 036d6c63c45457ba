"""Opening hours: open now, open at the day and time asked, and when it opens next."""
from __future__ import annotations

from datetime import datetime


from actions import kb
from actions.base import SafeAction
from actions.context import named_service, remember, text
from actions.replies import source_line
from knowledge.base import Service, describe_contact
from knowledge.dutch import Moment, parse_time
from knowledge.rules.hours import (
    BRUSSELS, describe_day, describe_week, format_clock, is_open, next_opening, open_at, open_until,
    slots_during,
)
from knowledge.records import WEEKDAYS


def now() -> datetime:
    return datetime.now(BRUSSELS)


def next_opening_text(service: Service, at: datetime) -> str:
    opening = next_opening(service.schedule, at)
    if opening is None:
        return ""
    day = "vandaag" if opening.date() == at.date() else WEEKDAYS[opening.weekday()]
    return f"Weer open: {day} om {format_clock(opening.time())} u."


# Service names are given without an article ("Sociaal Huis: nu open"): short on a phone,
# and right for every name the overlay may add.
def status_now(service: Service, at: datetime) -> str:
    if is_open(service.schedule, at):
        until = open_until(service.schedule, at)
        return f"{service.name}: nu open" + (f", tot {format_clock(until.time())} u." if until else ".")
    return f"{service.name}: nu gesloten. {next_opening_text(service, at)}".strip()


def answer_for(service: Service, moment: Moment | None, at: datetime) -> str:
    """One service's hours, shaped by what the question said about when."""
    if moment is None:
        return f"{status_now(service, at)}\nOpeningsuren:\n{describe_week(service.schedule)}"
    weekday = at.weekday() if moment.weekday is None else moment.weekday
    day = "vandaag" if moment.weekday is None else WEEKDAYS[weekday]
    that_day = describe_day(service.schedule, weekday)
    # A day the page does not list is not a day we know to be closed: say only what it says.
    if not service.schedule.get(weekday):
        return that_day[0].upper() + that_day[1:] + "."
    if moment.time is not None:
        is_open_then = open_at(service.schedule, weekday, moment.time)
        when = f"{day} om {format_clock(moment.time)} u"
    elif moment.part is not None:
        is_open_then = bool(slots_during(service.schedule, weekday, moment.part))
        when = f"{day} in de {moment.part.name}"
    else:
        return f"{service.name}, {that_day}."
    verdict = "open" if is_open_then else "gesloten"
    return f"{service.name}, {when}: {verdict}.\n{that_day[0].upper()}{that_day[1:]}."


class ActionOpeningHours(SafeAction):
    def name(self) -> str:
        return "action_opening_hours"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        at = now()
        service = named_service(kb_, tracker)
        if service is not None and not service.has_hours:
            who = describe_contact(service.contact) if service.contact else kb_.general_help_contact()
            dispatcher.utter_message(text=(
                f"Voor {service.name} staan er geen openingsuren op de stadspagina. "
                f"Vraag ze na: {who}.\n{source_line(service.record)}"))
            return remember(service)
        services = [service] if service else kb_.services_with_hours()
        moment = parse_time(text(tracker), today=at.date())
        answers = [f"{answer_for(s, moment, at)}\n{source_line(s.record)}" for s in services]
        dispatcher.utter_message(text="\n\n".join(answers))
        return remember(service) if service else []
