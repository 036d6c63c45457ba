"""The sentences residents read live in domain.yml: every response the code names exists there,
with exactly the placeholders the code fills, and the channels' own lines come from it too."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from actions.answer import SMALL_TALK
from actions.replies import LANGUAGE_MARKS, OTHER_LANGUAGE_NOT_UNDERSTOOD
from bot import web
from bot.channels import common, facebook, guard, telegram
from knowledge import texts
from tests.actions.conftest import DOMAIN

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "actions").rglob("*.py"), *(ROOT / "bot").rglob("*.py")])
RESPONSES = DOMAIN["responses"]
# utter_message's own parameters; every other keyword fills a placeholder.
MESSAGE_PARAMETERS = frozenset(
    {"text", "image", "json_message", "template", "response", "attachment", "buttons", "elements"}
)
CONTACT = "Sociaal Huis, tel. 056 24 42 22"


class Use:
    """One place where code names a response: `pattern` matches the names it may take."""

    def __init__(self, path: Path, node: ast.Call, name: ast.expr, filled: set[str] | None, loaded: bool) -> None:
        self.where = f"{path.relative_to(ROOT)}:{node.lineno}"
        self.filled = filled  # None: the text is taken unfilled (texts.template)
        self.loaded = loaded  # read by knowledge.texts, not rendered by Rasa
        self.fixed = ""
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            self.pattern, self.fixed = re.escape(name.value), name.value
        elif isinstance(name, ast.JoinedStr):
            # f"utter_not_a_number_{slot}": the part in braces is one word.
            self.pattern = "".join(
                re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z]+" for part in name.values
            )
            self.fixed = "".join(part.value for part in name.values if isinstance(part, ast.Constant))
        else:
            raise AssertionError(f"{self.where}: name the response in the call, as a string or an f-string")

    @property
    def names(self) -> list[str]:
        return [name for name in RESPONSES if re.fullmatch(self.pattern, name)]


def uses() -> Iterator[Use]:
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            assert None not in keywords or node.func.attr not in ("get", "utter_message"), (
                f"{path}:{node.lineno}: fill placeholders by name, not with **"
            )
            on_texts = isinstance(node.func.value, ast.Name) and node.func.value.id == "texts"
            if on_texts and node.func.attr == "get":
                yield Use(path, node, node.args[0], set(keywords), loaded=True)
            elif on_texts and node.func.attr == "template":
                yield Use(path, node, node.args[0], None, loaded=True)
            elif node.func.attr == "utter_message" and "response" in keywords:
                yield Use(path, node, keywords["response"], set(keywords) - MESSAGE_PARAMETERS, loaded=False)


USES = list(uses())
# f"utter_{intent}": the small-talk intents answered with their own response (actions/answer.py).
BY_INTENT = [use for use in USES if use.fixed == "utter_"]
NAMED = [use for use in USES if use.fixed != "utter_"]


def test_the_scan_sees_the_code() -> None:
    found = {name for use in NAMED for name in use.names}
    assert {
        "utter_ask_rephrase",
        "utter_capabilities",
        "utter_handoff",
        "utter_source",
        "utter_too_long",
        "utter_privacy",
        "utter_not_a_number_ki",
        "utter_other_language_fr",
    } <= found and len(BY_INTENT) == 1


@pytest.mark.parametrize("use", NAMED, ids=lambda use: use.where)
def test_every_response_the_code_names_is_in_the_domain_with_the_placeholders_it_fills(use: Use) -> None:
    assert use.names, f"{use.where}: domain.yml has no response matching {use.pattern}"
    for name in use.names:
        written = texts.placeholders(RESPONSES[name][0]["text"])
        if use.filled is not None:
            assert written == use.filled, (
                f"{use.where}: {name} has placeholders {sorted(written)}, the code fills {sorted(use.filled)}"
            )


def test_every_response_name_in_the_code_is_in_the_domain() -> None:
    """Names kept in constants or tables are names too (the parts of an f-string are not)."""
    named = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        named |= {
            (path.relative_to(ROOT), node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in parts
            and re.fullmatch(r"utter_\w+", node.value)
        }
    assert named, "no response name found in actions/ or bot/"
    assert not [(path, name) for path, name in named if name not in RESPONSES]


def test_small_talk_has_a_response_to_say_as_it_is() -> None:
    assert SMALL_TALK - {"out_of_scope"}, "no small-talk intent to check"
    for intent in SMALL_TALK - {"out_of_scope"}:
        assert not [v for v in RESPONSES[f"utter_{intent}"] if texts.placeholders(v["text"])], intent


def test_what_code_reads_has_one_text() -> None:
    """The loader takes the first text: a second one would never be said."""
    read = {name for use in NAMED if use.loaded for name in use.names}
    assert read, "the scan found no response the code reads"
    assert not [name for name in read if len(RESPONSES[name]) != 1]


def test_what_woonwijzer_knows_about_is_said_in_one_place() -> None:
    capabilities = texts.get("utter_capabilities")
    assert not [
        name
        for name, variants in RESPONSES.items()
        if name != "utter_capabilities"
        for v in variants
        if capabilities in v["text"]
    ]
    assert "{capabilities}" in texts.template("utter_no_match")


def test_the_other_language_replies_keep_the_word_code_looks_for() -> None:
    # actions/answer.py puts no "I only answer in Dutch" line above a reply that already says it.
    assert LANGUAGE_MARKS, "no other language to check"
    for language, mark in LANGUAGE_MARKS.items():
        assert mark in OTHER_LANGUAGE_NOT_UNDERSTOOD[language] and mark in texts.get(f"utter_other_language_{language}")
        assert texts.placeholders(OTHER_LANGUAGE_NOT_UNDERSTOOD[language]) == {"contact"}


# --- the channels' own lines ---------------------------------------------------------------------


def test_the_channels_lines_come_from_the_domain() -> None:
    assert texts.get("utter_too_long", max_chars=guard.MAX_MESSAGE_CHARS) == guard.TOO_LONG
    assert guard.apology(CONTACT) == texts.get("utter_channel_sorry", contact=CONTACT)
    assert texts.get("utter_not_text") == common.NOT_TEXT
    assert web.widget_config(CONTACT, 30)["privacy"] == texts.get("utter_privacy", days=30)
    assert (texts.get("utter_choose"), texts.get("utter_type_the_number")) == (
        facebook.CHOOSE,
        facebook.TYPE_THE_NUMBER,
    )
    assert texts.get("utter_button_expired") == telegram.EXPIRED_BUTTON


def sentences(path: Path) -> list[str]:
    """String literals that read like a sentence, outside docstrings, logs and errors."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    # Logs, raised errors and HTTP errors to the platforms are read by operators, not residents.
    skipped |= {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and (
                (isinstance(node.func.value, ast.Name) and node.func.value.id == "logger")
                or any(keyword.arg == "status" for keyword in node.keywords)
            )
        )
        for child in ast.walk(node)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and re.search(r"[^\W\d_]+ [^\W\d_]+ [^\W\d_]+", node.value)
    ]


@pytest.mark.parametrize("module", [guard, common, facebook, telegram], ids=lambda module: module.__name__)
def test_the_channels_write_no_sentences_of_their_own(module) -> None:
    assert sentences(Path(module.__file__)) == []
