"""The training fingerprint: it changes with what training reads, and only with that."""

from __future__ import annotations

from pathlib import Path

from bot import train

CONFIG = "pipeline:\n  - name: WhitespaceTokenizer\n  - name: bot.diet.LengthBatchedDIETClassifier\n"


def test_fingerprint_follows_training_inputs(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "config.yml").write_text(CONFIG)
    (tmp_path / "domain.yml").write_text("domain.yml\n")
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "bot").mkdir()
    component = tmp_path / "bot" / "diet.py"
    component.write_text("# the component\n")
    nlu = tmp_path / "data" / "nlu" / "chitchat.yml"
    nlu.write_text("version: '3.1'\n")
    monkeypatch.setattr(train, "ROOT", tmp_path)
    before = train.fingerprint()
    (tmp_path / "README.md").write_text("not a training input")
    (tmp_path / "bot" / "report.py").write_text("# not a pipeline component\n")
    assert train.fingerprint() == before, "a file training does not read must not force retraining"
    nlu.write_text("version: '3.1'\nnlu: []\n")
    after_data = train.fingerprint()
    assert after_data != before, "changed NLU data must force retraining"
    component.write_text("# the component, changed\n")
    assert train.fingerprint() != after_data, "a changed pipeline component of the project must force retraining"


def test_the_entity_report_is_named_after_the_pipelines_diet(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "config.yml").write_text(CONFIG)
    monkeypatch.setattr(train, "ROOT", tmp_path)
    assert train.entity_report_name() == "LengthBatchedDIETClassifier_report.json"
