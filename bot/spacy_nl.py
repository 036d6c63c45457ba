"""A blank Dutch spaCy pipeline with the lookup lemmatizer, saved for Rasa's SpacyNLP.

No pretrained Dutch pipeline can be downloaded here; spaCy's own Dutch tokenizer and the
lemma tables of spacy-lookups-data ("premies" -> "premie", "daken" -> "dak") are in the
registry packages, so the pipeline is built from them at `make` time:

    python -m bot.spacy_nl [DIR]     (default: models/spacy-nl)
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "models" / "spacy-nl"


def build(target: Path = DEFAULT_DIR) -> Path:
    if (target / "meta.json").exists():
        return target
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR))
