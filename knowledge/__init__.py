"""Woonwijzer's knowledge layer: the source document as structured, searchable, cited records.

Free of Rasa so that it tests in milliseconds and serves any front end.
"""
