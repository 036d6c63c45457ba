"""The fixed sentences residents read, from domain.yml `responses`, where content editors change them.

An action that sends a whole response asks Rasa for it by name
(`dispatcher.utter_message(response="utter_x", placeholder=value)`); this module is for the
text code composes from several parts (actions/replies.py), for replies that get a line put
before them (actions/answer.py's other-language line), and for the channels' own lines
(bot/), which are said outside the dialogue. It reads the domain once, takes the first text of
a response, and fills its {placeholders} the way Rasa does; a name or a placeholder that does
not match fails at once instead of showing a resident "{contact}".
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from knowledge.settings import ROOT

DOMAIN = ROOT / "domain.yml"
# Rasa's own pattern (rasa.core.nlg.interpolator): no braces or line breaks inside a name.
PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")


@lru_cache(maxsize=1)
def responses() -> dict[str, list[dict]]:
    return yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def template(name: str) -> str:
    """The response's text with its {placeholders} unfilled."""
    if name not in responses():
        raise KeyError(f"domain.yml has no response {name!r}")
    return responses()[name][0]["text"]


def get(name: str, /, **values: object) -> str:
    """The response's text with `values` in its placeholders; every placeholder and no other."""
    text = template(name)
    if placeholders(text) != values.keys():
        raise ValueError(
            f"{name} in domain.yml has placeholders {sorted(placeholders(text))}, the code fills {sorted(values)}"
        )
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]), text)
