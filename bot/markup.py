"""An NLU step that reads a message without its markup, before the tokenizer sees it.

"<p><b>Wat kost een conformiteitsattest?</b></p>" is the question "Wat kost een
conformiteitsattest?": tags and markdown marks would otherwise become tokens that the
classifier never saw. Only what the assistant understands changes; nothing is rendered,
and the user's own words stay in the conversation's history as typed.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.questions import strip_markup


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MarkupStripper(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MarkupStripper:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            # Typed intents ("/greet") are Rasa's own shortcut: their braces are no markup.
            if text and not text.startswith("/"):
                message.set(TEXT, strip_markup(text))
        return messages
