"""The web chat page's relay, against a stand-in for Rasa's REST channel on loopback."""
from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web import make_app


async def _with_clients(rasa_handler, scenario):
    rasa = web.Application()
    rasa.router.add_post("/webhooks/rest/webhook", rasa_handler)
    async with TestClient(TestServer(rasa)) as rasa_client:
        app = make_app(str(rasa_client.make_url("")))
        async with TestClient(TestServer(app)) as client:
            return await scenario(client)


def test_relays_the_message_and_the_reply() -> None:
    seen = {}

    async def rasa(request):
        seen.update(await request.json())
        return web.json_response([{"recipient_id": seen["sender"], "text": "antwoord"}])

    async def scenario(client):
        response = await client.post("/chat", json={"sender": "s1", "message": "hallo"})
        return response.status, await response.json()

    status, body = asyncio.run(_with_clients(rasa, scenario))
    assert status == 200 and body[0]["text"] == "antwoord"
    assert seen == {"sender": "s1", "message": "hallo"}


@pytest.mark.parametrize("payload", ["not json", json.dumps({"message": "no sender"}), json.dumps([1, 2])])
def test_bad_input_gets_a_dutch_reply(payload: str) -> None:
    async def rasa(request):
        return web.json_response([])

    async def scenario(client):
        response = await client.post("/chat", data=payload, headers={"Content-Type": "application/json"})
        return response.status, await response.json()

    status, body = asyncio.run(_with_clients(rasa, scenario))
    assert status == 400 and "opnieuw" in body[0]["text"]


def test_rasa_down_gets_a_dutch_reply() -> None:
    async def scenario(client):
        response = await client.post("/chat", json={"sender": "s", "message": "hallo"})
        return response.status, await response.json()

    async def run():
        app = make_app("http://127.0.0.1:9")  # nothing listens on the discard port
        async with TestClient(TestServer(app)) as client:
            return await scenario(client)

    status, body = asyncio.run(run())
    assert status == 502 and "niet bereikbaar" in body[0]["text"]


def test_page_is_served_with_a_strict_content_security_policy() -> None:
    async def scenario(client):
        page = await client.get("/")
        script = await client.get("/static/chat.js")
        return page.headers["Content-Security-Policy"], await page.text(), await script.text()

    async def rasa(request):
        return web.json_response([])

    csp, html, script = asyncio.run(_with_clients(rasa, scenario))
    assert "script-src 'self'" in csp and "<script src=\"/static/chat.js\">" in html
    assert "innerHTML" not in script, "user and bot text must only ever be set as textContent"
