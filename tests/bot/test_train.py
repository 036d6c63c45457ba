"""The training fingerprint: it changes with what training reads, and only with that."""

from __future__ import annotations

from pathlib import Path

from bot import train


def test_fingerprint_follows_training_inputs(tmp_path: Path, monkeypatch) -> None:
    for name in ("config.yml", "domain.yml"):
        (tmp_path / name).write_text(f"{name}\n")
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    nlu = tmp_path / "data" / "nlu" / "chitchat.yml"
    nlu.write_text("version: '3.1'\n")
    monkeypatch.setattr(train, "ROOT", tmp_path)
    before = train.fingerprint()
    (tmp_path / "README.md").write_text("not a training input")
    assert train.fingerprint() == before, "a file training does not read must not force retraining"
    nlu.write_text("version: '3.1'\nnlu: []\n")
    assert train.fingerprint() != before, "changed NLU data must force retraining"
