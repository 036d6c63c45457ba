"""Facebook Messenger: residents write to the city's Facebook page and Woonwijzer answers.

Messenger signs every webhook POST with the app secret (X-Hub-Signature-256) and
retries an event whose webhook is slow to answer, so the webhook checks the
signature, answers 200 at once and handles the events afterwards: each
resident's events one after the other, in the order Messenger sent them.
All settings come from the environment; none is read from the credentials file.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import NOT_TEXT, recent_ids, split_message
from bot.channels.guard import OnNewMessage, guarded
from bot.contact import sociaal_huis
from knowledge import texts

logger = logging.getLogger(__name__)

GRAPH_API_URL = "https://graph.facebook.com/v21.0"
REQUIRED = ("FACEBOOK_VERIFY_TOKEN", "FACEBOOK_APP_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN")

# The Send API's limits (Messenger Platform docs, "Send API" and "Quick Replies").
TEXT_LIMIT = 2000
QUICK_REPLIES_MAX = 13
QUICK_REPLY_TITLE_LIMIT = 20
QUICK_REPLY_PAYLOAD_LIMIT = 1000

# Quick replies need a text above them; Rasa may send buttons without one.
CHOOSE = texts.get("utter_choose")
TYPE_THE_NUMBER = texts.get("utter_type_the_number")

# "2", "2." or " 2 ": a resident picking from a numbered list. Three digits are an
# amount ("650" for a rent), not a pick, and go to the assistant as typed.
_NUMBER = re.compile(r"\s*(\d{1,2})\.?\s*")


def _signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    """`header` is X-Hub-Signature-256: "sha256=" and the HMAC-SHA256 of the raw body in hex."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header[len("sha256=") :].encode())


@dataclass(frozen=True)
class Settings:
    verify_token: str = field(repr=False)
    app_secret: str = field(repr=False)
    page_access_token: str = field(repr=False)
    api_url: str = GRAPH_API_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        missing = [name for name in REQUIRED if not env.get(name)]
        if missing:
            raise ValueError(
                f"The Messenger connector is on but {', '.join(missing)} is not set in the "
                f"environment; set all of {', '.join(REQUIRED)}."
            )
        return cls(
            env["FACEBOOK_VERIFY_TOKEN"],
            env["FACEBOOK_APP_SECRET"],
            env["FACEBOOK_PAGE_ACCESS_TOKEN"],
            (env.get("FACEBOOK_API_URL") or GRAPH_API_URL).rstrip("/"),
        )


class SendApi:
    """POST /me/messages with the page token; one aiohttp session, opened in the running loop."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def send(self, psid: str, message: dict[str, Any]) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        body = {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message}
        try:
            async with self._session.post(
                f"{self._settings.api_url}/me/messages",
                json=body,
                params={"access_token": self._settings.page_access_token},
            ) as answer:
                if answer.status == 200:
                    return
                text = await answer.text()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            # Not str(error) of every kind: some carry the URL, and with it the page token.
            logger.error("Messenger Send API not reachable: %s", type(error).__name__)
            return
        try:
            description = json.loads(text)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            description = text[:200]
        logger.error("Messenger Send API answered %s: %s", answer.status, description)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class Choices:
    """The numbered list last sent to each resident, so that "2" can stand for item 2.
    Bounded and per process, like RecentIds: a list is only useful for the next message."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._lists: OrderedDict[str, list[str]] = OrderedDict()

    def remember(self, psid: str, payloads: list[str]) -> None:
        self._lists[psid] = payloads
        self._lists.move_to_end(psid)
        if len(self._lists) > self._size:
            self._lists.popitem(last=False)

    def take(self, psid: str) -> list[str] | None:
        return self._lists.pop(psid, None)


class MessengerOutput(OutputChannel):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    def __init__(self, api: SendApi, choices: Choices) -> None:
        self._api = api
        self._choices = choices

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for piece in split_message(text, TEXT_LIMIT):
            await self._api.send(recipient_id, {"text": piece})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        options = [
            (str(b.get("title") or b.get("payload")), str(b.get("payload") or b.get("title")))
            for b in buttons
            if b.get("title") or b.get("payload")
        ]
        if not options:
            await self.send_text_message(recipient_id, text)
            return
        if len(options) <= QUICK_REPLIES_MAX and all(
            len(title) <= QUICK_REPLY_TITLE_LIMIT and len(payload) <= QUICK_REPLY_PAYLOAD_LIMIT
            for title, payload in options
        ):
            *pieces, last = split_message(text or "", TEXT_LIMIT) or [CHOOSE]
            for piece in pieces:
                await self._api.send(recipient_id, {"text": piece})
            await self._api.send(
                recipient_id,
                {
                    "text": last,
                    "quick_replies": [
                        {"content_type": "text", "title": title, "payload": payload} for title, payload in options
                    ],
                },
            )
            return
        # Too many or too long for quick replies: a list the resident answers with a number.
        numbered = "\n".join(f"{n}. {title}" for n, (title, _) in enumerate(options, start=1))
        await self.send_text_message(recipient_id, "\n\n".join(filter(None, [text, numbered, TYPE_THE_NUMBER])))
        self._choices.remember(recipient_id, [payload for _, payload in options])

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)


class Conversations:
    """Runs each resident's events one after the other, in the order they came, while
    different residents are answered side by side. Holds only the tasks still running."""

    def __init__(self) -> None:
        self._last: dict[str, asyncio.Task] = {}

    def add(self, psid: str, work: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(self._after(self._last.get(psid), work))
        self._last[psid] = task
        task.add_done_callback(lambda done: self._forget(psid, done))

    def _forget(self, psid: str, done: asyncio.Task) -> None:
        if self._last.get(psid) is done:
            del self._last[psid]

    @staticmethod
    async def _after(previous: asyncio.Task | None, work: Callable[[], Awaitable[None]]) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        try:
            await work()
        except Exception:
            logger.exception("Messenger: handling an event failed")


def _str_id(value: Any) -> str | None:
    """Ids (PSID, mid, page id, timestamp) as text; None for whatever is not one."""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


class MessengerInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> MessengerInput:
        if credentials:
            logger.warning("Messenger ignores its credentials.yml entry: it reads FACEBOOK_* from the environment")
        return cls(Settings.from_env(os.environ), sociaal_huis())

    def __init__(self, settings: Settings, contact: str) -> None:
        """`contact`: whom the apology names when a turn fails (see guard.py)."""
        self._settings = settings
        self._contact = contact
        self._api = SendApi(settings)
        self._choices = Choices()
        self._recent = recent_ids("messenger")
        self._conversations = Conversations()

    def get_output_channel(self) -> MessengerOutput:
        return MessengerOutput(self._api, self._choices)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("messenger_webhook", __name__)
        on_new_message = guarded(on_new_message, self._contact)

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            challenge = request.args.get("hub.challenge")
            if (
                request.args.get("hub.mode") == "subscribe"
                and challenge
                and hmac.compare_digest(token.encode(), self._settings.verify_token.encode())
            ):
                return response.text(challenge)
            logger.warning("Messenger webhook verification refused: check FACEBOOK_VERIFY_TOKEN")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not _signature_ok(self._settings.app_secret, request.body, request.headers.get("X-Hub-Signature-256")):
                logger.warning("Messenger webhook POST refused: no valid X-Hub-Signature-256")
                return response.text("forbidden", status=403)
            try:
                body = json.loads(request.body)
            except ValueError:
                logger.warning("Messenger webhook POST is not JSON")
                return response.text("bad request", status=400)
            if not isinstance(body, dict) or body.get("object") != "page":
                logger.warning("Messenger webhook POST is not a page event; ignored")
                return response.text("EVENT_RECEIVED")
            entries = body.get("entry")
            for entry in entries if isinstance(entries, list) else []:
                events = entry.get("messaging") if isinstance(entry, dict) else None
                for event in events if isinstance(events, list) else []:
                    await self._accept(event, entry.get("id"), on_new_message)
            return response.text("EVENT_RECEIVED")

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.close()

        return webhook

    async def close(self) -> None:
        await self._api.close()
        await self._recent.close()

    async def _accept(self, event: Any, page_id: Any, on_new_message: OnNewMessage) -> None:
        """Queue what `event` asks for; ignore what needs no answer (echoes, deliveries, reads)."""
        if not isinstance(event, dict):
            return
        sender, message, postback = event.get("sender"), event.get("message"), event.get("postback")
        psid = _str_id(sender.get("id")) if isinstance(sender, dict) else None
        if isinstance(message, dict) and not message.get("is_echo"):
            mid = _str_id(message.get("mid"))
            quick_reply = message.get("quick_reply")
            payload = quick_reply.get("payload") if isinstance(quick_reply, dict) else None
            text = message.get("text")
            if isinstance(payload, str) and payload.strip():
                kind, said = "quick reply", payload
            elif isinstance(text, str) and text.strip():
                kind, said = "text", text
            elif message.get("attachments"):
                kind, said = "attachment", None
            else:
                return
        elif isinstance(postback, dict) and isinstance(postback.get("payload"), str) and postback["payload"].strip():
            mid, kind, said = _str_id(postback.get("mid")), "postback", postback["payload"]
        else:
            return
        if psid is None:
            logger.warning("Messenger %s without a sender id; ignored", kind)
            return
        # A redelivery carries the same mid; an event without one is known by its time.
        timestamp = _str_id(event.get("timestamp"))
        key = mid or (timestamp and f"{psid}@{timestamp}")
        if key and not await self._recent.first_time(key):
            logger.info("Messenger %s delivered again; answered once", kind)
            return
        logger.info("Messenger %s received", kind)
        metadata = {"page_id": str(page_id)} if _str_id(page_id) else None
        self._conversations.add(psid, lambda: self._handle(psid, kind, said, mid, metadata, on_new_message))

    async def _handle(
        self,
        psid: str,
        kind: str,
        said: str | None,
        mid: str | None,
        metadata: dict[str, str] | None,
        on_new_message: OnNewMessage,
    ) -> None:
        output = self.get_output_channel()
        if said is None:
            # Kept: a photo between a list and its number should not lose the list.
            await output.send_text_message(psid, NOT_TEXT)
            return
        choices = self._choices.take(psid)
        number = _NUMBER.fullmatch(said) if choices and kind == "text" else None
        if choices and number:
            if not 1 <= int(number.group(1)) <= len(choices):
                self._choices.remember(psid, choices)
                await output.send_text_message(psid, texts.get("utter_number_out_of_range", count=len(choices)))
                return
            said = choices[int(number.group(1)) - 1]
        await on_new_message(
            UserMessage(said, output, psid, input_channel=self.name(), message_id=mid, metadata=metadata)
        )
