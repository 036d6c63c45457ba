"""The knowledge layer: the source document as cited, searchable records. Imports nothing of Rasa."""
