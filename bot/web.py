"""The web chat page: a small aiohttp app that serves the chat page and relays
messages to Rasa's REST channel, so the browser talks to one origin only."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 2000
# Nothing on the page comes from elsewhere; user text is only ever set as textContent.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
CLIENT = web.AppKey("client", ClientSession)
RASA_URL = web.AppKey("rasa_url", str)
UNREACHABLE = [{"text": "Woonwijzer is even niet bereikbaar. Probeer het zo opnieuw, of bel het Sociaal Huis."}]


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def index(_: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html")


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def chat(request: web.Request) -> web.Response:
    try:
        body = await request.json()
        sender, message = str(body["sender"])[:64], str(body["message"])[:MAX_MESSAGE_CHARS]
    except (ValueError, KeyError, TypeError):
        return web.json_response([{"text": "Ik kon je bericht niet lezen. Typ je vraag opnieuw."}], status=400)
    url = f"{request.app[RASA_URL]}/webhooks/rest/webhook"
    try:
        async with request.app[CLIENT].post(url, json={"sender": sender, "message": message}) as reply:
            return web.json_response(await reply.json(), status=reply.status)
    except (ClientError, TimeoutError, ValueError):
        return web.json_response(UNREACHABLE, status=502)


async def _client(app: web.Application):
    app[CLIENT] = ClientSession(timeout=ClientTimeout(total=30))
    yield
    await app[CLIENT].close()


def make_app(rasa_url: str) -> web.Application:
    app = web.Application(middlewares=[security_headers], client_max_size=16 * 1024)
    app[RASA_URL] = rasa_url.rstrip("/")
    app.cleanup_ctx.append(_client)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_post("/chat", chat)
    app.router.add_static("/static/", STATIC)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.web")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", 8080)))
    args = parser.parse_args()
    web.run_app(make_app(os.environ.get("RASA_URL", "http://127.0.0.1:5005")),
                host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
