"""The web chat: a small aiohttp app that serves the embeddable widget (widget.js and widget.css),
a demo page of the city's housing site that embeds it, and relays messages to Rasa's REST channel.

Rasa itself stays unexposed: the browser only ever talks to this relay, from the city's pages
through CORS for the origins in WIDGET_ORIGINS.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Collection
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from bot.contact import KnowledgeMissing, sociaal_huis
from knowledge import settings, texts

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 2000
# The paths a city page calls from its own origin; everything else is same-origin only.
CORS_PATHS = frozenset({"/chat", "/widget/config"})
ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?")
# Text only ever goes in as textContent, so nothing on the pages needs inline code or another origin.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'"
)
OTHER_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
CLIENT = web.AppKey("client", ClientSession)
RASA_URL = web.AppKey("rasa_url", str)
ORIGINS = web.AppKey("origins", frozenset)
HEADERS = web.AppKey("headers", dict)
CONFIG = web.AppKey("config", dict)
PAGES = {
    "/": "demo/index.html",
    "/demo/tweede-pagina": "demo/tweede-pagina.html",
    "/demo/demo.css": "demo/demo.css",
    "/widget.js": "widget.js",
    "/widget.css": "widget.css",
}


def widget_origins(value: str) -> frozenset[str]:
    """WIDGET_ORIGINS, "https://www.kortrijk.be,https://kortrijk.be": the sites that may embed the widget."""
    origins = {o.strip().rstrip("/").lower() for o in value.split(",") if o.strip()}
    if bad := sorted(o for o in origins if not ORIGIN.fullmatch(o)):
        # Anything else would end up verbatim in the CSP header.
        raise ValueError(f"not an origin (scheme://host[:port]): {', '.join(bad)}")
    return frozenset(origins)


def widget_config(contact: str, days: int) -> dict[str, str]:
    """The widget's texts that belong to the server: `contact`, the Sociaal Huis as the page gives it."""
    return {
        "unreachable": texts.get("utter_widget_unreachable", contact=contact),
        # What is kept of the conversation (utter_privacy says why that is true); shown under the input.
        "privacy": texts.get("utter_privacy", days=days),
    }


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(request.app[HEADERS])
    return response


@web.middleware
async def cors(request: web.Request, handler):
    """The city's pages may call the relay; any other origin gets no CORS header, so its browser refuses."""
    if request.path not in CORS_PATHS:
        return await handler(request)
    origin = request.headers.get("Origin", "")
    allowed = origin.lower() in request.app[ORIGINS]
    if request.method == "OPTIONS":
        if not allowed:
            return web.Response(status=403, headers={"Vary": "Origin"})
        response = web.Response(
            status=204,
            headers={
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
            },
        )
    else:
        response = await handler(request)
    response.headers["Vary"] = "Origin"
    if allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def _file(name: str):
    async def serve(_: web.Request) -> web.FileResponse:
        # Revalidated on every load (ETag), so a new widget reaches the city's pages at once.
        return web.FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})

    return serve


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def config(request: web.Request) -> web.Response:
    return web.json_response(request.app[CONFIG], headers={"Cache-Control": "no-cache"})


async def chat(request: web.Request) -> web.Response:
    try:
        body = await request.json()
        sender, message = str(body["sender"])[:64], str(body["message"])[:MAX_MESSAGE_CHARS]
    except (ValueError, KeyError, TypeError):
        return web.json_response([{"text": "Ik kon je bericht niet lezen. Typ je vraag opnieuw."}], status=400)
    url = f"{request.app[RASA_URL]}/webhooks/rest/webhook"
    try:
        # The header lets a proxy in front of several Rasa replicas route a conversation to one of them.
        async with request.app[CLIENT].post(
            url, json={"sender": sender, "message": message}, headers={"X-Woonwijzer-Sender": sender}
        ) as reply:
            return web.json_response(await reply.json(), status=reply.status)
    except (ClientError, TimeoutError, ValueError):
        return web.json_response([{"text": request.app[CONFIG]["unreachable"]}], status=502)


async def _client(app: web.Application):
    app[CLIENT] = ClientSession(timeout=ClientTimeout(total=30))
    yield
    await app[CLIENT].close()


def make_app(rasa_url: str, contact: str, origins: Collection[str] = (), days: int = 30) -> web.Application:
    app = web.Application(middlewares=[security_headers, cors], client_max_size=16 * 1024)
    app[RASA_URL] = rasa_url.rstrip("/")
    app[ORIGINS] = frozenset(origins)
    app[CONFIG] = widget_config(contact, days)
    ancestors = " ".join(["'self'", *sorted(origins)])
    app[HEADERS] = {"Content-Security-Policy": f"{CSP}; frame-ancestors {ancestors}", **OTHER_SECURITY_HEADERS}
    app.cleanup_ctx.append(_client)
    for path, name in PAGES.items():
        app.router.add_get(path, _file(name))
    app.router.add_get("/health", health)
    app.router.add_get("/widget/config", config)
    app.router.add_post("/chat", chat)
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.web")
    parser.add_argument("--port", type=int, default=settings.port("WEB_PORT"))
    parser.add_argument("--host", default=settings.bind_host())
    args = parser.parse_args(argv)
    try:
        origins = widget_origins(settings.value("WIDGET_ORIGINS"))
    except ValueError as error:
        sys.exit(f"WIDGET_ORIGINS klopt niet: {error}.\nWIDGET_ORIGINS is wrong: {error}.")
    try:
        contact = sociaal_huis()
    except KnowledgeMissing as error:
        sys.exit(f"De webchat start niet. {error}")
    app = make_app(settings.value("RASA_URL"), contact, origins, settings.retention_days())
    web.run_app(app, host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
