"""The chat widget in a real browser (Debian's headless Chromium), against the running assistant.

What a resident does, by keyboard where it matters: open the widget, ask, follow links, pick a
quick reply, reload, move to another page, start over, and what happens when the assistant is
down. Also: text never becomes HTML, axe-core finds nothing serious, the panel fits a 320 px
phone and 200 % zoom, animations stop for reduced motion, and the widget works embedded in
another site (CORS) without that site's CSS reaching it.
"""

from __future__ import annotations

import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot import stack as st
from knowledge.base import KnowledgeBase
from knowledge.settings import ROOT

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
REPLY_MS = 60_000
STORE_KEY = "woonwijzer-gesprek"
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[klik](javascript:alert(1))"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium): the widget's browser tests cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        print(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(browser: Browser, assistant) -> str:
    # The browser comes first: without Chromium the test skips before the assistant starts.
    return f"http://127.0.0.1:{assistant.ports.web}"


@pytest.fixture(scope="module")
def help_phone() -> str:
    """The Sociaal Huis number as the web app reads it (DATABASE_URL or var/)."""
    return KnowledgeBase.load().general_help().contact.phone


@dataclass
class Watched:
    """A page, and whatever went wrong in it that no assertion would see: a dialog, a script error, a CSP refusal."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        def on_dialog(dialog) -> None:
            self.problems.append(f"dialog {dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(message) -> None:
            if "Content Security Policy" in message.text:
                self.problems.append(f"CSP refused: {message.text}")

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("console", on_console)


@pytest.fixture
def watched(browser: Browser, site: str):
    context = browser.new_context(viewport=DESKTOP, locale="nl-BE")
    page = Watched(context.new_page())
    yield page
    context.close()
    assert not page.problems, "\n".join(page.problems)


class Widget:
    def __init__(self, page: Page):
        self.page = page
        self.launcher = page.get_by_role("button", name="Vraag het Woonwijzer")
        self.panel = page.get_by_role("dialog", name="Woonwijzer")
        self.input = page.get_by_role("textbox", name="Je vraag")
        self.send = page.get_by_role("button", name="Stuur", exact=True)
        self.restart = page.get_by_role("button", name="Nieuw gesprek")
        self.close = page.get_by_role("button", name="Sluiten")
        self.log = page.get_by_role("log")
        self.status = page.get_by_role("status")
        self.bot = page.locator(".msg.bot")
        self.user = page.locator(".msg.user")
        self.choices = page.locator(".choice")

    def open(self) -> None:
        self.launcher.click()
        expect(self.panel).to_be_visible()

    def ask(self, text: str) -> str:
        """Send `text` with Enter and wait for the answer; the answer's bubbles as one text."""
        before = self.bot.count()
        self.input.fill(text)
        self.input.press("Enter")
        expect(self.bot.nth(before)).to_be_attached(timeout=REPLY_MS)
        expect(self.send).to_be_enabled(timeout=REPLY_MS)
        return "\n".join(self.bot.nth(i).inner_text() for i in range(before, self.bot.count()))

    def stored(self) -> dict | None:
        return self.page.evaluate(f"() => JSON.parse(sessionStorage.getItem({STORE_KEY!r}))")

    def shadow(self, script: str):
        """Evaluate `script` (an expression over `root`, the widget's shadow root) in the page."""
        return self.page.evaluate(
            f"() => {{ const root = document.querySelector('woonwijzer-chat').shadowRoot; return {script}; }}"
        )


def _run_axe(page: Page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""() => axe.run(document).then(result => result.violations.map(v => (
        {id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target)})))""")


def _assert_no_serious_violations(page: Page, when: str) -> None:
    violations = _run_axe(page)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    listing = "\n".join(f"  {v['impact']}: {v['id']} ({v['help']}) at {v['targets']}" for v in violations)
    assert not serious, f"axe-core {when}:\n{listing}"


def test_a_conversation_by_keyboard_with_working_links(watched: Watched, site: str) -> None:
    page = watched.page
    widget = Widget(page)
    page.goto(site + "/")
    # The widget comes last in the tab order, after the page's own last link.
    page.get_by_role("link", name="premies voor je woning").focus()
    page.keyboard.press("Tab")
    expect(widget.launcher).to_be_focused()
    outline = widget.launcher.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2, f"no visible focus: {outline}"
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(widget.input).to_be_focused()
    assert widget.shadow("root.querySelector('.root').lang") == "nl"
    expect(widget.log).to_have_attribute("aria-live", "polite")

    page.keyboard.type("premie dakisolatie?")
    page.keyboard.press("Enter")
    expect(widget.bot.nth(1)).to_contain_text("056/27.84.33", timeout=REPLY_MS)
    expect(widget.input).to_be_focused()
    expect(widget.user.last).to_have_text("Jij: premie dakisolatie?")
    assert widget.bot.nth(1).text_content().startswith("Woonwijzer: ")
    tel = widget.bot.nth(1).get_by_role("link", name="056/27.84.33")
    expect(tel).to_have_attribute("href", "tel:+3256278433")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Finished, not mid slide-in: finite animations are run to their end for the picture.
    page.screenshot(path=SCREENSHOTS / "widget-desktop.png", animations="disabled")

    contact = widget.ask("hoe bereik ik het sociaal huis?")
    assert "info@sociaalhuiskortrijk.be" in contact, contact
    expect(widget.bot.get_by_role("link", name="info@sociaalhuiskortrijk.be")).to_have_attribute(
        "href", "mailto:info@sociaalhuiskortrijk.be"
    )
    expect(widget.bot.locator('a[href="tel:+3256244222"]')).to_have_text("056 24 42 22")

    rules = widget.ask("waar vind ik de politieverordening?")
    assert "www.kortrijk.be" in rules, rules
    web_link = widget.bot.last.locator('a[href^="https://www.kortrijk.be"]')
    expect(web_link).to_have_attribute("href", "https://www.kortrijk.be/")
    expect(web_link).to_have_attribute("target", "_blank")
    expect(web_link).to_have_attribute("rel", "noopener noreferrer")
    # Line breaks of the answer stay (its "Contact:" line is a line of its own).
    assert widget.bot.last.locator(".text").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-line"
    assert re.search(r"\n\s*Contact:", widget.bot.last.inner_text()), widget.bot.last.inner_text()


def test_quick_replies_and_the_conversation_follows_the_resident(watched: Watched, site: str) -> None:
    page = watched.page
    widget = Widget(page)
    page.goto(site + "/")
    widget.open()
    question = widget.ask("waar is er een dienstencentrum?")
    group = page.get_by_role("group", name=re.compile("deelgemeente"))
    expect(group).to_be_visible()
    choices = group.get_by_role("button")
    shown = choices.count()
    assert shown >= 2, question
    # A reply with choices puts focus on its first choice; Tab moves on to the next.
    expect(choices.first).to_be_focused()
    second = choices.nth(1).inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(widget.user.last).to_have_text(f"Jij: {second}")
    expect(widget.bot.last).to_contain_text(f"dienstencentrum in {second}", timeout=REPLY_MS)
    expect(widget.send).to_be_enabled()
    for i in range(choices.count()):
        expect(choices.nth(i)).to_be_disabled()
    expect(choices.nth(1)).to_have_class(re.compile("chosen"))
    expect(widget.input).to_be_focused()
    transcript = widget.log.inner_text()
    stored = widget.stored()
    assert stored["sender"].startswith("web-") and len(stored["messages"]) == 4, stored

    page.reload()
    expect(widget.panel).to_be_visible()
    expect(widget.log).to_have_text(transcript, use_inner_text=True)
    expect(choices).to_have_count(shown)  # the loop below checks the restored choices, not none
    for i in range(choices.count()):
        expect(choices.nth(i)).to_be_disabled()
    expect(choices.nth(1)).to_have_class(re.compile("chosen"))

    page.get_by_role("link", name="Premies", exact=True).click()
    expect(page).to_have_url(site + "/demo/tweede-pagina")
    expect(widget.panel).to_be_visible()
    expect(widget.log).to_have_text(transcript, use_inner_text=True)
    assert widget.stored()["sender"] == stored["sender"]

    widget.close.click()
    page.reload()
    expect(widget.launcher).to_be_visible()
    expect(widget.panel).to_be_hidden()

    widget.open()
    widget.restart.click()
    expect(widget.user).to_have_count(0)
    expect(widget.bot).to_have_count(1)  # the greeting
    expect(widget.status).to_have_text("Nieuw gesprek gestart.")
    expect(widget.input).to_be_focused()
    fresh = widget.stored()
    assert fresh["messages"] == [] and fresh["sender"] != stored["sender"], fresh
    assert re.fullmatch(r"web-[0-9a-f-]{36}", fresh["sender"]), fresh["sender"]
    widget.ask("premie dakisolatie?")
    assert page.evaluate(f"() => localStorage.getItem({STORE_KEY!r})") is None, "kept beyond the tab"

    # Another tab of the same browser starts empty: sessionStorage is per tab.
    other = Widget(page.context.new_page())
    other.page.goto(site + "/")
    other.open()
    expect(other.user).to_have_count(0)


def test_one_message_at_a_time(watched: Watched, site: str) -> None:
    page = watched.page
    widget = Widget(page)
    held = []
    page.route("**/chat", lambda route: held.append(route))
    page.goto(site + "/")
    widget.open()
    widget.input.fill("premie dakisolatie?")
    widget.input.press("Enter")
    expect(widget.send).to_be_disabled()
    expect(widget.status).to_have_text("Woonwijzer typt…")
    expect(page.locator(".dots")).to_be_visible()
    widget.input.fill("en voor een regenput?")
    widget.input.press("Enter")
    expect(widget.user).to_have_count(1)
    expect(widget.input).to_have_value("en voor een regenput?")
    assert len(held) == 1
    held[0].continue_()
    expect(widget.bot.last).to_contain_text("056/27.84.33", timeout=REPLY_MS)
    expect(widget.send).to_be_enabled()
    expect(widget.status).to_have_text("")
    expect(page.locator(".dots")).to_be_hidden()
    page.unroute("**/chat")


def test_text_is_never_html(watched: Watched, site: str) -> None:
    page = watched.page
    widget = Widget(page)
    page.goto(site + "/")
    widget.open()
    for attack in XSS:
        widget.ask(attack)
        expect(widget.user.last.locator(".text")).to_have_text(attack)
    created = widget.shadow("root.querySelectorAll('script, img, iframe, object, embed, [onerror], [onclick]').length")
    assert created == 0
    hrefs = widget.shadow("[...root.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    hrefs += page.evaluate("() => [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))")
    assert hrefs, "neither the page nor the widget holds a link to check"
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], hrefs
    # The links the widget makes have these schemes only (the stylesheet's link is its own origin).
    anchors = widget.shadow("[...root.querySelectorAll('a')].map(a => a.protocol)")
    assert set(anchors) <= {"tel:", "mailto:", "https:", "http:"}, anchors
    page.reload()  # and after a reload, from storage, the same
    expect(widget.user).to_have_count(len(XSS))
    for i, attack in enumerate(XSS):
        expect(widget.user.nth(i).locator(".text")).to_have_text(attack)
    assert widget.shadow("root.querySelectorAll('script, img, [onerror]').length") == 0


def test_escape_closes_and_focus_returns_to_the_launcher(watched: Watched, site: str) -> None:
    page = watched.page
    widget = Widget(page)
    page.goto(site + "/")
    widget.launcher.focus()
    page.keyboard.press("Space")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    page.keyboard.press("Shift+Tab")  # from the input back into the log, then Escape from there too
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    widget.open()
    widget.close.click()
    expect(widget.launcher).to_be_focused()


def test_axe_finds_nothing_serious(browser: Browser, site: str) -> None:
    # axe sets inline styles while it measures; the page's own CSP is tested everywhere else.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    try:
        page = context.new_page()
        widget = Widget(page)
        page.goto(site + "/")
        expect(widget.launcher).to_be_visible()
        _assert_no_serious_violations(page, "on the page with the widget closed")
        widget.open()
        widget.ask("waar is er een dienstencentrum?")
        widget.choices.first.click()  # a set of answered, disabled choices
        expect(widget.send).to_be_enabled(timeout=REPLY_MS)
        widget.ask("waar is er een dienstencentrum?")  # and a set still open
        widget.ask("hoe bereik ik het sociaal huis?")  # links
        _assert_no_serious_violations(page, "with a conversation open")
        page.set_viewport_size({"width": 320, "height": 640})
        _assert_no_serious_violations(page, "at 320 px")
    finally:
        context.close()


def _fits(widget: Widget, width: int, height: int) -> None:
    page = widget.page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert widget.shadow("root.querySelector('.log').scrollWidth <= root.querySelector('.log').clientWidth")
    # Measured once the panel has slid in: a fast answer can come before its opening animation ends.
    widget.panel.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")
    box = widget.panel.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
    assert box["y"] + box["height"] <= height + 0.5, box
    for control in (widget.input, widget.send, widget.close, widget.restart):
        expect(control).to_be_in_viewport(ratio=1)
    assert widget.log.bounding_box()["height"] >= 80, "no room left for the conversation"


def test_phone_width_and_zoom(browser: Browser, site: str) -> None:
    # 200 % zoom on a 1280 by 800 screen: 640 by 400 CSS pixels at twice the density.
    for viewport, scale, shot in [
        ({"width": 320, "height": 640}, 2, "widget-320.png"),
        ({"width": 640, "height": 400}, 2, None),
    ]:
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        try:
            widget = Widget(context.new_page())
            widget.page.goto(site + "/")
            expect(widget.launcher).to_be_in_viewport(ratio=1)
            widget.open()
            widget.ask("premie dakisolatie?")
            _fits(widget, viewport["width"], viewport["height"])
            assert widget.panel.bounding_box()["width"] == viewport["width"], "the panel takes the full width"
            if shot:
                widget.page.screenshot(path=SCREENSHOTS / shot, animations="disabled")
        finally:
            context.close()


def test_reduced_motion_stops_the_animations(browser: Browser, site: str) -> None:
    animations = (
        "[root.querySelector('.panel'), root.querySelector('.dots span')].map(e => getComputedStyle(e).animationName)"
    )
    seen = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(viewport=DESKTOP, reduced_motion=motion)
        try:
            widget = Widget(context.new_page())
            widget.page.goto(site + "/")
            widget.open()
            seen[motion] = widget.shadow(animations)
        finally:
            context.close()
    assert "none" not in seen["no-preference"], seen
    assert seen["reduce"] == ["none", "none"], seen


def test_unreachable_and_empty_answers_say_what_to_do(watched: Watched, site: str, help_phone: str) -> None:
    page = watched.page
    widget = Widget(page)
    page.goto(site + "/")
    widget.open()
    page.route("**/chat", lambda route: route.abort())
    answer = widget.ask("premie dakisolatie?")
    assert "niet bereikbaar" in answer and help_phone in answer, answer
    expect(widget.bot.last.get_by_role("link", name=help_phone)).to_have_attribute(
        "href", "tel:+32" + re.sub(r"\D", "", help_phone)[1:]
    )
    expect(widget.send).to_be_enabled()
    expect(widget.status).to_have_text("")
    expect(widget.input).to_be_focused()

    page.unroute("**/chat")
    page.route("**/chat", lambda route: route.fulfill(status=200, content_type="application/json", body="[]"))
    assert "Daar heb ik geen antwoord op" in widget.ask("premie dakisolatie?")
    page.unroute("**/chat")

    # Without the widget's config, the relay's own 502 answer is the fallback.
    page.route("**/widget/config", lambda route: route.abort())
    page.route(
        "**/chat",
        lambda route: route.fulfill(
            status=502,
            content_type="application/json",
            body='[{"text": "Relay: even niet bereikbaar, bel 012 34 56 78."}]',
        ),
    )
    page.reload()
    assert "Relay: even niet bereikbaar" in widget.ask("premie dakisolatie?")
    expect(widget.send).to_be_enabled()


# Hostile to the widget on purpose: none of it may reach inside the shadow root.
CITY_CSS = b"""body { font: 30px/3 serif; color: #c00; letter-spacing: 4px; }
button, input, section, div, p, span, a { all: unset; display: block; background: red; font-size: 40px; }
"""


def _city_page(widget_url: str) -> bytes:
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Stad</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/stad.css"></head>
<body><main><h1>Stad Kortrijk</h1><p>Een pagina van de stad zelf.</p></main>
<script src="{widget_url}/widget.js" data-woonwijzer-url="{widget_url}" data-lang="nl" defer></script>
</body></html>""".encode()


@pytest.fixture(scope="module")
def city(browser: Browser, assistant, tmp_path_factory: pytest.TempPathFactory):
    """A second web app that lets http://localhost:PORT embed it, and that "city site" on PORT;
    the same site as http://127.0.0.1:PORT is another origin, one the web app does not know."""
    web_port, city_port = st.free_port(), st.free_port()
    widget_url = f"http://127.0.0.1:{web_port}"
    page = _city_page(widget_url)
    # The city's own strict CSP: the widget needs its origin for script, style and connect only.
    csp = (
        f"default-src 'self'; img-src 'self' data:; script-src 'self' {widget_url}; "
        f"style-src 'self' {widget_url}; connect-src 'self' {widget_url}"
    )

    class CityHandler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = (CITY_CSS, "text/css") if self.path == "/stad.css" else (page, "text/html; charset=utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Security-Policy", csp)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", city_port), CityHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        RASA_URL=f"http://127.0.0.1:{assistant.ports.rasa}",
        WIDGET_ORIGINS=f"http://localhost:{city_port}",
        BIND_HOST="127.0.0.1",
    )
    stack = st.Stack()
    try:
        st.start_web(stack, st.Ports(web=web_port), env, tmp_path_factory.mktemp("city") / "web.log")
        stack.wait_ready({"web": f"{widget_url}/health"}, timeout=60)
        yield {"allowed": f"http://localhost:{city_port}/", "unknown": f"http://127.0.0.1:{city_port}/"}
    finally:
        stack.stop()
        server.shutdown()


def test_embedded_in_the_city_site(browser: Browser, city: dict, help_phone: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = Watched(context.new_page())
        widget = Widget(page.page)
        page.page.goto(city["allowed"])
        look = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontSize, getComputedStyle(e).letterSpacing]"
        expect(widget.launcher).to_be_visible()
        assert widget.launcher.evaluate(look) == ["rgb(0, 79, 159)", "16px", "normal"], (
            "the city's CSS reached the widget"
        )
        widget.open()
        assert widget.panel.evaluate(look) == ["rgb(255, 255, 255)", "16px", "normal"], (
            "the city's CSS reached the widget"
        )
        assert "056/27.84.33" in widget.ask("premie dakisolatie?")
        expect(page.page.locator(".privacy")).to_contain_text("30 dagen")
        assert not page.problems, page.problems

        # An origin not in WIDGET_ORIGINS: the browser refuses the relay's answers.
        stranger = Widget(context.new_page())
        stranger.page.goto(city["unknown"])
        stranger.open()
        answer = stranger.ask("premie dakisolatie?")
        assert "niet bereikbaar" in answer and "056/27.84.33" not in answer, answer
        assert help_phone not in answer, "the config came through for an unknown origin"
    finally:
        context.close()
