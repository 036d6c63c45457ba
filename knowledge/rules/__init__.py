"""The document's rules as pure functions: SVK support, opening hours, costs.

The numbers and schedules come from the source document (see each module); nothing
here imports Rasa.
"""

from __future__ import annotations


class RuleInputError(ValueError):
    """An input a rule cannot use. ``message`` is Dutch and ready to show to the user,
    ``field`` names the input (so a form can ask for that one again)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
