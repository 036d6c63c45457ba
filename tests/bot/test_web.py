"""The web chat's relay, widget files and headers, against a stand-in for Rasa's REST channel on loopback."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot import web as chat_web
from bot.web import make_app, widget_origins
from knowledge import texts
from knowledge.base import KnowledgeBase

CITY = "https://www.kortrijk.be"


@pytest.fixture(scope="module")
def contact() -> str:
    """The Sociaal Huis as the page gives it, which the app is given."""
    return KnowledgeBase.from_source().general_help_contact(short=True)


# Somebody else as general help: the widget's number must follow it.
OTHER_HELP = "Testhuis, tel. 012 34 56 78"


async def no_answer(_: web.Request) -> web.Response:
    return web.json_response([])


def run(contact, scenario, rasa_handler=no_answer, origins=(), rasa_url=None):
    async def go():
        rasa = web.Application()
        rasa.router.add_post("/webhooks/rest/webhook", rasa_handler)
        async with TestClient(TestServer(rasa)) as rasa_client:
            app = make_app(rasa_url or str(rasa_client.make_url("")), contact, origins)
            async with TestClient(TestServer(app)) as client:
                return await scenario(client)

    return asyncio.run(go())


def test_relays_the_message_and_the_reply(contact) -> None:
    seen = {}

    async def rasa(request):
        seen.update(await request.json())
        return web.json_response([{"recipient_id": seen["sender"], "text": "antwoord"}])

    async def scenario(client):
        response = await client.post("/chat", json={"sender": "s1", "message": "hallo"})
        return response.status, await response.json()

    status, body = run(contact, scenario, rasa)
    assert status == 200 and body[0]["text"] == "antwoord"
    assert seen == {"sender": "s1", "message": "hallo"}


def test_long_messages_are_cut(contact) -> None:
    seen = {}

    async def rasa(request):
        seen.update(await request.json())
        return web.json_response([])

    async def scenario(client):
        await client.post("/chat", json={"sender": "s" * 100, "message": "a" * 3000})

    run(contact, scenario, rasa)
    assert len(seen["message"]) == chat_web.MAX_MESSAGE_CHARS and len(seen["sender"]) == 64


@pytest.mark.parametrize("payload", ["not json", json.dumps({"message": "no sender"}), json.dumps([1, 2])])
def test_bad_input_gets_a_dutch_reply(contact, payload: str) -> None:
    async def scenario(client):
        response = await client.post("/chat", data=payload, headers={"Content-Type": "application/json"})
        return response.status, await response.json()

    status, body = run(contact, scenario)
    assert status == 400 and "opnieuw" in body[0]["text"]


def test_rasa_down_gets_a_dutch_reply_with_the_sociaal_huis_number(contact) -> None:
    async def scenario(client):
        response = await client.post("/chat", json={"sender": "s", "message": "hallo"})
        return response.status, await response.json()

    # Nothing listens on the discard port.
    status, body = run(contact, scenario, rasa_url="http://127.0.0.1:9")
    assert status == 502 and "niet bereikbaar" in body[0]["text"]
    assert "056 24 42 22" in body[0]["text"]


def test_widget_config_takes_the_number_from_the_knowledge_base(contact) -> None:
    async def scenario(client):
        response = await client.get("/widget/config")
        return await response.json()

    config = run(contact, scenario)
    assert "056 24 42 22" in config["unreachable"] and "Sociaal Huis" in config["unreachable"]
    assert config["privacy"] == texts.get("utter_privacy", days=30) and "30 dagen" in config["privacy"]
    other = run(OTHER_HELP, scenario)
    assert "012 34 56 78" in other["unreachable"] and "056 24 42 22" not in other["unreachable"]


def test_the_number_is_nowhere_in_the_code() -> None:
    sources = [chat_web.STATIC / "widget.js", chat_web.STATIC / "demo" / "index.html", chat_web.__file__]
    for path in sources:
        text = Path(path).read_text(encoding="utf-8")
        assert not re.search(r"056\D{0,2}24\D?42\D?22", text), f"{path} must take the number from the knowledge base"


def test_web_app_refuses_to_start_without_a_knowledge_base(tmp_path, monkeypatch) -> None:
    def serve(*_, **__):
        raise AssertionError("the web app started without a knowledge base")

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    chat_web.sociaal_huis.cache_clear()
    monkeypatch.setattr(chat_web, "sociaal_huis", chat_web.sociaal_huis.__wrapped__)
    monkeypatch.setattr(chat_web.web, "run_app", serve)
    with pytest.raises(SystemExit) as stopped:
        chat_web.main(["--port", "0"])
    assert "kennisbank" in str(stopped.value) and "make kb" in str(stopped.value)


def test_web_app_refuses_to_start_with_a_bad_widget_origin(monkeypatch) -> None:
    monkeypatch.setenv("WIDGET_ORIGINS", "https://www.kortrijk.be, *")
    with pytest.raises(SystemExit, match="WIDGET_ORIGINS"):
        chat_web.main(["--port", "0"])


def test_widget_origins_must_be_origins() -> None:
    assert widget_origins(" https://www.kortrijk.be/, https://Kortrijk.be ,") == {CITY, "https://kortrijk.be"}
    assert widget_origins("") == frozenset()
    for bad in ["https://x.be; script-src *", "*", "www.kortrijk.be", "https://x.be/pad"]:
        with pytest.raises(ValueError):
            widget_origins(bad)


def test_pages_embed_the_widget_under_a_strict_content_security_policy(contact) -> None:
    async def scenario(client):
        pages = {}
        for path in ["/", "/demo/tweede-pagina", "/widget.js", "/widget.css", "/demo/demo.css"]:
            response = await client.get(path)
            assert response.status == 200, path
            pages[path] = (response.headers, await response.text())
        return pages

    pages = run(contact, scenario, origins=[CITY, "https://kortrijk.be"])
    for path in ["/", "/demo/tweede-pagina"]:
        headers, html = pages[path]
        csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
        assert csp["script-src"] == csp["style-src"] == "'self'", csp
        assert csp["frame-ancestors"] == f"'self' https://kortrijk.be {CITY}"
        assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/widget.js" data-lang="nl" defer>'], path
        assert "<style" not in html and " style=" not in html and "Woonwijzer Kortrijk" in html
    assert "javascript" in pages["/widget.js"][0]["Content-Type"]
    assert pages["/widget.css"][0]["Content-Type"].startswith("text/css")


def test_frame_ancestors_is_self_only_without_widget_origins(contact) -> None:
    async def scenario(client):
        response = await client.get("/")
        return response.headers["Content-Security-Policy"]

    assert run(contact, scenario).endswith("frame-ancestors 'self'")


def test_the_widget_never_builds_html_from_text() -> None:
    script = (chat_web.STATIC / "widget.js").read_text(encoding="utf-8")
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "createContextualFragment",
        "DOMParser",
        ".style.",
    ]:
        assert sink not in script, f"widget.js uses {sink}: text must only go in as text nodes"


def test_cors_for_the_city_only(contact) -> None:
    async def scenario(client):
        answers = {}
        for origin in [CITY, "https://evil.example"]:
            posted = await client.post("/chat", json={"sender": "s", "message": "hallo"}, headers={"Origin": origin})
            config = await client.get("/widget/config", headers={"Origin": origin})
            preflight = await client.options(
                "/chat",
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "content-type",
                },
            )
            answers[origin] = {
                name: (r.status, r.headers)
                for name, r in [("post", posted), ("config", config), ("preflight", preflight)]
            }
        page = await client.get("/", headers={"Origin": CITY})
        return answers, page.headers

    answers, page_headers = run(contact, scenario, origins=[CITY])
    city, evil = answers[CITY], answers["https://evil.example"]
    for name in ["post", "config", "preflight"]:
        assert city[name][1].get("Access-Control-Allow-Origin") == CITY, name
        assert city[name][1].get("Vary") == "Origin", name
        assert not any(h.lower().startswith("access-control-") for h in evil[name][1]), (name, evil[name][1])
    assert city["preflight"][0] == 204
    assert "POST" in city["preflight"][1]["Access-Control-Allow-Methods"]
    assert "content-type" in city["preflight"][1]["Access-Control-Allow-Headers"].lower()
    assert evil["preflight"][0] == 403
    assert city["post"][0] == 200 and evil["post"][0] == 200  # CORS is the browser's guard, not an auth check
    assert "Access-Control-Allow-Origin" not in page_headers, "only the relay's endpoints are for other origins"
