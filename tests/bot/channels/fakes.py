"""A stand-in for the Telegram Bot API and the Facebook Graph API on loopback.

It answers in the shapes of the platforms' documentation and records every
call, so the tests can assert what the connectors sent. It runs in a thread
of its own because the Rasa server that calls it is started before the tests.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TELEGRAM_TOKEN = "4242:fake-telegram-token"
FACEBOOK_PAGE_TOKEN = "fake-page-access-token"


@dataclass(frozen=True)
class Call:
    platform: str  # "telegram" or "facebook"
    method: str  # Bot API method ("sendMessage") or Graph edge ("messages")
    body: dict[str, Any]
    query: dict[str, str] = field(default_factory=dict)


class FakePlatforms:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1000)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakePlatforms:
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(10):
            raise RuntimeError("the fake platform APIs did not start")
        return self

    def stop(self) -> None:
        if self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._telegram)
        app.router.add_post("/{version}/me/{edge}", self._facebook)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        self._loop.run_forever()

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    async def _telegram(self, request: web.Request) -> web.Response:
        # The Bot API takes JSON, form fields or a query string alike.
        if request.content_type == "application/json":
            body = await request.json()
        else:
            body = {**request.query, **dict(await request.post())}
        method = request.match_info["method"]
        self._record(Call("telegram", method, body))
        if request.match_info["token"] != TELEGRAM_TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        if method == "sendMessage":
            result: Any = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": body.get("chat_id"), "type": "private"},
                "text": body.get("text"),
            }
        elif method == "getMe":
            result = {"id": 4242, "is_bot": True, "first_name": "Woonwijzer", "username": "woonwijzer_test_bot"}
        else:  # setWebhook, answerCallbackQuery, sendChatAction, ...
            result = True
        return web.json_response({"ok": True, "result": result})

    async def _facebook(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        query = dict(request.query)
        self._record(Call("facebook", request.match_info["edge"], body, query))
        if query.get("access_token") != FACEBOOK_PAGE_TOKEN:
            return web.json_response(
                {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}, status=400
            )
        recipient = (body.get("recipient") or {}).get("id")
        return web.json_response({"recipient_id": recipient, "message_id": f"m_{next(self._ids)}"})

    def of(
        self, platform: str, method: str | None = None, where: Callable[[Call], bool] = lambda _: True
    ) -> list[Call]:
        with self._lock:
            return [
                c for c in self.calls if c.platform == platform and (method is None or c.method == method) and where(c)
            ]

    def wait_for(
        self, platform: str, method: str, where: Callable[[Call], bool], count: int = 1, timeout: float = 30.0
    ) -> list[Call]:
        """The matching calls once at least `count` arrived; Rasa answers a
        webhook before or after its replies go out, so tests wait, never sleep."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(platform, method, where)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(
            f"no {count} × {platform}.{method} call matched in {timeout:.0f} s; calls: {self.of(platform)}"
        )


TELEGRAM_SECRET = "test-secret-token_0123456789"
TELEGRAM_BOT_NAME = "woonwijzer_test_bot"
FACEBOOK_APP_SECRET = "test-app-secret"
FACEBOOK_VERIFY_TOKEN = "test-verify-token"


def channel_env(platforms: FakePlatforms) -> dict[str, str]:
    """Both platform connectors switched on and pointed at the fakes."""
    return {
        "TELEGRAM_ACCESS_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_VERIFY": TELEGRAM_BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": "https://woonwijzer.example/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": platforms.url,
        "FACEBOOK_VERIFY_TOKEN": FACEBOOK_VERIFY_TOKEN,
        "FACEBOOK_APP_SECRET": FACEBOOK_APP_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": FACEBOOK_PAGE_TOKEN,
        "FACEBOOK_API_URL": f"{platforms.url}/v21.0",
    }
