"""Telegram: residents chat with Woonwijzer in the Telegram app.

Telegram POSTs every Update to /webhooks/telegram/webhook with the secret it
was given in setWebhook (registered at start-up); the connector answers 200 at
once and handles the update in the background, because Telegram redelivers
whatever it did not get a 200 for in time.

Settings, all from the environment (the credentials file only names this class):
TELEGRAM_ACCESS_TOKEN (bot token), TELEGRAM_VERIFY (the bot's username),
TELEGRAM_WEBHOOK_URL (the public https URL of the webhook),
TELEGRAM_SECRET_TOKEN (1-256 of A-Z a-z 0-9 _ -) and TELEGRAM_API_URL
(default https://api.telegram.org).

Buttons are inline keyboards. Telegram keeps 1-64 bytes of callback_data per
button: a longer payload travels as a short key into a bounded map in this
process (CallbackPayloads), so a long-payload button from before a restart,
or from another replica, says it no longer works instead of doing something.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import NOT_TEXT, recent_ids, split_message
from bot.channels.guard import guarded
from bot.contact import sociaal_huis
from knowledge import texts

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Edits are not subscribed to: the assistant answered the words as first sent.
ALLOWED_UPDATES = ["message", "callback_query"]
API_TIMEOUT = aiohttp.ClientTimeout(total=15)
# How long a stopping server still lets updates in hand get their answer out.
DRAIN_SECONDS = 10

# /start is what Telegram sends when someone opens the bot: it deserves the
# assistant's greeting, so it reaches Rasa as the greet intent's own example.
GREETING = "hallo"
EXPIRED_BUTTON = texts.get("utter_button_expired")

# A message with one of these and no text is something the assistant cannot read.
# Service messages (someone joined a group, a pinned message) get no reply.
NOT_TEXT_KINDS = frozenset(
    {
        "photo",
        "sticker",
        "voice",
        "audio",
        "video",
        "video_note",
        "animation",
        "document",
        "location",
        "venue",
        "contact",
        "poll",
        "dice",
    }
)

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND = re.compile(r"/(?P<name>\w+)(?:@(?P<bot>\w+))?(?P<rest>.*)", re.DOTALL)


@dataclass(frozen=True)
class Settings:
    token: str
    bot_name: str
    webhook_url: str
    secret: str
    api_url: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Raises RasaException naming the variable that is missing or wrong, so Rasa stops at start-up."""
        required = ["TELEGRAM_ACCESS_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN"]
        missing = [name for name in required if not env.get(name, "").strip()]
        if missing:
            raise RasaException(f"The Telegram connector needs {', '.join(missing)} in the environment.")
        secret = env["TELEGRAM_SECRET_TOKEN"].strip()
        if not _SECRET.fullmatch(secret):
            raise RasaException(
                "TELEGRAM_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, _ and - "
                "(Telegram refuses any other secret)."
            )
        webhook_url = env["TELEGRAM_WEBHOOK_URL"].strip()
        if not webhook_url.startswith("https://"):
            raise RasaException("TELEGRAM_WEBHOOK_URL must be an https:// URL: Telegram calls no other.")
        return cls(
            token=env["TELEGRAM_ACCESS_TOKEN"].strip(),
            bot_name=env["TELEGRAM_VERIFY"].strip().lstrip("@"),
            webhook_url=webhook_url,
            secret=secret,
            api_url=(env.get("TELEGRAM_API_URL") or "https://api.telegram.org").rstrip("/"),
        )


class CallbackPayloads:
    """Button payloads as callback_data. A payload that fits travels as itself, so
    such buttons keep working across restarts; a longer one (or one that could be
    mistaken for a key) becomes "#" + a hash of it, looked up in the last `size`
    payloads this process sent. A hash, not a counter: after a restart an old key
    is unknown, never another payload's."""

    _KEY = "#"

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def data_for(self, payload: str) -> str:
        if 0 < len(payload.encode()) <= CALLBACK_DATA_LIMIT and not payload.startswith(self._KEY):
            return payload
        digest = hashlib.sha256(payload.encode()).digest()[:18]
        key = self._KEY + base64.urlsafe_b64encode(digest).decode()
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        if len(self._payloads) > self._size:
            self._payloads.popitem(last=False)
        return key

    def payload_of(self, data: Any) -> str | None:
        """The payload of a pressed button; None for a key this process no longer knows."""
        if not isinstance(data, str) or not data:
            return None
        return self._payloads.get(data) if data.startswith(self._KEY) else data


class TelegramOutput(OutputChannel):
    """Sends the assistant's replies as plain text (no parse_mode: nothing anyone
    writes is read as markup), split at 4096 characters, buttons one per row."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, settings: Settings, callbacks: CallbackPayloads) -> None:
        self._settings = settings
        self.callbacks = callbacks
        self._session: aiohttp.ClientSession | None = None

    async def call(self, method: str, body: dict[str, Any]) -> Any:
        """The Bot API method's result, or None when Telegram refused or could not
        be reached: logged here, never raised, so one failed call breaks no webhook."""
        if self._session is None or self._session.closed:
            # Created here, inside the running loop: the server's loop does not exist at import time.
            self._session = aiohttp.ClientSession(timeout=API_TIMEOUT)
        url = f"{self._settings.api_url}/bot{self._settings.token}/{method}"
        try:
            async with self._session.post(url, json=body) as reply:
                status = reply.status
                answer = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            # The URL holds the bot token: keep it out of the log.
            detail = str(error).replace(self._settings.token, "<token>") or type(error).__name__
            logger.error("Telegram %s failed: %s", method, detail)
            return None
        if not isinstance(answer, dict) or not answer.get("ok"):
            description = answer.get("description") if isinstance(answer, dict) else None
            logger.error("Telegram %s refused: HTTP %s, %s", method, status, description)
            return None
        return answer.get("result")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        # One button per row: the titles are whole phrases, unreadable side by side on a phone.
        keyboard = [
            [
                {
                    "text": button["title"],
                    "callback_data": self.callbacks.data_for(button.get("payload") or button["title"]),
                }
            ]
            for button in buttons
        ]
        await self._send(recipient_id, text, {"inline_keyboard": keyboard})

    async def _send(self, chat_id: str, text: str, reply_markup: dict[str, Any] | None = None) -> None:
        pieces = split_message(text, MESSAGE_LIMIT)
        for number, piece in enumerate(pieces, start=1):
            body: dict[str, Any] = {"chat_id": chat_id, "text": piece}
            if reply_markup and number == len(pieces):
                body["reply_markup"] = reply_markup
            if await self.call("sendMessage", body) is None:
                return  # the rest would arrive without its beginning


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        # The credentials file only switches the connector on; secrets live in the environment.
        return cls(Settings.from_env(os.environ))

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.output = TelegramOutput(settings, CallbackPayloads())
        self._seen = recent_ids("telegram")
        self._tasks: set[asyncio.Task] = set()
        self._mention = re.compile(rf"@{re.escape(settings.bot_name)}\b", re.IGNORECASE)

    def get_output_channel(self) -> TelegramOutput:
        return self.output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_webhook", __name__)
        on_new_message = guarded(on_new_message, sociaal_huis())

        # Sanic 21.12 runs a blueprint's listeners with the app's, after Rasa's before_server_start
        # has loaded the agent: Telegram starts delivering only once there is someone to answer.
        @webhook.listener("after_server_start")
        async def register(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
            await self.start()

        @webhook.listener("before_server_stop")
        async def finish(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=DRAIN_SECONDS)
            await self.output.close()
            await self._seen.close()

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.settings.secret.encode()):
                logger.warning("Telegram webhook called without the right secret token: refused")
                return response.text("forbidden", status=403)
            try:
                update = json.loads(request.body)
            except ValueError:
                return response.text("not JSON", status=400)
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                return response.text("not a Telegram update", status=400)
            if await self._seen.first_time(update["update_id"]):
                self._in_background(self._handle(update, on_new_message))
            else:
                logger.info("Telegram update %d came again: already handled", update["update_id"])
            return response.text("ok")

        return webhook

    async def start(self) -> None:
        """Tells Telegram where to deliver, and checks once (not per update) that
        TELEGRAM_VERIFY names the bot the token belongs to."""
        registered = await self.output.call(
            "setWebhook",
            {
                "url": self.settings.webhook_url,
                "secret_token": self.settings.secret,
                "allowed_updates": ALLOWED_UPDATES,
            },
        )
        if registered:
            logger.info("Telegram webhook registered: %s", self.settings.webhook_url)
        else:
            logger.error(
                "Telegram webhook NOT registered (%s): Telegram delivers no messages until it is. "
                "The server keeps running; fix the setting and restart.",
                self.settings.webhook_url,
            )
        me = await self.output.call("getMe", {})
        if isinstance(me, dict) and str(me.get("username", "")).lower() != self.settings.bot_name.lower():
            logger.error(
                "TELEGRAM_VERIFY is %s but the token belongs to %s: commands in groups (/start@%s) will be ignored.",
                self.settings.bot_name,
                me.get("username"),
                me.get("username"),
            )

    def _in_background(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        # The loop keeps only weak references to tasks.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, update: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        update_id = update["update_id"]
        try:
            if isinstance(update.get("callback_query"), dict):
                logger.info("Telegram update %d: button", update_id)
                await self._button(update_id, update["callback_query"], on_new_message)
            elif isinstance(update.get("message"), dict):
                logger.info("Telegram update %d: message", update_id)
                await self._message(update_id, update["message"], on_new_message)
            else:
                # Edits, channel posts and anything newer than this connector.
                kinds = ", ".join(sorted(update.keys() - {"update_id"}))
                logger.info("Telegram update %d ignored: %s", update_id, kinds)
        except Exception:
            logger.exception("Telegram update %d could not be handled", update_id)

    async def _message(
        self, update_id: int, message: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        chat_id = _chat_id(message)
        sender = message.get("from")
        if chat_id is None or (isinstance(sender, dict) and sender.get("is_bot")):
            return
        text = message.get("text")
        if isinstance(text, str):
            readable = self._readable(text)
            if readable:
                await on_new_message(self._user_message(readable, chat_id, update_id, message))
        elif NOT_TEXT_KINDS & message.keys():
            await self.output.send_text_message(chat_id, NOT_TEXT)

    async def _button(
        self, update_id: int, query: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        payload = self.output.callbacks.payload_of(query.get("data"))
        # Answered first, whatever follows: until then the client shows a spinner on the button.
        if isinstance(query.get("id"), str):
            answer = {"callback_query_id": query["id"]} | ({"text": EXPIRED_BUTTON} if payload is None else {})
            await self.output.call("answerCallbackQuery", answer)
        message = query.get("message")
        chat_id = _chat_id(message)
        if chat_id is None or not isinstance(message, dict):
            return
        if isinstance(message.get("message_id"), int):
            # An old "Iets anders" pressed later would answer a question no longer asked.
            await self.output.call(
                "editMessageReplyMarkup",
                {"chat_id": chat_id, "message_id": message["message_id"], "reply_markup": {"inline_keyboard": []}},
            )
        if payload is not None:
            await on_new_message(self._user_message(payload, chat_id, update_id, message))

    def _readable(self, text: str) -> str | None:
        """What Rasa should read of a typed text; None for a command meant for another bot.
        Typed commands lose their slash: only the assistant's own buttons may name an intent."""
        command = _COMMAND.fullmatch(text.strip())
        if command:
            if command["bot"] and command["bot"].lower() != self.settings.bot_name.lower():
                return None
            if command["name"].lower() == "start":
                return GREETING
            text = command["name"] + command["rest"]
        # In a group people address the bot by name; the name is no part of the question.
        return self._mention.sub("", text).strip() or None

    def _user_message(self, text: str, chat_id: str, update_id: int, message: dict[str, Any]) -> UserMessage:
        chat = message["chat"]
        return UserMessage(
            text,
            self.output,
            sender_id=chat_id,
            input_channel=self.name(),
            metadata={"update_id": update_id, "message_id": message.get("message_id"), "chat_type": chat.get("type")},
        )


def _chat_id(message: Any) -> str | None:
    """The conversation is the chat: in a group, everyone in it talks to the assistant together."""
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    return str(chat_id) if isinstance(chat_id, int) else None
