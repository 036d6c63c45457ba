"""Rasa's REST channel (`POST /webhooks/rest/webhook`, used by the web chat's
relay and by scripts) with the guard every public channel has."""

from __future__ import annotations

from typing import Any

from rasa.core.channels import rest
from sanic import Blueprint

from bot.channels.guard import OnNewMessage, guarded
from bot.contact import sociaal_huis


class RestInput(rest.RestInput):
    def __init__(self, contact: str) -> None:
        self.contact = contact

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> RestInput:
        return cls(sociaal_huis())

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return super().blueprint(guarded(on_new_message, self.contact))
