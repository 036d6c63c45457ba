"""Train the Rasa model only when its inputs changed, and run the Rasa-side checks.

The model file is named after a fingerprint of everything training reads, so
`make run` and `make test` reuse one model until the data, domain or config
change, and a test run trains at most once.

    python -m bot.train                 print the model path, training if needed
    python -m bot.train --test-stories  conversation tests on tests/test_stories_*.yml
    python -m bot.train --eval-nlu      train on data/nlu, evaluate on tests/nlu/heldout_nlu.yml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from knowledge.settings import ROOT

MODELS = ROOT / "models"
RESULTS = ROOT / "results"
TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
MODEL_PREFIX = "woonwijzer-"

# The gates of the NLU issue; `--eval-nlu` fails below them.
MIN_INTENT_MACRO_F1 = 0.93
MIN_ENTITY_F1 = 0.90


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def train_command(out: Path, name: str) -> list[str]:
    """`rasa train` on the training inputs, run from the folder that holds them; the model is out/name.tar.gz."""
    return [
        rasa_executable(),
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "--out",
        str(out),
        "--fixed-model-name",
        name,
    ]


def pipeline() -> list[str]:
    """The names of the NLU pipeline's components, as config.yml lists them."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return [step["name"] for step in config["pipeline"]]


def training_files() -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = ROOT / name
        files.extend(sorted(p for p in path.rglob("*.yml")) if path.is_dir() else [path])
    # The project's own components (bot.markup, bot.diet) shape the model as the data does.
    own = sorted({name.rsplit(".", 1)[0] for name in pipeline() if name.startswith("bot.")})
    return files + [ROOT / f"{module.replace('.', '/')}.py" for module in own]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in training_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS / f"{MODEL_PREFIX}{fingerprint()}.tar.gz"


def ensure_model() -> Path:
    target = model_path()
    if target.exists():
        print(f"Model is up to date: {target.relative_to(ROOT)}", file=sys.stderr)
        return target
    print(f"Training data changed: training {target.name} ...", file=sys.stderr)
    subprocess.run(train_command(MODELS, target.name[: -len(".tar.gz")]), cwd=ROOT, check=True)
    for old in MODELS.glob(f"{MODEL_PREFIX}*.tar.gz"):
        if old != target:
            old.unlink()
    return target


def test_stories(model: Path) -> int:
    # Rasa reads every YAML file under --stories; the conversation tests sit
    # beside pytest's data files, so only they are handed over.
    with tempfile.TemporaryDirectory() as tmp:
        for story_file in sorted((ROOT / "tests").glob("test_stories_*.yml")):
            shutil.copy(story_file, tmp)
        out = RESULTS / "stories"
        result = subprocess.run(
            [
                rasa_executable(),
                "test",
                "core",
                "--e2e",
                "--model",
                str(model),
                "--stories",
                tmp,
                "--fail-on-prediction-errors",
                "--out",
                str(out),
            ],
            cwd=ROOT,
        )
    if result.returncode != 0:
        failed = out / "failed_test_stories.yml"
        if failed.exists():
            print(failed.read_text(encoding="utf-8"), file=sys.stderr)
    return result.returncode


def eval_nlu() -> int:
    out = RESULTS / "eval-nlu"
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(
        [
            rasa_executable(),
            "train",
            "nlu",
            "--config",
            "config.yml",
            "--nlu",
            "data/nlu",
            "--out",
            str(out / "model"),
            "--fixed-model-name",
            "nlu",
        ],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [
            rasa_executable(),
            "test",
            "nlu",
            "--model",
            str(out / "model" / "nlu.tar.gz"),
            "--nlu",
            "tests/nlu/heldout_nlu.yml",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
    )
    intents = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    entities = json.loads((out / entity_report_name()).read_text(encoding="utf-8"))
    intent_f1 = intents["macro avg"]["f1-score"]
    entity_f1 = entities["micro avg"]["f1-score"]
    print(f"intent macro-F1: {intent_f1:.3f} (gate {MIN_INTENT_MACRO_F1})")
    print(f"entity micro-F1: {entity_f1:.3f} (gate {MIN_ENTITY_F1})")
    for name, report in sorted(intents.items()):
        if isinstance(report, dict) and "confused_with" in report and report["confused_with"]:
            print(f"  {name}: f1 {report['f1-score']:.2f}, confused with {report['confused_with']}")
    print(f"reports: {out.relative_to(ROOT)}/")
    return 0 if intent_f1 >= MIN_INTENT_MACRO_F1 and entity_f1 >= MIN_ENTITY_F1 else 1


def entity_report_name() -> str:
    """`rasa test nlu` names the entity report after the class of the pipeline's DIET."""
    diet = next(name for name in pipeline() if name.endswith("DIETClassifier"))
    return f"{diet.rsplit('.', 1)[-1]}_report.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--test-stories", action="store_true")
    mode.add_argument("--eval-nlu", action="store_true")
    args = parser.parse_args(argv)
    if args.eval_nlu:
        return eval_nlu()
    model = ensure_model()
    if args.test_stories:
        return test_stories(model)
    print(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
