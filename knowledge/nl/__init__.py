"""The Dutch that residents type and the city writes, one capability a module.

normalize   one folding of case, accents and apostrophes for every comparison
words       word tokens, with Flemish chat spelling and dialect mapped to standard Dutch
stopwords   the words that say little: stop words (Dutch, French, English), everyday and neutral words
stem        the search key of a word; separable verbs, derivations, compound splitting
lemmas      whether a word is real Dutch, and a noun or a verb (spaCy's lemma lists)
fuzzy       typos: phonetic key, edit distance, typo budget, word matching
vocabulary  the words the records use, for compound splitting and typo correction
phrases     the words of a phrase in order, with a few other words allowed between them
amounts     amounts of money and counts, read and written
times       weekdays, day parts and clock times
language    Dutch, French or English

Pure Python and import-cheap on purpose: the knowledge layer must load and test in
milliseconds, so no model is loaded here. Users write informal Flemish with typos
("vrijdg", "savonds", "half 4", "kzoek e huus"); everything here is a pure function so
that the search, the rules and the actions can be tested without Rasa.
"""
