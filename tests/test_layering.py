"""Data flows one way, document → knowledge → actions → channels, and the imports say so.

`knowledge/` imports nothing of Rasa, the actions or the channels: that is what lets the
knowledge base and the search be tested in milliseconds and reused by any front end (one
import of Rasa would drag TensorFlow into every test). The actions and the runtime (`bot/`)
each build on `knowledge` only, never on each other.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import knowledge

PACKAGE = Path(knowledge.__file__).parent
ROOT = PACKAGE.parent
FORBIDDEN = ("rasa", "rasa_sdk", "actions", "bot", "sanic", "tensorflow")
MODULES = sorted(PACKAGE.rglob("*.py"))
# The project's other layers and the layer each may not import.
NOT_FROM = {"actions": "bot", "bot": "actions"}


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_package_has_modules():
    assert len(MODULES) > 10, MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_imports_no_upper_layer(path: Path):
    wrong = sorted(n for n in _imported(path) if n.split(".")[0] in FORBIDDEN)
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_importing_all_of_knowledge_loads_no_rasa():
    # Also catches an upper layer reached through a third-party package.
    names = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in MODULES
        if p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout


@pytest.mark.parametrize("layer, other", NOT_FROM.items())
def test_actions_and_runtime_build_on_knowledge_not_on_each_other(layer: str, other: str):
    paths = sorted((ROOT / layer).rglob("*.py"))
    assert len(paths) > 5, f"no modules found under {layer}/"
    wrong = {str(p.relative_to(ROOT)): sorted(n for n in _imported(p) if n.split(".")[0] == other) for p in paths}
    offenders = {path: names for path, names in wrong.items() if names}
    assert not offenders, f"{layer}/ imports {other}/: {offenders}"
