"""The Messenger connector: webhook verification, signed events, replies through the Send API.

Unit tests run the connector's blueprint in a throwaway Sanic server with a stand-in
for Rasa; the e2e tests post signed webhook events to the real running assistant.
Both check what reached the fake Graph API (fakes.py). Webhook bodies follow the
shapes of the Messenger Platform's webhook reference, and every signature is the
HMAC-SHA256 of the exact bytes posted.

Nothing-was-sent checks never sleep: the connector answers each resident's events in
the order they came, so once a later "probe" message from the same sender is
answered, whatever came before it has been handled too.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import logging
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.common import NOT_TEXT
from bot.channels.facebook import (
    CHOOSE,
    GRAPH_API_URL,
    REQUIRED,
    TYPE_THE_NUMBER,
    MessengerInput,
    MessengerOutput,
    Settings,
)
from bot.channels.guard import apology
from bot.contact import sociaal_huis
from tests.bot.channels.fakes import (
    FACEBOOK_APP_SECRET,
    FACEBOOK_PAGE_TOKEN,
    FACEBOOK_VERIFY_TOKEN,
    Call,
    FakePlatforms,
    channel_env,
)

e2e = pytest.mark.e2e


# --- webhook bodies, as the Messenger Platform sends them ------------------------------------------


def new_id() -> str:
    return str(uuid.uuid4().int)[:16]


def new_mid() -> str:
    return f"m_{uuid.uuid4().hex}"


def now_ms() -> int:
    return int(time.time() * 1000)


def text_event(psid: str, text: str, mid: str | None = None) -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": now_ms(),
        "message": {"mid": mid or new_mid(), "text": text},
    }


def quick_reply_event(psid: str, title: str, payload: str) -> dict:
    # Messenger posts the tapped button's title as the text, its payload beside it.
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": now_ms(),
        "message": {"mid": new_mid(), "text": title, "quick_reply": {"payload": payload}},
    }


def postback_event(psid: str, title: str, payload: str) -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": now_ms(),
        "postback": {"title": title, "payload": payload, "mid": new_mid()},
    }


ATTACHMENTS = {
    "image": {"type": "image", "payload": {"url": "https://scontent.xx.fbcdn.net/v/t1.15752-9/foto.jpg"}},
    "sticker": {
        "type": "image",
        "payload": {"url": "https://scontent.xx.fbcdn.net/v/t39.1997-6/duim.png", "sticker_id": 369239263222822},
    },
    "audio": {"type": "audio", "payload": {"url": "https://cdn.fbsbx.com/v/t59.3654-21/spraak.mp4"}},
    "video": {"type": "video", "payload": {"url": "https://video.xx.fbcdn.net/v/t42.3356-2/film.mp4"}},
    "file": {"type": "file", "payload": {"url": "https://cdn.fbsbx.com/v/t59.2708-21/huurcontract.pdf"}},
    "location": {"type": "location", "title": "Locatie", "payload": {"coordinates": {"lat": 50.83, "long": 3.26}}},
}


def attachment_event(psid: str, kind: str = "image") -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": now_ms(),
        "message": {"mid": new_mid(), "attachments": [ATTACHMENTS[kind]]},
    }


def echo_event(psid: str, page: str, text: str) -> dict:
    # The page's own reply, echoed back: sent by the page, to the resident.
    return {
        "sender": {"id": page},
        "recipient": {"id": psid},
        "timestamp": now_ms(),
        "message": {"is_echo": True, "app_id": 1517776481860111, "mid": new_mid(), "text": text},
    }


def delivery_event(psid: str, page: str) -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": page},
        "timestamp": now_ms(),
        "delivery": {"mids": [new_mid()], "watermark": now_ms()},
    }


def read_event(psid: str, page: str) -> dict:
    return {"sender": {"id": psid}, "recipient": {"id": page}, "timestamp": now_ms(), "read": {"watermark": now_ms()}}


def page_body(*entries: list[dict], page: str = "PAGE") -> bytes:
    """One entry per list of events."""
    return json.dumps(
        {"object": "page", "entry": [{"id": page, "time": now_ms(), "messaging": events} for events in entries]}
    ).encode()


def sha256_header(body: bytes, secret: str = FACEBOOK_APP_SECRET) -> dict[str, str]:
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


def signed(body: bytes) -> dict[str, str]:
    return {"Content-Type": "application/json", **sha256_header(body)}


# The refused POSTs: each (headers, body) carries a real question and must reach nobody.
def _no_signature(body: bytes) -> tuple[dict, bytes]:
    return {"Content-Type": "application/json"}, body


def _sha1_only(body: bytes) -> tuple[dict, bytes]:
    # Rasa's own connector accepts this older header; Messenger also sends X-Hub-Signature-256.
    return {"X-Hub-Signature": "sha1=" + hmac.new(FACEBOOK_APP_SECRET.encode(), body, hashlib.sha1).hexdigest()}, body


def _wrong_secret(body: bytes) -> tuple[dict, bytes]:
    return sha256_header(body, "not-the-app-secret"), body


def _other_body(body: bytes) -> tuple[dict, bytes]:
    # The signature of another message, with this question swapped in.
    return sha256_header(body.replace(b"premie dakisolatie?", b"hallo")), body


def _reserialised(body: bytes) -> tuple[dict, bytes]:
    # The signature of the same JSON with other spacing: only the raw bytes count.
    return sha256_header(json.dumps(json.loads(body), indent=2).encode()), body


REFUSALS = {
    "no signature": _no_signature,
    "only SHA-1 X-Hub-Signature": _sha1_only,
    "wrong secret": _wrong_secret,
    "signature of another body": _other_body,
}
MALFORMED = {
    "bare hex, no sha256=": lambda b: (
        {"X-Hub-Signature-256": sha256_header(b)["X-Hub-Signature-256"].removeprefix("sha256=")},
        b,
    ),
    "empty sha256=": lambda b: ({"X-Hub-Signature-256": "sha256="}, b),
    "not ASCII": lambda b: ({"X-Hub-Signature-256": "sha256=é"}, b),
    "re-serialised JSON": _reserialised,
}


# --- what reached the fake Graph API -----------------------------------------------------------------


def to(psid: str, where: Callable[[Call], bool] = lambda _: True) -> Callable[[Call], bool]:
    return lambda call: (call.body.get("recipient") or {}).get("id") == psid and where(call)


def saying(fragment: str) -> Callable[[Call], bool]:
    return lambda call: fragment in ((call.body.get("message") or {}).get("text") or "")


def texts(platforms: FakePlatforms, psid: str) -> list[str]:
    return [c.body["message"].get("text", "") for c in platforms.of("facebook", "messages", to(psid))]


# --- unit layer: the blueprint in a throwaway Sanic server, Rasa replaced by a stand-in --------------


class StandIn:
    """Rasa's place: records each UserMessage and answers "antwoord op <text>" as Rasa does, through
    send_response (the connector hands Rasa its output channel wrapped by guard.py)."""

    def __init__(self, fail: bool = False) -> None:
        self.received: list[UserMessage] = []
        self.turns: list[tuple[str, str]] = []  # ("start"/"end", text): whether turns overlapped
        self.gates: dict[str, asyncio.Event] = {}  # text → what its turn waits for before answering
        self._fail = fail

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        self.turns.append(("start", message.text))
        if self._fail:
            raise RuntimeError("the stand-in fails on purpose")
        if message.text in self.gates:
            await asyncio.wait_for(self.gates[message.text].wait(), 5)
        await message.output_channel.send_response(message.sender_id, {"text": f"antwoord op {message.text}"})
        self.turns.append(("end", message.text))

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.received]


@dataclass
class Webhook:
    session: aiohttp.ClientSession
    url: str
    platforms: FakePlatforms

    async def post(self, body: bytes, headers: dict[str, str]) -> int:
        async with self.session.post(self.url, data=body, headers=headers) as answer:
            return answer.status

    async def send(self, *events: dict) -> int:
        body = page_body(list(events))
        return await self.post(body, signed(body))

    async def verify(self, params: dict[str, str]) -> tuple[int, str]:
        async with self.session.get(self.url, params=params) as answer:
            return answer.status, await answer.text()

    async def answered(self, psid: str, where: Callable[[Call], bool], count: int = 1) -> list[Call]:
        # wait_for blocks; in a thread, the server on this loop goes on answering.
        return await asyncio.to_thread(self.platforms.wait_for, "facebook", "messages", to(psid, where), count, 10)

    async def probe(self, psid: str) -> None:
        """A message after the others; once it is answered, everything before it was handled."""
        assert await self.send(text_event(psid, "probe")) == 200
        await self.answered(psid, saying("antwoord op probe"))


_apps = itertools.count()


@asynccontextmanager
async def serving(channel: MessengerInput, stand_in: StandIn, platforms: FakePlatforms) -> AsyncIterator[Webhook]:
    app = Sanic(f"messenger_test_{next(_apps)}", configure_logging=False)
    app.blueprint(channel.blueprint(stand_in), url_prefix="/webhooks/facebook")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            yield Webhook(session, f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/facebook/webhook", platforms)
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


@pytest.fixture
def channel(monkeypatch: pytest.MonkeyPatch, platforms: FakePlatforms) -> MessengerInput:
    # Sanic prepares its request handling once per process unless told that apps come and go.
    monkeypatch.setattr(Sanic, "test_mode", True)
    for name, value in channel_env(platforms).items():
        monkeypatch.setenv(name, value)
    return MessengerInput.from_credentials(None)


def run(
    channel: MessengerInput,
    platforms: FakePlatforms,
    scenario: Callable[[Webhook], Awaitable[Any]],
    stand_in: StandIn | None = None,
) -> StandIn:
    stand_in = stand_in or StandIn()

    async def main() -> None:
        async with serving(channel, stand_in, platforms) as webhook:
            await scenario(webhook)

    asyncio.run(main())
    return stand_in


# settings


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_setting_is_required_at_start_up(monkeypatch, platforms, missing: str) -> None:
    for name, value in channel_env(platforms).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    with pytest.raises(ValueError, match=missing):
        MessengerInput.from_credentials(None)


def test_the_graph_api_is_the_default_address() -> None:
    env = {"FACEBOOK_VERIFY_TOKEN": "v", "FACEBOOK_APP_SECRET": "s", "FACEBOOK_PAGE_ACCESS_TOKEN": "t"}
    assert Settings.from_env(env).api_url == GRAPH_API_URL == "https://graph.facebook.com/v21.0"


# GET verification


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {"hub.mode": "subscribe", "hub.verify_token": FACEBOOK_VERIFY_TOKEN, "hub.challenge": "1158201444"},
            (200, "1158201444"),
        ),
        ({"hub.mode": "subscribe", "hub.verify_token": "meatyhamhock", "hub.challenge": "1158201444"}, (403, None)),
        ({"hub.mode": "subscribe", "hub.verify_token": FACEBOOK_VERIFY_TOKEN[:-1], "hub.challenge": "1"}, (403, None)),
        ({"hub.mode": "unsubscribe", "hub.verify_token": FACEBOOK_VERIFY_TOKEN, "hub.challenge": "1"}, (403, None)),
        ({"hub.verify_token": FACEBOOK_VERIFY_TOKEN, "hub.challenge": "1"}, (403, None)),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, (403, None)),
    ],
    ids=["right token", "wrong token", "token prefix", "wrong mode", "no mode", "no token"],
)
def test_verification(channel, platforms, params: dict, expected: tuple) -> None:
    seen = {}

    async def scenario(webhook: Webhook) -> None:
        seen["status"], seen["text"] = await webhook.verify(params)

    run(channel, platforms, scenario)
    assert seen["status"] == expected[0], f"{params} should get {expected[0]}"
    if expected[1]:
        assert seen["text"] == expected[1], "the challenge is echoed as plain text"


# POST signature


@pytest.mark.parametrize("refusal", [*REFUSALS.values(), *MALFORMED.values()], ids=[*REFUSALS, *MALFORMED])
def test_unsigned_or_badly_signed_posts_are_refused_and_never_handled(channel, platforms, refusal) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        headers, body = refusal(page_body([text_event(psid, "premie dakisolatie?")]))
        assert await webhook.post(body, {"Content-Type": "application/json", **headers}) == 403
        await webhook.probe(psid)

    stand_in = run(channel, platforms, scenario)
    assert stand_in.texts == ["probe"], "a refused POST must not reach the assistant"
    assert texts(platforms, psid) == ["antwoord op probe"], "a refused POST must not be answered"


def test_the_signature_is_checked_over_the_raw_bytes(channel, platforms) -> None:
    """Spacing and non-ASCII characters as Messenger may send them: signed as posted, accepted."""
    psid = new_id()
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE",
                    "time": now_ms(),
                    "messaging": [text_event(psid, "premie voor een dakisolatie in Kortrijk, ça va?")],
                }
            ],
        },
        indent=1,
        ensure_ascii=False,
    ).encode()

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.post(body, signed(body)) == 200
        await webhook.answered(psid, saying("antwoord op premie"))

    assert run(channel, platforms, scenario).texts == ["premie voor een dakisolatie in Kortrijk, ça va?"]


# events


def test_a_text_becomes_a_user_message_and_its_answer_a_send_api_call(channel, platforms) -> None:
    psid, mid = new_id(), new_mid()

    async def scenario(webhook: Webhook) -> None:
        body = page_body([text_event(psid, "premie dakisolatie?", mid=mid)], page="106213245")
        assert await webhook.post(body, signed(body)) == 200
        await webhook.answered(psid, saying("antwoord op premie dakisolatie?"))

    [message] = run(channel, platforms, scenario).received
    assert (message.text, message.sender_id, message.input_channel, message.message_id, message.metadata) == (
        "premie dakisolatie?",
        psid,
        "facebook",
        mid,
        {"page_id": "106213245"},
    )
    assert message.output_channel.name() == "facebook"
    [call] = platforms.of("facebook", "messages", to(psid))
    assert call.query == {"access_token": FACEBOOK_PAGE_TOKEN}
    assert call.body == {
        "recipient": {"id": psid},
        "messaging_type": "RESPONSE",
        "message": {"text": "antwoord op premie dakisolatie?"},
    }


def test_a_quick_reply_sends_its_payload_not_its_title(channel, platforms) -> None:
    psid, payload = new_id(), '/ask_dienstencentrum{"deelgemeente": "Heule"}'

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.send(quick_reply_event(psid, "Heule", payload)) == 200
        await webhook.answered(psid, saying("antwoord op /ask_dienstencentrum"))

    assert run(channel, platforms, scenario).texts == [payload]


def test_a_postback_sends_its_payload(channel, platforms) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.send(postback_event(psid, "Aan de slag", "hallo")) == 200
        await webhook.answered(psid, saying("antwoord op hallo"))

    assert run(channel, platforms, scenario).texts == ["hallo"], "the Get Started button's payload, not its title"


@pytest.mark.parametrize("kind", ATTACHMENTS)
def test_an_attachment_gets_the_not_text_line_and_skips_the_assistant(channel, platforms, kind: str) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.send(attachment_event(psid, kind)) == 200
        await webhook.answered(psid, saying(NOT_TEXT))

    assert run(channel, platforms, scenario).received == [], f"a {kind} is answered by the connector itself"
    assert texts(platforms, psid) == [NOT_TEXT]


def test_echoes_deliveries_and_reads_are_ignored(channel, platforms) -> None:
    psid, page = new_id(), new_id()

    async def scenario(webhook: Webhook) -> None:
        for event in (
            echo_event(psid, page, "Dag! Ik ben Woonwijzer."),
            delivery_event(psid, page),
            read_event(psid, page),
        ):
            assert await webhook.send(event) == 200
        # An echo comes from the page: probe that side too.
        await webhook.probe(psid)
        await webhook.probe(page)

    stand_in = run(channel, platforms, scenario)
    assert sorted(m.sender_id for m in stand_in.received) == sorted([psid, page])
    assert stand_in.texts == ["probe", "probe"], "echo, delivery and read need no answer"
    assert texts(platforms, psid) == ["antwoord op probe"]


def _postback_without_mid(psid: str, text: str) -> dict:
    # Before Graph API v11 a postback carried no mid: known by its sender and time.
    event = postback_event(psid, "Aan de slag", text)
    del event["postback"]["mid"]
    return event


@pytest.mark.parametrize(
    "event",
    [text_event, lambda psid, text: postback_event(psid, "Aan de slag", text), _postback_without_mid],
    ids=["message", "postback", "postback without mid"],
)
def test_a_redelivered_event_is_answered_once(channel, platforms, event) -> None:
    psid = new_id()
    body = page_body([event(psid, "premie dakisolatie?")])

    async def scenario(webhook: Webhook) -> None:
        assert [await webhook.post(body, signed(body)) for _ in range(2)] == [200, 200], (
            "a redelivery is acknowledged, or Messenger keeps retrying"
        )
        await webhook.probe(psid)

    assert run(channel, platforms, scenario).texts == ["premie dakisolatie?", "probe"]


@pytest.mark.usefixtures("channel")  # for its environment: the replicas read the same
def test_replicas_sharing_redis_answer_a_redelivered_event_once(monkeypatch, platforms, redis_url) -> None:
    """Behind a load balancer Messenger's retry can reach the other replica."""
    monkeypatch.setenv("LOCK_STORE_URL", redis_url)
    replicas = [MessengerInput.from_credentials(None) for _ in range(2)]
    stand_ins = [StandIn(), StandIn()]
    psid = new_id()
    body = page_body([text_event(psid, "premie dakisolatie?")])

    async def main() -> None:
        async with (
            serving(replicas[0], stand_ins[0], platforms) as first,
            serving(replicas[1], stand_ins[1], platforms) as second,
        ):
            for webhook in (first, second, first, second):
                assert await webhook.post(body, signed(body)) == 200
            for webhook in (first, second):
                assert await webhook.send(text_event(psid, "probe")) == 200
            await first.answered(psid, saying("antwoord op probe"), count=2)

    asyncio.run(main())
    assert sorted(stand_ins[0].texts + stand_ins[1].texts) == ["premie dakisolatie?", "probe", "probe"]


def test_every_event_of_every_entry_is_handled_in_order(channel, platforms) -> None:
    psid = new_id()
    body = page_body([text_event(psid, "eerste"), text_event(psid, "tweede")], [text_event(psid, "derde")])

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.post(body, signed(body)) == 200
        await webhook.answered(psid, saying("antwoord op"), count=3)

    stand_in = run(channel, platforms, scenario)
    assert stand_in.turns == [(step, text) for text in ("eerste", "tweede", "derde") for step in ("start", "end")], (
        "a resident's turns follow each other, none starts before the one before has answered"
    )
    assert texts(platforms, psid) == ["antwoord op eerste", "antwoord op tweede", "antwoord op derde"]


def test_a_slow_turn_does_not_hold_up_other_residents(channel, platforms) -> None:
    slow, quick = new_id(), new_id()
    stand_in = StandIn()

    async def scenario(webhook: Webhook) -> None:
        stand_in.gates["traag"] = asyncio.Event()
        assert await webhook.send(text_event(slow, "traag")) == 200
        assert await webhook.send(text_event(quick, "snel")) == 200
        await webhook.answered(quick, saying("antwoord op snel"))
        stand_in.gates["traag"].set()
        await webhook.answered(slow, saying("antwoord op traag"))

    run(channel, platforms, scenario, stand_in)
    assert stand_in.turns == [("start", "traag"), ("start", "snel"), ("end", "snel"), ("end", "traag")]


ODD_BODIES = {
    "not JSON": b"{'object': 'page'",
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[]",
    "another object": json.dumps({"object": "instagram", "entry": []}).encode(),
    "no entry": json.dumps({"object": "page"}).encode(),
    "entry not a list": json.dumps({"object": "page", "entry": {"id": "1"}}).encode(),
    "entry of strings": json.dumps({"object": "page", "entry": ["x", None]}).encode(),
    "messaging not a list": json.dumps({"object": "page", "entry": [{"messaging": "x"}]}).encode(),
    "odd events": json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "messaging": [
                        None,
                        1,
                        {},
                        {"sender": "x", "message": {"text": "zonder afzender"}},
                        {"sender": {"id": {"nested": 1}}, "message": {"text": "x"}},
                        {"sender": {"id": "1"}, "message": {"text": 42}},
                        {"sender": {"id": "1"}, "message": "tekst"},
                        {"sender": {"id": "1"}, "message": {"quick_reply": "x"}},
                        {"sender": {"id": "1"}, "postback": {"payload": None}},
                        {"sender": {"id": "1"}, "reaction": {}},
                        {"sender": {"id": "1"}, "timestamp": [1], "message": {"mid": {"not": "an id"}}},
                    ]
                }
            ],
        }
    ).encode(),
}


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=ODD_BODIES)
def test_odd_bodies_with_a_valid_signature_do_not_break_the_webhook(channel, platforms, caplog, body: bytes) -> None:
    psid = new_id()
    seen = {}

    async def scenario(webhook: Webhook) -> None:
        seen["status"] = await webhook.post(body, signed(body))
        await webhook.probe(psid)

    stand_in = run(channel, platforms, scenario)
    assert seen["status"] in (200, 400)
    assert stand_in.texts == ["probe"], "nothing in an odd body is a resident's message"
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.exc_info]


def test_ids_of_odd_types_do_not_stop_a_message(channel, platforms) -> None:
    psid = new_id()
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": ["PAGE"],
                    "messaging": [
                        {"sender": {"id": psid}, "timestamp": {"t": 1}, "message": {"mid": ["m"], "text": "eerste"}},
                        {"sender": {"id": psid}, "timestamp": [1], "postback": {"mid": {}, "payload": "tweede"}},
                    ],
                }
            ],
        }
    ).encode()

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.post(body, signed(body)) == 200
        await webhook.answered(psid, saying("antwoord op"), count=2)

    stand_in = run(channel, platforms, scenario)
    assert stand_in.texts == ["eerste", "tweede"]
    assert [(m.message_id is not None, m.metadata) for m in stand_in.received] == [(True, None)] * 2, (
        "Rasa makes its own message id; no page id is better than a list"
    )


def test_an_assistant_failure_gets_the_guards_apology_and_the_next_message_still_goes_through(
    channel, platforms, caplog
) -> None:
    psid, sorry = new_id(), apology(sociaal_huis())

    async def scenario(webhook: Webhook) -> None:
        assert await webhook.send(text_event(psid, "premie dakisolatie?")) == 200
        await webhook.answered(psid, saying(sorry))
        assert await webhook.send(text_event(psid, "nog een vraag")) == 200
        await webhook.answered(psid, saying(sorry), count=2)

    assert run(channel, platforms, scenario, StandIn(fail=True)).texts == ["premie dakisolatie?", "nog een vraag"]
    assert "056 24 42 22" in sorry, "the apology names the Sociaal Huis"
    assert "premie dakisolatie" not in caplog.text, "residents' words stay out of the log"


# numbered lists

DEELGEMEENTEN = ["Kortrijk", "Heule", "Bissegem", "Marke", "Rollegem", "Aalbeke", "Bellegem", "Kooigem"]


def buttons(titles: list[str]) -> list[dict[str, str]]:
    return [{"title": t, "payload": f'/ask_dienstencentrum{{"deelgemeente": "{t}"}}'} for t in titles]


# 14 buttons: one more than Messenger's quick replies take.
TOO_MANY = buttons([*DEELGEMEENTEN, "Wevelgem", "Harelbeke", "Kuurne", "Lendelede", "Zwevegem", "Deerlijk"])


@pytest.mark.parametrize("reply", ["2", "2.", " 2 "])
def test_a_number_picks_from_the_list_once(channel, platforms, reply: str) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        await channel.get_output_channel().send_text_with_buttons(psid, "In welke gemeente?", TOO_MANY)
        for said in (reply, "2"):
            assert await webhook.send(text_event(psid, said)) == 200
        await webhook.answered(psid, saying("antwoord op"), count=2)

    assert run(channel, platforms, scenario).texts == [TOO_MANY[1]["payload"], "2"], (
        f"{reply!r} after the list is item 2's payload; a second '2' is just '2' again"
    )


@pytest.mark.parametrize(
    "said", ["toch iets anders: premie dakisolatie?", "650"], ids=["a question", "an amount of three digits"]
)
def test_a_new_message_forgets_the_list(channel, platforms, said: str) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        await channel.get_output_channel().send_text_with_buttons(psid, "In welke gemeente?", TOO_MANY)
        for text in (said, "2"):
            assert await webhook.send(text_event(psid, text)) == 200
        await webhook.answered(psid, saying("antwoord op"), count=2)

    assert run(channel, platforms, scenario).texts == [said, "2"], f"{said!r} goes to the assistant as typed"


def test_a_number_outside_the_list_asks_again_and_keeps_it(channel, platforms) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        await channel.get_output_channel().send_text_with_buttons(psid, "In welke gemeente?", TOO_MANY)
        assert await webhook.send(text_event(psid, "15")) == 200
        await webhook.answered(psid, saying("Typ een nummer van 1 tot 14."))
        assert await webhook.send(text_event(psid, "14")) == 200
        await webhook.answered(psid, saying("antwoord op"))

    assert run(channel, platforms, scenario).texts == [TOO_MANY[13]["payload"]]


def test_a_list_belongs_to_the_resident_it_was_sent_to(channel, platforms) -> None:
    psid, other = new_id(), new_id()

    async def scenario(webhook: Webhook) -> None:
        await channel.get_output_channel().send_text_with_buttons(psid, "In welke gemeente?", TOO_MANY)
        assert await webhook.send(text_event(other, "2")) == 200
        await webhook.answered(other, saying("antwoord op 2"))

    assert run(channel, platforms, scenario).texts == ["2"]


def test_a_photo_between_the_list_and_the_number_keeps_the_list(channel, platforms) -> None:
    psid = new_id()

    async def scenario(webhook: Webhook) -> None:
        await channel.get_output_channel().send_text_with_buttons(psid, "In welke gemeente?", TOO_MANY)
        assert await webhook.send(attachment_event(psid, "sticker"), text_event(psid, "3")) == 200
        await webhook.answered(psid, saying("antwoord op"))

    assert run(channel, platforms, scenario).texts == [TOO_MANY[2]["payload"]]


# output channel, straight against the fake


def output(channel: MessengerInput, send: Callable[[MessengerOutput], Awaitable[None]]) -> None:
    async def main() -> None:
        try:
            await send(channel.get_output_channel())
        finally:
            await channel.close()

    asyncio.run(main())


def test_a_long_answer_goes_out_in_pieces_of_at_most_2000_characters(channel, platforms) -> None:
    psid = new_id()
    sentences = [f"Zin {i} gaat over de premie voor dakisolatie in Kortrijk." for i in range(200)]
    text = " ".join(sentences)[:5000].rsplit(" ", 1)[0]
    assert 4900 < len(text) <= 5000
    output(channel, lambda out: out.send_text_message(psid, text))
    pieces = texts(platforms, psid)
    assert len(pieces) == 3 and all(len(p) <= 2000 for p in pieces), [len(p) for p in pieces]
    assert " ".join(pieces).split() == text.split(), "every word, in order"
    assert pieces[0].endswith("Kortrijk."), "cut after a sentence"


def test_buttons_that_fit_become_quick_replies_on_the_last_piece(channel, platforms) -> None:
    psid = new_id()
    question = "Lees eerst dit. " * 150 + "In welke deelgemeente zoek je een lokaal dienstencentrum?"
    output(channel, lambda out: out.send_text_with_buttons(psid, question, buttons(DEELGEMEENTEN)))
    calls = platforms.of("facebook", "messages", to(psid))
    assert len(calls) == 2 and "quick_replies" not in calls[0].body["message"]
    assert calls[1].body["message"]["text"].endswith("lokaal dienstencentrum?")
    assert calls[1].body["message"]["quick_replies"] == [
        {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons(DEELGEMEENTEN)
    ]


def test_buttons_without_a_text_get_a_short_question(channel, platforms) -> None:
    psid = new_id()
    output(channel, lambda out: out.send_quick_replies(psid, "", buttons(["Heule", "Marke"])))
    [call] = platforms.of("facebook", "messages", to(psid))
    assert call.body["message"]["text"] == CHOOSE and len(call.body["message"]["quick_replies"]) == 2


@pytest.mark.parametrize(
    "count, title, payload, quick",
    [
        (13, 20, 1000, True),
        (14, 5, 20, False),
        (3, 21, 20, False),
        (3, 5, 1001, False),
    ],
    ids=["13 × 20 chars, 1000-char payload: fits", "14 buttons", "a 21-char title", "a 1001-char payload"],
)
def test_quick_replies_only_within_messengers_limits(channel, platforms, count, title, payload, quick) -> None:
    psid = new_id()
    options = [{"title": f"{n:02d}".ljust(title, "x"), "payload": f"{n:02d}".ljust(payload, "y")} for n in range(count)]
    output(channel, lambda out: out.send_text_with_buttons(psid, "Bedoel je:", options))
    [call] = platforms.of("facebook", "messages", to(psid))
    assert ("quick_replies" in call.body["message"]) is quick
    if not quick:
        assert f"{count}. {options[-1]['title']}" in call.body["message"]["text"]


def test_the_numbered_list_reads_as_dutch_text(channel, platforms) -> None:
    psid = new_id()
    long_titles = [
        {"title": "Financiële ondersteuning van de huurder (Sociale huurwoningen)", "payload": "/a"},
        {"title": "Kamers (Sturen van het aanbod)", "payload": "/b"},
        {"title": "Iets anders", "payload": "/deny"},
    ]
    output(channel, lambda out: out.send_text_with_buttons(psid, "Bedoel je:", long_titles))
    [text] = texts(platforms, psid)
    assert text == (
        "Bedoel je:\n\n1. Financiële ondersteuning van de huurder (Sociale huurwoningen)\n"
        f"2. Kamers (Sturen van het aanbod)\n3. Iets anders\n\n{TYPE_THE_NUMBER}"
    )


# Send API errors


def test_a_send_api_error_is_logged_not_raised(monkeypatch, platforms, caplog) -> None:
    for name, value in channel_env(platforms).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FACEBOOK_PAGE_ACCESS_TOKEN", "expired-page-token")
    channel = MessengerInput.from_credentials(None)
    psid = new_id()
    with caplog.at_level(logging.ERROR, logger="bot.channels.facebook"):
        output(channel, lambda out: out.send_text_message(psid, "Dag!"))
    assert platforms.of("facebook", "messages", to(psid)), "the call was made"
    assert "400" in caplog.text and "Invalid OAuth access token." in caplog.text, caplog.text
    assert "expired-page-token" not in caplog.text, "the page token stays out of the log"


def test_an_unreachable_send_api_is_logged_not_raised(monkeypatch, platforms, caplog) -> None:
    for name, value in channel_env(platforms).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FACEBOOK_API_URL", "http://127.0.0.1:9/v21.0")  # nothing listens on the discard port
    channel = MessengerInput.from_credentials(None)
    with caplog.at_level(logging.ERROR, logger="bot.channels.facebook"):
        output(channel, lambda out: out.send_text_message("1", "Dag!"))
    assert "not reachable" in caplog.text and FACEBOOK_PAGE_TOKEN not in caplog.text, caplog.text


# --- e2e layer: signed webhook events into the real running assistant ------------------------------


def rasa_webhook(assistant) -> str:
    return f"http://127.0.0.1:{assistant.ports.rasa}/webhooks/facebook/webhook"


def post(assistant, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(rasa_webhook(assistant), data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def send(assistant, *events: dict) -> None:
    body = page_body(list(events))
    assert post(assistant, body, signed(body)) == 200


def wait(assistant, psid: str, where: Callable[[Call], bool], count: int = 1) -> list[Call]:
    return assistant.platforms.wait_for("facebook", "messages", to(psid, where), count)


def quick_replies(call: Call) -> list[dict]:
    return call.body["message"].get("quick_replies", [])


HEULE = '/ask_dienstencentrum{"deelgemeente": "Heule"}'


def probe(assistant, psid: str) -> None:
    """A message after the others with an answer no context changes; once it is
    answered, everything before it from `psid` was handled."""
    send(assistant, quick_reply_event(psid, "Heule", HEULE))
    wait(assistant, psid, saying("De Zevenkamer"))


@e2e
def test_e2e_verification_through_rasa(assistant) -> None:
    def get(token: str) -> tuple[int, str]:
        query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "8472"})
        try:
            with urllib.request.urlopen(f"{rasa_webhook(assistant)}?{query}", timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, ""

    assert get(FACEBOOK_VERIFY_TOKEN) == (200, "8472")
    assert get("meatyhamhock")[0] == 403


@e2e
@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS)
def test_e2e_refused_posts_reach_nobody(assistant, refusal) -> None:
    psid = new_id()
    headers, body = refusal(page_body([text_event(psid, "premie dakisolatie?")]))
    assert post(assistant, body, {"Content-Type": "application/json", **headers}) == 403
    probe(assistant, psid)
    assert not assistant.platforms.of("facebook", "messages", to(psid, saying("056/27.84.33"))), (
        "the refused question about dakisolatie must not be answered"
    )


@e2e
@pytest.mark.parametrize(
    "question",
    [
        "premie dakisolatie?",
        "waar kan ik een premie voor dakisolatie krijgen?",
        "Hallo, ik wil mijn zolder isoleren, is daar een premie voor?",
    ],
)
def test_e2e_a_resident_question_is_answered_through_the_send_api(assistant, question: str) -> None:
    psid = new_id()
    send(assistant, text_event(psid, question))
    [call] = wait(assistant, psid, saying("056/27.84.33"))
    assert call.query == {"access_token": FACEBOOK_PAGE_TOKEN}
    assert call.body["messaging_type"] == "RESPONSE" and len(call.body["message"]["text"]) <= 2000
    assert "Dakisolatie" in call.body["message"]["text"], f"{question!r} is about the premie for dakisolatie"


@e2e
def test_e2e_deelgemeente_buttons_are_quick_replies_and_a_tap_gets_the_centre(assistant) -> None:
    psid = new_id()
    send(assistant, text_event(psid, "waar is er een dienstencentrum?"))
    [call] = wait(assistant, psid, lambda c: bool(quick_replies(c)))
    options = quick_replies(call)
    assert len(options) <= 13 and all(len(o["title"]) <= 20 and o["content_type"] == "text" for o in options)
    heule = next(o for o in options if o["title"] == "Heule")
    send(assistant, quick_reply_event(psid, heule["title"], heule["payload"]))
    wait(assistant, psid, saying("De Zevenkamer, Mellestraat 15"))


@e2e
def test_e2e_long_choices_become_a_numbered_list_and_a_number_picks_one(assistant) -> None:
    psid = new_id()
    send(assistant, text_event(psid, "huren"))
    [call] = wait(assistant, psid, saying(TYPE_THE_NUMBER))
    assert not quick_replies(call), "the record titles are longer than 20 characters"
    items = dict(re.findall(r"^(\d+)\. (.+)$", call.body["message"]["text"], re.M))
    assert len(items) >= 3 and items[str(len(items))] == "Iets anders", call.body["message"]["text"]
    send(assistant, text_event(psid, "2"))
    title = items["2"].split(" (")[0]  # the answer names the record without its section
    [answer] = wait(assistant, psid, lambda c: saying(title)(c) and not saying(TYPE_THE_NUMBER)(c))
    assert "Bron: " in answer.body["message"]["text"], f"'2' should get the answer about {items['2']!r}"


@e2e
def test_e2e_get_started_postback_greets(assistant) -> None:
    psid = new_id()
    send(assistant, postback_event(psid, "Aan de slag", "hallo"))
    wait(assistant, psid, saying("Ik ben Woonwijzer"))


@e2e
def test_e2e_a_photo_gets_the_not_text_line(assistant) -> None:
    psid = new_id()
    send(assistant, attachment_event(psid, "image"))
    assert [c.body["message"]["text"] for c in wait(assistant, psid, saying(NOT_TEXT))] == [NOT_TEXT]


@e2e
def test_e2e_echo_delivery_and_read_get_nothing(assistant) -> None:
    psid, page = new_id(), new_id()
    send(
        assistant, echo_event(psid, page, "Dag! Ik ben Woonwijzer."), delivery_event(psid, page), read_event(psid, page)
    )
    for sender in (psid, page):
        probe(assistant, sender)
    assert len(texts(assistant.platforms, psid)) == len(texts(assistant.platforms, page)) == 1, (
        "only the probes are answered"
    )


@e2e
def test_e2e_a_redelivered_message_is_answered_once(assistant) -> None:
    psid = new_id()
    body = page_body([text_event(psid, "premie dakisolatie?")])
    assert [post(assistant, body, signed(body)) for _ in range(2)] == [200, 200]
    probe(assistant, psid)
    assert len(assistant.platforms.of("facebook", "messages", to(psid, saying("056/27.84.33")))) == 1


@e2e
def test_e2e_two_messages_in_one_post_are_answered_in_order(assistant) -> None:
    psid = new_id()
    send(assistant, text_event(psid, "premie dakisolatie?"), text_event(psid, "waar is er een dienstencentrum?"))
    wait(assistant, psid, saying("056/27.84.33"))
    wait(assistant, psid, lambda c: bool(quick_replies(c)))
    calls = assistant.platforms.of("facebook", "messages", to(psid))
    first = next(i for i, c in enumerate(calls) if saying("056/27.84.33")(c))
    second = next(i for i, c in enumerate(calls) if quick_replies(c))
    assert first < second, "the dakisolatie answer comes before the deelgemeente question"
