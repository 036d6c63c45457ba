"""The Telegram connector, against a fake of the Bot API.

Unit tests mount the connector the way Rasa does (channel.register) in a
throwaway Sanic app with a stand-in agent; end-to-end tests post Updates to the
running assistant. Updates have the shapes of https://core.telegram.org/bots/api#update.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import socket
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage, register
from rasa.shared.exceptions import RasaException
from sanic import Sanic

from bot.channels.common import NOT_TEXT
from bot.channels.telegram import (
    CALLBACK_DATA_LIMIT,
    MESSAGE_LIMIT,
    CallbackPayloads,
    Settings,
    TelegramInput,
    TelegramOutput,
)
from bot.stack import free_port
from tests.bot.channels.fakes import TELEGRAM_BOT_NAME, TELEGRAM_SECRET, Call, FakePlatforms, channel_env

PHONE = "056/27.84.33"  # the Dienst Bouwen, Milieu en Wonen, under every premie answer
GREETING_MARK = "Ik ben Woonwijzer"  # utter_greet

_update_ids = itertools.count(720_000_001)
_message_ids = itertools.count(1)
# Telegram chat ids; one per test, as the tracker store is shared by the whole session.
_chat_ids = itertools.count(7_770_000_001)


# --- Updates in the Bot API's shapes ---------------------------------------------------------------


def resident(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Lieve", "username": "lieve_kortrijk", "language_code": "nl"}


def private_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "first_name": "Lieve", "type": "private"}


def message(chat_id: int, **content: Any) -> dict[str, Any]:
    return {
        "message_id": next(_message_ids),
        "from": resident(chat_id),
        "chat": private_chat(chat_id),
        "date": 1733500000,
        **content,
    }


def text_update(chat_id: int, text: str) -> dict[str, Any]:
    return {"update_id": next(_update_ids), "message": message(chat_id, text=text)}


def button_update(chat_id: int, sent: Call, data: str) -> dict[str, Any]:
    """The callback_query Telegram sends when `data`'s button under the message `sent` is pressed."""
    bot = {"id": 4242, "is_bot": True, "first_name": "Woonwijzer", "username": TELEGRAM_BOT_NAME}
    pressed_under = {
        "message_id": next(_message_ids),
        "from": bot,
        "chat": private_chat(chat_id),
        "date": 1733500001,
        "text": sent.body["text"],
        "reply_markup": sent.body["reply_markup"],
    }
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"{next(_update_ids)}4242",
            "from": resident(chat_id),
            "message": pressed_under,
            "chat_instance": "-3871286212742815231",
            "data": data,
        },
    }


def edited_update(chat_id: int, text: str) -> dict[str, Any]:
    return {"update_id": next(_update_ids), "edited_message": {**message(chat_id, text=text), "edit_date": 1733500060}}


NOT_TEXT_CONTENT = {
    "photo": {
        "photo": [
            {
                "file_id": "AgACAgQAAxkBAAIBZ2dS",
                "file_unique_id": "AQADx7ExG3b0aVJ4",
                "width": 90,
                "height": 67,
                "file_size": 1242,
            },
            {
                "file_id": "AgACAgQAAxkBAAIBZ2dT",
                "file_unique_id": "AQADx7ExG3b0aVJy",
                "width": 1280,
                "height": 960,
                "file_size": 98451,
            },
        ]
    },
    "sticker": {
        "sticker": {
            "file_id": "CAACAgIAAxkBAAIBaGdS",
            "file_unique_id": "AgADxwADr8ZRGg",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "set_name": "HotCherry",
            "file_size": 23412,
        }
    },
    "voice": {
        "voice": {
            "file_id": "AwACAgQAAxkBAAIBaWdS",
            "file_unique_id": "AgADqBQAAmRvAVE",
            "duration": 4,
            "mime_type": "audio/ogg",
            "file_size": 10240,
        }
    },
    "location": {"location": {"latitude": 50.828, "longitude": 3.2649}},
    "video": {
        "video": {
            "file_id": "BAACAgQAAxkBAAIBamdS",
            "file_unique_id": "AgADrBQAAmRvAVE",
            "width": 640,
            "height": 360,
            "duration": 7,
            "mime_type": "video/mp4",
            "file_size": 402133,
        }
    },
    "document": {
        "document": {
            "file_id": "BQACAgQAAxkBAAIBa2dS",
            "file_unique_id": "AgADrRQAAmRvAVE",
            "file_name": "huurcontract.pdf",
            "mime_type": "application/pdf",
            "file_size": 183912,
        }
    },
}


# --- Posting to a webhook and reading what reached the fake -------------------------------------


def post(port: int, update: dict[str, Any] | bytes, secret: str | None = TELEGRAM_SECRET, timeout: float = 30) -> int:
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/telegram/webhook", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def to_chat(chat_id: int) -> Any:
    return lambda call: call.body.get("chat_id") == str(chat_id)


def texts(platforms: FakePlatforms, chat_id: int) -> list[str]:
    return [call.body["text"] for call in platforms.of("telegram", "sendMessage", to_chat(chat_id))]


def wait_for_text(platforms: FakePlatforms, chat_id: int, part: str, count: int = 1) -> list[str]:
    platforms.wait_for("telegram", "sendMessage", lambda c: to_chat(chat_id)(c) and part in c.body["text"], count)
    return texts(platforms, chat_id)


# --- Unit layer: the connector in a throwaway Sanic app ------------------------------------------

# A real record id: a third of them make a payload longer than 64 bytes of callback_data.
LONG_PAYLOAD = (
    '/ask_info{"record_id": "1-b-het-lokaal-steunpunt-thuiszorg-kortrijk-afdeling-kortrijk-van-het-sel-z-w-vl"}'
)
SCRIPT: dict[str, list[dict[str, Any]]] = {
    "dienstencentrum": [
        {
            "text": "In welke deelgemeente zoek je een lokaal dienstencentrum?",
            "buttons": [
                {"title": "Heule", "payload": '/ask_dienstencentrum{"deelgemeente": "Heule"}'},
                {"title": "Bissegem", "payload": '/ask_dienstencentrum{"deelgemeente": "Bissegem"}'},
            ],
        }
    ],
    "dakisolatie huurwoning": [
        {
            "text": "Bedoel je:",
            "buttons": [
                {"title": "Dakisolatie in een huurwoning", "payload": LONG_PAYLOAD},
                {"title": "Iets anders", "payload": "/deny"},
            ],
        }
    ],
}


class FakeAgent:
    """Rasa's agent as channel.register calls it: records each UserMessage and answers
    through the connector's own output channel, with SCRIPT's reply or an echo."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []
        # "traag" (slow) is answered only once the test opens this.
        self.slow_reply_may_go = threading.Event()

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        while message.text == "traag" and not self.slow_reply_may_go.is_set():
            await asyncio.sleep(0.01)
        for reply in SCRIPT.get(message.text, [{"text": f"echo: {message.text}"}]):
            await message.output_channel.send_response(message.sender_id, dict(reply))

    def texts(self) -> list[str]:
        return [m.text for m in self.received]


class Webhook:
    """The connector's blueprint mounted as Rasa mounts it, served on loopback from a thread
    with Sanic's start and stop listeners run as `rasa run` runs them."""

    _apps = itertools.count()

    def __init__(self, channel: TelegramInput) -> None:
        self.channel = channel
        self.agent = FakeAgent()
        self.app = Sanic(f"telegram_test_{next(self._apps)}")
        register([channel], self.app, route="/webhooks/")
        self.app.ctx.agent = self.agent
        self._loop = asyncio.new_event_loop()
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._server: Any = None

    def start(self) -> Webhook:
        started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        started.result(30)
        return self

    async def _start(self) -> None:
        self._server = await self.app.create_server(sock=self._socket, return_asyncio_server=True, access_log=False)
        await self._server.startup()
        await self._server.before_start()
        await self._server.after_start()

    def stop(self) -> None:
        async def stop() -> None:
            await self._server.before_stop()
            self._server.close()
            await self._server.wait_closed()
            await self._server.after_stop()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def post(self, update: dict[str, Any] | bytes, secret: str | None = TELEGRAM_SECRET, timeout: float = 30) -> int:
        return post(self.port, update, secret, timeout)

    def settle(self, platforms: FakePlatforms, chat_id: int) -> None:
        """Posts one more message and waits for its echo: by then any update posted before it
        was handled (tasks start in the order the updates came)."""
        assert self.post(text_update(chat_id, "laatste")) == 200
        wait_for_text(platforms, chat_id, "echo: laatste")


@pytest.fixture
def fake_api() -> Any:
    fakes = FakePlatforms().start()
    yield fakes
    fakes.stop()


@pytest.fixture
def telegram_env(monkeypatch: pytest.MonkeyPatch, fake_api: FakePlatforms) -> dict[str, str]:
    # Sanic rewrites its protocol classes on an app's first start unless in test mode,
    # and a second app in the same process then fails to start.
    monkeypatch.setattr(Sanic, "test_mode", True)
    env = channel_env(fake_api)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def webhook(telegram_env: dict[str, str], fake_api: FakePlatforms) -> Any:
    server = Webhook(TelegramInput.from_credentials(None)).start()
    fake_api.wait_for("telegram", "setWebhook", lambda _: True)
    yield server
    server.stop()


@pytest.mark.parametrize(
    "name", ["TELEGRAM_ACCESS_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN"]
)
def test_a_missing_setting_stops_start_up_naming_it(
    telegram_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.delenv(name)
    with pytest.raises(RasaException, match=name):
        TelegramInput.from_credentials(None)


@pytest.mark.parametrize("secret", ["met spatie", "geheim!", "a" * 257, "sécret"])
def test_a_secret_telegram_would_refuse_stops_start_up(
    telegram_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("TELEGRAM_SECRET_TOKEN", secret)
    with pytest.raises(RasaException, match="TELEGRAM_SECRET_TOKEN"):
        TelegramInput.from_credentials(None)


def test_a_plain_http_webhook_url_stops_start_up(telegram_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "http://woonwijzer.example/webhooks/telegram/webhook")
    with pytest.raises(RasaException, match="https"):
        TelegramInput.from_credentials(None)


def test_settings_come_from_the_environment_and_the_api_url_has_a_default(
    telegram_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TELEGRAM_API_URL")
    monkeypatch.setenv("TELEGRAM_VERIFY", f"@{TELEGRAM_BOT_NAME}")
    settings = TelegramInput.from_credentials({"access_token": "from-the-file"}).settings
    assert (settings.token, settings.bot_name, settings.api_url) == (
        telegram_env["TELEGRAM_ACCESS_TOKEN"],
        TELEGRAM_BOT_NAME,
        "https://api.telegram.org",
    )


def test_start_up_registers_the_webhook_with_its_secret(
    webhook: Webhook, fake_api: FakePlatforms, telegram_env: dict[str, str]
) -> None:
    [registration] = fake_api.of("telegram", "setWebhook")
    assert registration.body == {
        "url": telegram_env["TELEGRAM_WEBHOOK_URL"],
        "secret_token": TELEGRAM_SECRET,
        "allowed_updates": ["message", "callback_query"],
    }


def test_a_refused_set_webhook_is_logged_and_the_server_keeps_serving(
    telegram_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    fake_api: FakePlatforms,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("TELEGRAM_ACCESS_TOKEN", "4242:revoked-token")
    with caplog.at_level(logging.INFO, logger="bot.channels.telegram"):
        server = Webhook(TelegramInput.from_credentials(None)).start()
        try:
            fake_api.wait_for("telegram", "getMe", lambda _: True)
            assert server.post(text_update(next(_chat_ids), "premie dakisolatie?")) == 200
        finally:
            server.stop()
    log = caplog.text
    assert "setWebhook refused: HTTP 401, Unauthorized" in log and "webhook NOT registered" in log, log
    assert "revoked-token" not in log, "the bot token leaked into the log"


@pytest.mark.parametrize("api_url", [f"http://127.0.0.1:{free_port()}", "http://127.0.0.1:geen-poort"])
def test_an_unreachable_api_is_logged_without_the_token(
    telegram_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, api_url: str
) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", api_url)
    with caplog.at_level(logging.INFO, logger="bot.channels.telegram"):
        server = Webhook(TelegramInput.from_credentials(None)).start()
        try:
            assert server.post(text_update(next(_chat_ids), "premie dakisolatie?")) == 200
        finally:
            server.stop()
    assert "Telegram setWebhook failed" in caplog.text and "webhook NOT registered" in caplog.text, caplog.text
    assert telegram_env["TELEGRAM_ACCESS_TOKEN"] not in caplog.text, "the bot token leaked into the log"


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", TELEGRAM_SECRET + "x", TELEGRAM_SECRET[:-1]])
def test_a_post_without_the_secret_is_refused_and_not_handled(
    webhook: Webhook, fake_api: FakePlatforms, secret: str | None
) -> None:
    chat_id = next(_chat_ids)
    assert webhook.post(text_update(chat_id, "premie dakisolatie?"), secret=secret) == 403, secret
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"], f"secret {secret!r} got an update through"
    assert texts(fake_api, chat_id) == ["echo: laatste"]


@pytest.mark.parametrize(
    "text, rasa_reads",
    [
        ("premie dakisolatie?", "premie dakisolatie?"),
        ("/start", "hallo"),
        (f"/start@{TELEGRAM_BOT_NAME}", "hallo"),
        ("/start kortrijk-website", "hallo"),
        ("/hulp", "hulp"),
        (f"@{TELEGRAM_BOT_NAME} wanneer is het Sociaal Huis open?", "wanneer is het Sociaal Huis open?"),
        (f"/ask_info@{TELEGRAM_BOT_NAME.upper()} 6.B.3", "ask_info 6.B.3"),
    ],
)
def test_a_text_reaches_rasa_as_the_chat_and_the_reply_goes_back(
    webhook: Webhook, fake_api: FakePlatforms, text: str, rasa_reads: str
) -> None:
    chat_id = next(_chat_ids)
    update = text_update(chat_id, text)
    assert webhook.post(update) == 200
    assert wait_for_text(fake_api, chat_id, "echo:") == [f"echo: {rasa_reads}"], text
    [received] = webhook.agent.received
    assert (received.text, received.sender_id, received.input_channel) == (rasa_reads, str(chat_id), "telegram")
    assert received.metadata == {
        "update_id": update["update_id"],
        "message_id": update["message"]["message_id"],
        "chat_type": "private",
    }
    assert not fake_api.of("telegram", "sendMessage", lambda c: "parse_mode" in c.body), "replies are plain text"


def test_telegram_gets_its_200_before_rasa_has_answered(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    assert webhook.post(text_update(chat_id, "traag"), timeout=5) == 200, "the webhook waited for Rasa"
    assert texts(fake_api, chat_id) == []
    webhook.agent.slow_reply_may_go.set()
    assert wait_for_text(fake_api, chat_id, "echo:") == ["echo: traag"]


def test_a_bot_name_that_is_not_the_tokens_is_reported_at_start_up(
    telegram_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    fake_api: FakePlatforms,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("TELEGRAM_VERIFY", "kortrijk_andere_bot")
    with caplog.at_level(logging.INFO, logger="bot.channels.telegram"):
        Webhook(TelegramInput.from_credentials(None)).start().stop()
    assert f"TELEGRAM_VERIFY is kortrijk_andere_bot but the token belongs to {TELEGRAM_BOT_NAME}" in caplog.text, (
        caplog.text
    )


def test_updates_for_another_bot_or_from_a_bot_are_ignored(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    for_another = text_update(chat_id, "/start@gemeente_gent_bot")
    from_a_bot = text_update(chat_id, "premie dakisolatie?")
    from_a_bot["message"]["from"]["is_bot"] = True
    assert webhook.post(for_another) == webhook.post(from_a_bot) == 200
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"]


@pytest.mark.parametrize("kind", sorted(NOT_TEXT_CONTENT))
def test_what_is_not_text_gets_not_text_without_rasa(webhook: Webhook, fake_api: FakePlatforms, kind: str) -> None:
    chat_id = next(_chat_ids)
    assert webhook.post({"update_id": next(_update_ids), "message": message(chat_id, **NOT_TEXT_CONTENT[kind])}) == 200
    assert wait_for_text(fake_api, chat_id, NOT_TEXT) == [NOT_TEXT], f"a {kind} should get NOT_TEXT"
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"], f"a {kind} reached Rasa"


def test_edits_and_service_messages_get_no_answer(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    joined = {"update_id": next(_update_ids), "message": message(chat_id, new_chat_members=[resident(chat_id + 1)])}
    channel_post = {
        "update_id": next(_update_ids),
        "edited_channel_post": {
            "message_id": 7,
            "chat": {"id": -1001234567890, "title": "Kortrijk wonen", "type": "channel"},
            "date": 1733500000,
            "edit_date": 1733500100,
            "text": "premie dakisolatie?",
        },
    }
    for update in (edited_update(chat_id, "premie dakisolatie? (verbeterd)"), joined, channel_post):
        assert webhook.post(update) == 200, update
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"]
    assert texts(fake_api, chat_id) == ["echo: laatste"]


def test_a_redelivered_update_is_handled_once(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    update = text_update(chat_id, "premie dakisolatie?")
    assert [webhook.post(update) for _ in range(3)] == [200, 200, 200], "a redelivery must get its 200"
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["premie dakisolatie?", "laatste"]


def test_replicas_sharing_redis_handle_a_redelivered_update_once(
    telegram_env: dict[str, str], fake_api: FakePlatforms, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind a load balancer Telegram's retry can reach the other replica."""
    monkeypatch.setenv("LOCK_STORE_URL", redis_url)
    replicas = [Webhook(TelegramInput.from_credentials(None)).start() for _ in range(2)]
    try:
        chat_id = next(_chat_ids)
        update = text_update(chat_id, "premie dakisolatie?")
        assert [replica.post(update) for replica in replicas * 2] == [200] * 4
        # As in settle: once each replica echoed a later update, it has handled the one before.
        for replica in replicas:
            assert replica.post(text_update(chat_id, "laatste")) == 200
        wait_for_text(fake_api, chat_id, "echo: laatste", count=2)
        handled = sorted(text for replica in replicas for text in replica.agent.texts())
        assert handled == ["laatste", "laatste", "premie dakisolatie?"]
    finally:
        for replica in replicas:
            replica.stop()


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b"", 400),
        (b"[1, 2]", 400),
        (b'{"message": {"text": "geen update_id"}}', 400),
        (b'{"update_id": "12"}', 400),
        (b'{"update_id": 720999001, "message": "tekst in plaats van een object"}', 200),
        (b'{"update_id": 720999002, "message": {"message_id": 1, "text": "geen chat"}}', 200),
        (b'{"update_id": 720999003, "message": {"chat": {"id": "abc"}, "text": "chat id geen getal"}}', 200),
        (b'{"update_id": 720999004, "callback_query": {"id": "1", "data": "/deny"}}', 200),
        (b'{"update_id": 720999005, "callback_query": {"message": {"chat": {"id": 5}}, "data": ["x"]}}', 200),
        (b'{"update_id": 720999006, "poll_answer": {"poll_id": "1", "option_ids": [0]}}', 200),
    ],
)
def test_odd_bodies_get_a_4xx_or_200_and_break_nothing(
    webhook: Webhook, fake_api: FakePlatforms, caplog: pytest.LogCaptureFixture, body: bytes, status: int
) -> None:
    assert webhook.post(body) == status, body
    chat_id = next(_chat_ids)
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"], body
    assert "Traceback" not in caplog.text and "could not be handled" not in caplog.text, caplog.text


def test_buttons_are_an_inline_keyboard_and_a_press_reaches_rasa(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    assert webhook.post(text_update(chat_id, "dienstencentrum")) == 200
    [sent] = fake_api.wait_for("telegram", "sendMessage", to_chat(chat_id))
    keyboard = sent.body["reply_markup"]["inline_keyboard"]
    assert keyboard == [
        [{"text": "Heule", "callback_data": '/ask_dienstencentrum{"deelgemeente": "Heule"}'}],
        [{"text": "Bissegem", "callback_data": '/ask_dienstencentrum{"deelgemeente": "Bissegem"}'}],
    ]

    pressed = button_update(chat_id, sent, keyboard[1][0]["callback_data"])
    assert webhook.post(pressed) == 200
    wait_for_text(fake_api, chat_id, "echo:")
    query = pressed["callback_query"]
    assert [c.body for c in fake_api.of("telegram", "answerCallbackQuery")] == [{"callback_query_id": query["id"]}]
    assert [c.body for c in fake_api.of("telegram", "editMessageReplyMarkup")] == [
        {"chat_id": str(chat_id), "message_id": query["message"]["message_id"], "reply_markup": {"inline_keyboard": []}}
    ]
    assert webhook.agent.texts() == ["dienstencentrum", '/ask_dienstencentrum{"deelgemeente": "Bissegem"}']


def test_a_payload_longer_than_64_bytes_round_trips(webhook: Webhook, fake_api: FakePlatforms) -> None:
    assert len(LONG_PAYLOAD.encode()) > CALLBACK_DATA_LIMIT
    chat_id = next(_chat_ids)
    assert webhook.post(text_update(chat_id, "dakisolatie huurwoning")) == 200
    [sent] = fake_api.wait_for("telegram", "sendMessage", to_chat(chat_id))
    data = [row[0]["callback_data"] for row in sent.body["reply_markup"]["inline_keyboard"]]
    assert all(0 < len(d.encode()) <= CALLBACK_DATA_LIMIT for d in data), data
    assert data[1] == "/deny", "a payload that fits travels as itself"

    assert webhook.post(button_update(chat_id, sent, data[0])) == 200
    assert wait_for_text(fake_api, chat_id, "echo:") == ["Bedoel je:", f"echo: {LONG_PAYLOAD}"]


def test_a_button_this_process_no_longer_knows_says_so(webhook: Webhook, fake_api: FakePlatforms) -> None:
    chat_id = next(_chat_ids)
    sent = Call(
        "telegram",
        "sendMessage",
        {
            "text": "Bedoel je:",
            "reply_markup": {
                "inline_keyboard": [
                    [{"text": "Dakisolatie in een huurwoning", "callback_data": "#dGhpcyBrZXkgd2FzIG5ldmVyIGdpdmVu"}]
                ]
            },
        },
    )
    pressed = button_update(chat_id, sent, "#dGhpcyBrZXkgd2FzIG5ldmVyIGdpdmVu")
    assert webhook.post(pressed) == 200
    [answer] = fake_api.wait_for("telegram", "answerCallbackQuery", lambda _: True)
    assert answer.body == {
        "callback_query_id": pressed["callback_query"]["id"],
        "text": "Deze knop werkt niet meer. Typ je vraag gerust opnieuw.",
    }
    webhook.settle(fake_api, chat_id)
    assert webhook.agent.texts() == ["laatste"]


def test_callback_keys_are_bounded_and_never_point_at_another_payload() -> None:
    callbacks = CallbackPayloads(size=2)
    long = [f'/ask_info{{"record_id": "{n}", "topic": "{"premie voor dakisolatie " * 3}"}}' for n in range(3)]
    keys = [callbacks.data_for(p) for p in long]
    assert len(set(keys)) == 3 and callbacks.data_for(long[2]) == keys[2], "one key per payload, the same each time"
    assert [callbacks.payload_of(k) for k in keys] == [None, long[1], long[2]], "the oldest is forgotten"
    assert callbacks.payload_of(callbacks.data_for("#hashtag")) == "#hashtag", "a short payload like a key is keyed"
    assert CallbackPayloads().payload_of(keys[2]) is None, "a fresh process knows no keys"


# A real answer, repeated: sentences and lines as the assistant writes them.
ANSWER = (
    "Dakisolatie: Stad Kortrijk verstrekt een premie voor het isoleren van het dak. Ook bij andere instanties "
    "kan u een premie verkrijgen.\nContact: Dienst Bouwen, Milieu en Wonen, tel. 056/27.84.33\n"
    "Bron: 6.B Subsidies/premies/leningen — Dakisolatie\n"
)


def test_a_reply_over_4096_characters_goes_out_in_order_in_pieces(fake_api: FakePlatforms) -> None:
    long_reply = (ANSWER * 40)[:9000]
    output = TelegramOutput(Settings.from_env(channel_env(fake_api)), CallbackPayloads())

    async def send() -> None:
        await output.send_text_with_buttons("7770", long_reply, [{"title": "Iets anders", "payload": "/deny"}])
        await output.close()

    asyncio.run(send())
    sent = fake_api.of("telegram", "sendMessage")
    pieces = [c.body["text"] for c in sent]
    assert len(pieces) == 3 and all(len(p) <= MESSAGE_LIMIT for p in pieces), [len(p) for p in pieces]
    assert " ".join(pieces).split() == long_reply.split(), "words lost or out of order"
    assert ["reply_markup" in c.body for c in sent] == [False, False, True], "the buttons go under the last piece"


# --- End-to-end: the running assistant, with the Bot API faked ------------------------------------


def assistant_post(assistant: Any, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET) -> int:
    return post(assistant.ports.rasa, update, secret)


# A question whose answer does not depend on what came before ("hallo" right after an
# answer is taken as a follow-up to it), and a fact from that answer.
LAST_QUESTION, LAST_ANSWER_MARK = "welke dienstencentra zijn er?", "De Zevenkamer"


def answered_after(assistant: Any, chat_id: int) -> list[str]:
    """Asks one more question and waits for its answer: Rasa handles a chat's messages in the
    order they came, so whatever an earlier update would have caused has been sent by then."""
    assert assistant_post(assistant, text_update(chat_id, LAST_QUESTION)) == 200
    return wait_for_text(assistant.platforms, chat_id, LAST_ANSWER_MARK)


@pytest.mark.e2e
def test_rasa_start_up_registered_the_webhook(assistant: Any) -> None:
    registrations = assistant.platforms.of("telegram", "setWebhook")
    assert registrations, "the blueprint's after_server_start listener did not run under `rasa run`"
    assert all(
        c.body
        == {
            "url": "https://woonwijzer.example/webhooks/telegram/webhook",
            "secret_token": TELEGRAM_SECRET,
            "allowed_updates": ["message", "callback_query"],
        }
        for c in registrations
    ), registrations


@pytest.mark.e2e
@pytest.mark.parametrize(
    "question",
    [
        "premie dakisolatie?",
        "Is er een premie voor dakisolatie?",
        "ik wil mijn dak isoleren, krijg ik subsidie?",
        "premie regenwaterput",
    ],
)
def test_a_resident_question_is_answered_in_the_chat(assistant: Any, question: str) -> None:
    chat_id = next(_chat_ids)
    identity_checks = len(assistant.platforms.of("telegram", "getMe"))
    assert assistant_post(assistant, text_update(chat_id, question)) == 200
    answers = wait_for_text(assistant.platforms, chat_id, PHONE)
    assert any(PHONE in a for a in answers), f"{question!r} should be answered with the phone {PHONE}: {answers}"
    assert len(assistant.platforms.of("telegram", "getMe")) == identity_checks, "getMe was called for an update"


@pytest.mark.e2e
def test_start_gets_the_greeting(assistant: Any) -> None:
    chat_id = next(_chat_ids)
    assert assistant_post(assistant, text_update(chat_id, "/start")) == 200
    assert GREETING_MARK in wait_for_text(assistant.platforms, chat_id, GREETING_MARK)[0]


@pytest.mark.e2e
@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_the_assistant_refuses_a_post_without_the_secret(assistant: Any, secret: str | None) -> None:
    chat_id = next(_chat_ids)
    assert assistant_post(assistant, text_update(chat_id, "premie dakisolatie?"), secret=secret) == 403
    answers = answered_after(assistant, chat_id)
    assert len(answers) == 1 and PHONE not in answers[0], f"secret {secret!r}: the question was answered: {answers}"


@pytest.mark.e2e
def test_a_button_press_answers_the_choice(assistant: Any) -> None:
    chat_id = next(_chat_ids)
    platforms = assistant.platforms
    assert assistant_post(assistant, text_update(chat_id, "waar is er een dienstencentrum?")) == 200
    [sent] = platforms.wait_for("telegram", "sendMessage", lambda c: to_chat(chat_id)(c) and "reply_markup" in c.body)
    rows = sent.body["reply_markup"]["inline_keyboard"]
    titles = [row[0]["text"] for row in rows]
    assert all(len(row) == 1 for row in rows), "one button per row"
    assert {"Kortrijk", "Heule", "Bissegem", "Marke"} <= set(titles), f"the deelgemeenten should be buttons: {titles}"

    heule = rows[titles.index("Heule")][0]["callback_data"]
    pressed = button_update(chat_id, sent, heule)
    assert assistant_post(assistant, pressed) == 200
    answers = wait_for_text(platforms, chat_id, "De Zevenkamer")
    assert "Mellestraat 15" in answers[-1], f"Heule's dienstencentrum is De Zevenkamer, Mellestraat 15: {answers}"
    query_id = pressed["callback_query"]["id"]
    assert platforms.of("telegram", "answerCallbackQuery", lambda c: c.body == {"callback_query_id": query_id})


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["photo", "sticker", "voice", "location"])
def test_the_assistant_answers_not_text_to_what_it_cannot_read(assistant: Any, kind: str) -> None:
    chat_id = next(_chat_ids)
    update = {"update_id": next(_update_ids), "message": message(chat_id, **NOT_TEXT_CONTENT[kind])}
    assert assistant_post(assistant, update) == 200
    assert wait_for_text(assistant.platforms, chat_id, NOT_TEXT) == [NOT_TEXT], kind


@pytest.mark.e2e
def test_an_edited_message_gets_no_answer(assistant: Any) -> None:
    chat_id = next(_chat_ids)
    assert assistant_post(assistant, edited_update(chat_id, "premie dakisolatie?")) == 200
    answers = answered_after(assistant, chat_id)
    assert len(answers) == 1 and LAST_ANSWER_MARK in answers[0], f"the edit was answered: {answers}"


@pytest.mark.e2e
def test_a_redelivered_update_is_answered_once(assistant: Any) -> None:
    chat_id = next(_chat_ids)
    update = text_update(chat_id, "premie dakisolatie?")
    assert assistant_post(assistant, update) == assistant_post(assistant, update) == 200
    answers = answered_after(assistant, chat_id)
    assert sum(PHONE in a for a in answers) == 1, f"update {update['update_id']} was answered twice: {answers}"
    assert LAST_ANSWER_MARK in answers[-1], answers
