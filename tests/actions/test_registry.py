"""The action server registers exactly the custom actions the domain names."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from tests.actions.conftest import DOMAIN


def test_every_domain_action_is_served_and_nothing_else() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(DOMAIN["actions"])
