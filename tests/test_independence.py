"""Test questions must not be copied into what the assistant learns from.

A question that appears in the training data or in the overlay's example
questions would pass its test by heart, not by understanding.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _plain(text: str) -> str:
    # Drop entity annotations: "[650](ki)" -> "650", then fold case and spacing.
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2) or "", text)
    return " ".join(text.lower().split()).strip(" ?!.")


def _nlu_examples(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = set()
    for block in data.get("nlu") or []:
        for line in (block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                found.add(_plain(line.strip()[2:]))
    return found


def _story_messages(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {_plain(step["user"]) for story in data.get("stories") or [] for step in story["steps"] if "user" in step}


def learned() -> set[str]:
    training = set().union(*(_nlu_examples(p) for p in (ROOT / "data" / "nlu").glob("*.yml")))
    curation = yaml.safe_load((ROOT / "knowledge" / "curation.yml").read_text(encoding="utf-8"))
    examples = {_plain(e) for notes in (curation.get("records") or {}).values() for e in notes.get("examples") or []}
    return training | examples


def questions_under_test() -> set[str]:
    heldout = yaml.safe_load((ROOT / "tests" / "knowledge" / "retrieval_heldout.yml").read_text(encoding="utf-8"))
    questions = {_plain(q["q"]) for q in heldout["questions"]} | {_plain(q) for q in heldout["off_topic"]}
    stories = set().union(*(_story_messages(p) for p in ROOT.glob("tests/test_stories_*.yml")))
    return questions | stories | _nlu_examples(ROOT / "tests" / "nlu" / "heldout_nlu.yml")


# "ja", "hallo", "regenput premie": a message this short is vocabulary, not a sentence
# one could learn by heart, and the same words are bound to recur.
MIN_WORDS = 4


def test_no_test_question_is_learned_by_heart() -> None:
    copied = sorted(q for q in questions_under_test() & learned() if len(q.split()) >= MIN_WORDS)
    assert not copied, f"these test questions are also training data or overlay examples: {copied}"
