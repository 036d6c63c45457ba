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


def _retrieval_questions(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {_plain(q["q"]) for q in data["questions"]} | {_plain(q) for q in data["off_topic"]}


def overlay_examples() -> set[str]:
    curation = yaml.safe_load((ROOT / "knowledge" / "curation.yml").read_text(encoding="utf-8"))
    return {_plain(e) for notes in (curation.get("records") or {}).values() for e in notes.get("examples") or []}


def learned() -> set[str]:
    paths = sorted((ROOT / "data" / "nlu").glob("*.yml"))
    assert paths, "the NLU training data (data/nlu/*.yml) is missing"
    training = set().union(*(_nlu_examples(p) for p in paths))
    return training | overlay_examples()


def _e2e_messages(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {_plain(m) for case in data["cases"] for m in ([case["question"]] if "question" in case else case["turns"])}


def e2e_questions(part: str = "*") -> set[str]:
    """The messages of the end-to-end question sets (tests/e2e): "tuning", "heldout" or both."""
    files = sorted((ROOT / "tests" / "e2e").glob(f"{part}_*.yml"))
    assert files, f"the end-to-end question sets ({part}) are missing"
    return set().union(*(_e2e_messages(p) for p in files))


def questions_under_test() -> set[str]:
    """What the conversation tests, the NLU held-out set and the end-to-end sets say to the
    trained assistant."""
    paths = sorted(ROOT.glob("tests/test_stories_*.yml"))
    assert paths, "the conversation tests (tests/test_stories_*.yml) are missing"
    stories = set().union(*(_story_messages(p) for p in paths))
    return stories | _nlu_examples(ROOT / "tests" / "nlu" / "heldout_nlu.yml") | e2e_questions()


# "ja", "hallo", "regenput premie": a message this short is vocabulary, not a sentence
# one could learn by heart, and the same words are bound to recur.
MIN_WORDS = 4


def test_no_test_question_is_learned_by_heart() -> None:
    asked, known = questions_under_test(), learned()
    assert asked and known, f"nothing to compare: {len(asked)} test questions, {len(known)} learned examples"
    copied = sorted(q for q in asked & known if len(q.split()) >= MIN_WORDS)
    assert not copied, f"these test questions are also training data or overlay examples: {copied}"


def test_no_held_out_search_question_is_tuned_on() -> None:
    """The search learns from the overlay's examples and is tuned on the dev sets (the NLU
    training data never reaches it): a held-out question found there measures the tuning,
    not the search."""
    sets = ROOT / "tests" / "knowledge"
    dev = sorted(sets.glob("retrieval_dev*.yml"))
    assert dev, f"no retrieval dev sets in {sets}"
    tuning = set().union(*(_retrieval_questions(p) for p in dev)) | overlay_examples()
    tuning |= e2e_questions("tuning")
    held_out = set().union(*(_retrieval_questions(p) for p in sets.glob("retrieval_heldout*.yml")))
    assert held_out, f"no held-out retrieval questions in {sets}"
    copied = sorted(q for q in held_out & tuning if len(q.split()) >= MIN_WORDS)
    assert not copied, f"these held-out questions are also dev questions or overlay examples: {copied}"


def test_no_held_out_end_to_end_question_is_tuned_on() -> None:
    """The end-to-end held-out sets measure the whole assistant on questions nobody tuned on:
    none of them may be a tuning question, of any set, or something the assistant learns from."""
    sets = ROOT / "tests" / "knowledge"
    dev = sorted(sets.glob("retrieval_dev*.yml"))
    assert dev, f"no retrieval dev sets in {sets}"
    tuning = set().union(*(_retrieval_questions(p) for p in dev))
    tuning |= e2e_questions("tuning") | learned()
    copied = sorted(q for q in e2e_questions("heldout") & tuning if len(q.split()) >= MIN_WORDS)
    assert not copied, f"these end-to-end held-out questions are also tuned on: {copied}"
