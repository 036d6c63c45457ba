"""Handoff to a person: the right service for the conversation, and whether it is open now."""
from __future__ import annotations


from actions import kb
from actions.base import SafeAction
from actions.context import named_service, remember
from actions.hours import now, status_now
from actions.replies import source_line
from knowledge.base import describe_contact


class ActionHandoff(SafeAction):
    def name(self) -> str:
        return "action_handoff"

    def answer(self, dispatcher, tracker, domain):
        kb_ = kb.get()
        service = named_service(kb_, tracker) or kb_.general_help()
        if service.contact is None:
            service = kb_.general_help()
        lines = [f"Ik ben een chatbot. Een medewerker spreek je bij {describe_contact(service.contact)}."]
        hours_of = service if service.has_hours else kb_.service(service.contact.name)
        if hours_of is not None and hours_of.has_hours:
            lines.append(status_now(hours_of, now()))
        else:
            lines.append(f"De pagina geeft geen openingsuren voor {service.contact.name or service.name}.")
        lines.append(source_line(service.record))
        dispatcher.utter_message(text="\n".join(lines))
        return remember(service)
