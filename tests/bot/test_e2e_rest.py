"""End to end: both servers started as `make run` starts them, questions over REST."""

from __future__ import annotations

import json
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def test_first_slice_dakisolatie(assistant) -> None:
    reply = assistant.text("waar kan ik een premie voor dakisolatie krijgen?", sender="slice")
    assert "056/27.84.33" in reply, f"the Dienst Bouwen, Milieu en Wonen's number should be in:\n{reply}"
    assert "Bron: 6.B" in reply and "Dakisolatie" in reply, reply


def test_context_over_turns(assistant) -> None:
    assistant.ask("wat doet de huurdersbond", sender="context")
    reply = assistant.text("en wat is hun telefoonnummer?", sender="context")
    assert "056 24 42 22" in reply, f"the Huurdersbond holds office at the Sociaal Huis:\n{reply}"


def test_svk_calculation_over_turns(assistant) -> None:
    assistant.ask("hoeveel betaalt de stad bij in mijn huur via het svk", sender="svk")
    assistant.ask("650", sender="svk")
    reply = assistant.text("430 euro", sender="svk")
    assert "€ 86 per maand" in reply, reply
    again = assistant.text("en als mijn huur 460 euro is?", sender="svk")
    assert "hoger dan € 450" in again, again


def test_every_message_gets_a_reply(assistant) -> None:
    for message in ["", "?????", "<script>alert(1)</script>", "a" * 3000, "hallo"]:
        assert assistant.ask(message or " ", sender="robust"), f"no reply to {message[:30]!r}"


def test_web_page_relays_to_rasa(assistant) -> None:
    base = f"http://127.0.0.1:{assistant.ports.web}"
    with urllib.request.urlopen(base + "/", timeout=10) as page:
        html = page.read().decode()
        assert "Woonwijzer Kortrijk" in html
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    request = urllib.request.Request(
        base + "/chat",
        data=json.dumps({"sender": "web", "message": "regenput premie?"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        messages = json.loads(response.read())
    assert any("056/27.84.33" in m.get("text", "") for m in messages), messages


def test_logs_carry_no_message_text(assistant) -> None:
    """Residents' words are personal data: nothing at INFO may write them down."""
    secret = "zeldzaamwoord Kwispelstraat 77"
    assistant.ask(f"premie voor de {secret}?", sender="logs")
    web = urllib.request.Request(
        f"http://127.0.0.1:{assistant.ports.web}/chat",
        data=json.dumps({"sender": "logs-web", "message": secret}).encode(),
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(web, timeout=60).read()
    logs = sorted(assistant.var.glob("*.log"))
    assert logs, "the processes write their logs to the var folder"
    for log in logs:
        assert "zeldzaamwoord" not in log.read_text(errors="replace"), f"{log.name} holds a resident's words"


def test_typed_intents_do_not_steer_the_dialogue(assistant) -> None:
    reply = assistant.text('/inform_svk{"ki": "-5", "huur": "-5"}', sender="typed")
    assert "-5" not in reply and "Ja: de stad betaalt" not in reply, reply
    restart = assistant.text("/restart", sender="typed")
    assert restart.strip(), "a typed /restart gets a reply like any other words"
