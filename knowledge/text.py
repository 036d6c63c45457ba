"""Dutch text handling for search: normalise, stem, split compounds, tolerate typos.

Pure Python and import-cheap on purpose: the knowledge layer must load and test in
milliseconds, so no model is loaded here. The stemmer is a light, search-oriented
Dutch stemmer: it only has to map the forms residents write and the forms the city
wrote onto the same key ("huizen"/"huis", "betaalt"/"betalen", "daklozen"/"dakloos").
Whether a word is real Dutch, and a noun or a verb, comes from the lemma list that
spacy-lookups-data ships (read on first use, about 0.1 s, once per process).
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, cached_property, lru_cache

# Flemish chat spellings and dialect forms, mapped to the standard word. Most of them
# are function words that end up as stop words anyway; mapping them first matters for
# phrases ("uit me huis" must read as "uit mijn huis").
DIALECT: dict[str, tuple[str, ...]] = {
    "da": ("dat",),
    "wa": ("wat",),
    "wuk": ("wat",),
    "kik": ("ik",),
    "mijne": ("mijn",),
    "den": ("de",),
    "k": ("ik",),
    "kb": ("ik", "heb"),
    "kzijn": ("ik", "ben"),
    "kzyn": ("ik", "ben"),
    "zyn": ("zijn",),
    "me": ("mijn",),
    "m": ("mijn",),
    "ma": ("maar",),
    "ge": ("je",),
    "gij": ("jij",),
    "gy": ("jij",),
    "zijt": ("bent",),
    "moe": ("moet",),
    "mo": ("moet",),
    "nie": ("niet",),
    "ni": ("niet",),
    "nen": ("een",),
    "ne": ("een",),
    "e": ("een",),
    "t": ("het",),
    "ier": ("hier",),
    "tis": ("het", "is"),
    "ist": ("is", "het"),
    "int": ("in", "het"),
    "vant": ("van", "het"),
    "opt": ("op", "het"),
    "wadde": ("wat", "je"),
    "kunde": ("kun", "je"),
    "hebde": ("heb", "je"),
    "zijde": ("ben", "je"),
    "moete": ("moet", "je"),
    "wilde": ("wil", "je"),
    "ekik": ("heb", "ik"),
    "azo": ("zo",),
    "allee": (),
    "amai": (),
    "ewel": (),
    "wel": (),
    "mss": ("misschien",),
    "nr": ("nummer",),
    "tel": ("telefoon",),
    "telnr": ("telefoon", "nummer"),
    "adr": ("adres",),
    "svp": (),
    "aub": (),
    "pls": (),
    "plz": (),
    "thx": (),
    "mvg": (),
    # West-Flemish words for the home and the neighbours.
    "huus": ("huis",),
    "gebuur": ("buur",),
    "gebuurs": ("buren",),
    "geburen": ("buren",),
    "moa": ("maar",),
    "gin": ("geen",),
    "giene": ("geen",),
    "oek": ("ook",),
}

# "kheb", "kmoet", "kzit": the clitic 'k glued to a verb.
_CLITIC_VERBS = frozenset("heb ben moet wil zou zit ga kan weet zoek woon huur krijg vraag kom sta betaal zal".split())

STOPWORDS = frozenset(
    """
    aan al alle alles als alsjeblieft alstublieft bij binnen
    daar daarom dan dat de deze die dit doe doen doet door dus echt een eens en er
    ergens even geen graag had hadden heb hebben hebt heeft het hier hij hoe hun indien
    ik in is ja je jij jou jouw jullie kan kun kunnen kunt maar me meer mag mee men
    met mij mijn misschien moet moeten mogen na naar nee neen niet niets nog nu of om
    onder ons onze ook op over te tegen toch tot u uit uw van veel voor waar waarom
    wanneer want was wat we wel welk welke werd weten weet wie wij wil willen word
    wordt worden zal ze zeer zelf zich zij zijn zo zoals zou zouden iemand iets
    hallo hoi hey dag goeiedag goedemiddag goeiemiddag goedemorgen goeiemorgen
    dank bedankt merci daarvoor vraag vragen vraagje weet iemand soms zeker eigenlijk
    beetje heel erg gewoon nou hé he ok oke okay euh uh mevrouw meneer beste
    kunnen zouden gaan ga gaat ging zit zitten staat staan
    laat laten nieuw nieuwe nodig hoeveel maak maken komt komen kom begint wint
    zoek zoeken goed altijd nooit vandaag iets krijg krijgen ben bent buiten geweest gehad gedaan
    bestaat bestaan spreken praten vind vinden indienen niks zomaar nogal zelfs
    haar hem hen achter naast tussen sinds omdat toen terwijl zodat tijdens elk elke ieder iedere
    gekregen gegaan gekomen gezegd gezien via rond per
    """.split()
)

# Function words of the French and English that residents mix in ("prime pour le toit",
# "is there a grant for my roof"). Without them such a question looks half unknown and
# is turned away; their content words reach the records through the synonym groups.
FOREIGN_STOPWORDS = frozenset(
    """
    the an my your his her our their is are was be been to of for in on at and or with from by it its
    this that there what which who how when where can could do does did you he she we they me us not
    no yes please hi hello thanks any some about need want get got have has too very much many
    next last just only also still now then here would should will am
    le la les du des un une et ou au aux pour par sur dans avec est sont je tu il elle nous vous ils mon
    mes son sa ses ce cette qui que quoi ou comment quand bonjour merci plait ai suis mais pas
    trop peut peux puis faire fait avoir etre quel quelle quels quelles sans
    """.split()
)

# Words in nearly every housing question that point at no record in particular: "huis"
# is the asker's home far more often than the Sociaal Huis, and "adres" asks for the
# address of something else. They still count, but less.
EVERYDAY_WORDS = frozenset(
    """
    huis woning wonen woon thuis mens mensen stad kortrijk hulp helpen help info informatie
    dienst diensten probleem problemen adres telefoon telefoonnummer nummer mail email
    mailadres contact contacteren bellen kost kosten prijs
    """.split()
)

# Ordinary words that name no subject: family, people, time. A question may be full of
# them ("mijne vent heeft mij buiten gesmeten met de kinders") and still be on topic, so
# when the records lack them they do not count as words the search failed to understand.
NEUTRAL_WORDS = frozenset(
    """
    man vrouw vent partner echtgenoot echtgenote vriend vriendin lief kind kinderen kinders
    zoon dochter moeder vader mama papa ma pa ouders bomma bompa oma opa grootmoeder
    grootvader schoonmoeder schoonvader broer zus familie buur buren buurman buurvrouw
    baby gezin mevrouw meneer cliente client dag week maand jaar nacht avond morgen vandaag
    gisteren vannacht straks binnenkort dringend snel nu eerste tweede jaren maanden weken volgende vorige
    dagen uur uren kamer slapen eten kwijt ergens niemand wachten lang klein groot oud jong
    alleen samen ziek zwanger today tomorrow week month year demain semaine mois
    paar bijna enkele enkel ongeveer kennis kennissen collega
    persoon personen iemand inwoner inwoners aanvragen aanvraag geven krijgen vinden zoeken regelen
    """.split()
)

_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
_DOUBLE_CONSONANT = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")
_WORD = re.compile(r"[a-z0-9]+")
_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Cliënt" -> "client", "EFFICIËNT" -> "efficient"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _expand(token: str) -> tuple[str, ...]:
    if token in DIALECT:
        return DIALECT[token]
    if len(token) > 3 and token[0] == "k" and token[1:] in _CLITIC_VERBS:
        return ("ik", token[1:])
    return (token,)


def words(text: str) -> list[str]:
    """Folded word tokens with dialect forms mapped to standard Dutch, stop words kept."""
    out: list[str] = []
    for token in _WORD.findall(fold(text)):
        out.extend(_expand(token))
    return out


def hyphen_joins(text: str) -> list[str]:
    """The joined forms of hyphenated words: "CO-veiligheid" is also written "coveiligheid"."""
    return [match.replace("-", "") for match in _HYPHENATED.findall(fold(text))]


@cache
def _stems(listed: frozenset[str]) -> frozenset[str]:
    """The words of a list in every form ("zoekt" and "zoeken" go the way of "zoek"); made
    on first use, as stemming may read the lemma list, which importing must not."""
    return frozenset(stem(w) for w in listed)


def is_neutral(word: str) -> bool:
    """A word that names no subject; numbers too ("90 jaar", "met 7", "3 kinderen")."""
    return word.isdigit() or word in NEUTRAL_WORDS or stem(word) in _stems(NEUTRAL_WORDS)


def is_everyday(word: str) -> bool:
    return word in EVERYDAY_WORDS or stem(word) in _stems(EVERYDAY_WORDS)


def is_content(word: str) -> bool:
    """A word that can carry meaning in a search: no stop word (in any form), no lone letter."""
    if word.isdigit():
        return True
    if len(word) < 2 or word in STOPWORDS or word in FOREIGN_STOPWORDS:
        return False
    return stem(word) not in _stems(STOPWORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Search key of a folded Dutch word; inflected forms share it ("woningen" -> "woning")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    # Chat spelling writes "ij" as "y": "vrydag", "kwyt".
    w = word.replace("y", "ij")
    # Past participles lose their "ge-": "geweigerd" meets "weigeren".
    if w.startswith("ge") and len(w) >= 7 and w.rstrip("e")[-1] in "dt":
        w = w[2:]
    w = _strip_suffix(w)
    # Not in five-letter words: "maand" must not become "maan" and then "man".
    if w.endswith("d") and len(w) > 5 and w[-2] not in "aeiouy":
        w = w[:-1]
    w = _DOUBLE_VOWEL.sub(r"\1", w)
    w = _DOUBLE_CONSONANT.sub(r"\1", w)
    # Dutch devoices a final z/v: "huizen"/"huis", "blijven"/"blijf".
    if w.endswith("z"):
        w = w[:-1] + "s"
    elif w.endswith("v"):
        w = w[:-1] + "f"
    return w


# Separable verb prefixes: "bijbouwen" is "bouwen" with "bij", "meegaan" is "gaan".
SEPARABLE_PREFIXES = ("terug", "binnen", "door", "over", "mee", "bij", "aan", "af", "op", "uit", "toe", "weg", "na")


def separable_rest(word: str) -> str | None:
    """The verb inside a separable verb ("bijbouwen" -> "bouwen"), None when there is none."""
    for prefix in SEPARABLE_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4:
            return rest
    return None


def derivation_base(word: str) -> str | None:
    """Stem of the verb behind a noun in "-ing": "weigering" -> stem of "weiger"."""
    if word.endswith("ing") and len(word) >= 8:
        return stem(word[:-3])
    return None


def _strip_suffix(w: str) -> str:
    if w.endswith("heden") and len(w) > 7:
        return w[:-5] + "heid"
    if w.endswith("ies") and len(w) > 5:
        return w[:-1]
    for suffix in ("tjes", "pjes", "etjes", "jes", "tje", "pje", "je"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    if w.endswith("en") and len(w) > 4:
        return w[:-2]
    # Also in four letters: "lege" is "leeg", "vele" is "veel".
    if w.endswith("e") and len(w) >= 4 and w[-2] not in "aeiouy":
        return w[:-1]
    if w.endswith("s") and len(w) > 4 and w[-2] not in "aeiouysj":
        return w[:-1]
    # A verb's "-t" goes ("huurt"), a noun's stays ("student", "client", "markt": no "Marke").
    if w.endswith("t") and len(w) > 4 and w[-2] in "lnrmkp" and not w.endswith("ent"):
        return w if w in dutch_lemmas()["noun"] else w[:-1]
    return w


_PHONETIC = (("ij", "ei"), ("y", "ei"), ("au", "ou"), ("dt", "t"), ("ck", "k"), ("ph", "f"), ("qu", "kw"))


def phonetic(word: str) -> str:
    """Spelling key that ignores the classic Dutch doubts: ei/ij, au/ou, dt/d/t, c/k."""
    for old, new in _PHONETIC:
        word = word.replace(old, new)
    word = re.sub(r"c(?!h)", "k", word)
    if word.endswith("d"):
        word = word[:-1] + "t"
    return word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau (adjacent transposition) edit distance; any value above `limit` is `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


# The Dutch lemma lists of spaCy's lookup tables (spacy-lookups-data, a project dependency):
# some 160,000 nouns and 40,000 verbs and adjectives, read without importing spaCy.
DUTCH_LEMMAS = ("spacy_lookups_data", "data/nl_lemma_index.json.gz")
# Inflections that turn a lemma into the form typed: "gedichten", "hotels", "schrijft".
_INFLECTIONS = ("en", "s", "e", "t", "n")


@cache
def dutch_lemmas() -> dict[str, frozenset[str]]:
    """Part of speech ("noun", "verb", "adj", ...) -> its folded Dutch lemmas."""
    package, name = DUTCH_LEMMAS
    data = json.loads(gzip.decompress(importlib.resources.files(package).joinpath(name).read_bytes()))
    # Nearly all lemmas are plain lower-case ASCII already; only the rest need folding.
    return {
        pos: frozenset(lemmas).union(fold(w) for w in lemmas if not (w.isascii() and w.islower()))
        for pos, lemmas in data.items()
    }


@lru_cache(maxsize=65536)
def dutch_parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech of a correctly spelt Dutch word, in any common inflection
    ("gedichten", "schrijft"); empty for a misspelt or foreign word. A verb form in "-t"
    is a verb even when its stem is also a noun: "valt" is "vallen", no "val". A form that
    may be either keeps both: "voorwerpen" is a verb and the plural of "voorwerp"."""
    lemmas = dutch_lemmas()
    found = {pos for pos, known in lemmas.items() if word in known}
    if len(word) >= 4 and word.endswith("t") and _verb_forms(word[:-1]) & lemmas["verb"]:
        return frozenset(found | {"verb"})
    forms = {word[: -len(end)] for end in _INFLECTIONS if word.endswith(end) and len(word) > len(end) + 3}
    return frozenset(found | {pos for pos, known in lemmas.items() if forms & known})


def _verb_forms(root: str) -> set[str]:
    """Infinitives a verb stem may belong to: "brokkel" -> "brokkelen", "val" -> "vallen",
    "maak" -> "maken", "schrijf" -> "schrijven", "lees" -> "lezen"."""
    voiced = {"f": "v", "s": "z"}
    forms = {root + "n"}
    for base in {root, root[:-1] + voiced.get(root[-1], root[-1])}:
        forms |= {base + "en", base + base[-1] + "en"}
        if len(base) > 2 and base[-2] == base[-3] and base[-2] in "aeou":
            forms.add(base[:-2] + base[-1] + "en")
    return forms


def is_dutch_word(word: str) -> bool:
    """A correctly spelt Dutch word: no typo of a word the records use ("gedicht" is not "gericht")."""
    return bool(dutch_parts_of_speech(word))


def is_noun(word: str) -> bool:
    return "noun" in dutch_parts_of_speech(word)


def names_no_thing(word: str) -> bool:
    """A Dutch verb or adjective that is no noun ("aanpakken", "vroeger", "zwemmen"): it says
    what happens, not what about. Subjects, on topic or not, are nouns ("gedicht", "hotel")."""
    pos = dutch_parts_of_speech(word)
    return bool(pos) and "noun" not in pos


def typo_budget(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


class Vocabulary:
    """The words the records use, for compound splitting and typo correction.

    Built from the records themselves, so "dakisolatiepremie" splits into words the
    city actually uses ("dakisolatie" + "premie") rather than into a dictionary's.
    """

    MIN_PART = 3
    # Linking sounds between compound parts: "leegstand-s-register", "student-en-kamer".
    LINKS = ("", "s", "en", "e")

    def __init__(self, known: Iterable[str]) -> None:
        self.words = frozenset(w for w in known if len(w) >= self.MIN_PART and is_content(w) and w.isalpha())
        self._corrections: dict[str, list[tuple[str, int]]] = {}

    # The lookup tables for typo correction are made on first use: a vocabulary that only
    # splits compounds (the search's first pass over the records) never needs them.
    @cached_property
    def _by_key(self) -> dict[str, set[str]]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            by_key[phonetic(word)].add(word)
        return by_key

    @cached_property
    def _by_length(self) -> dict[int, list[tuple[str, frozenset[str]]]]:
        by_length: dict[int, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for key in self._by_key:
            by_length[len(key)].append((key, _bigrams(key)))
        return by_length

    @cached_property
    def _by_prefix(self) -> dict[str, list[str]]:
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            if len(word) >= 8:
                by_prefix[word[:8]].append(word)
        return by_prefix

    def split(self, word: str, open_end: bool = False) -> list[str]:
        """Parts of a compound, fewest parts first; [] when it does not split.

        With `open_end`, one unknown part of five letters or more may close or open
        the compound ("dakisolatie" -> "dak" + "isolatie" when only "dak" is known):
        used when indexing, where the parts only add recall.
        """
        parts = _split(word, self.words, self.LINKS, self.MIN_PART)
        if parts or not open_end:
            return parts
        for cut in range(self.MIN_PART, len(word) - 4):
            head, tail = word[:cut], word[cut:]
            if head in self.words and is_content(head) and len(tail) >= 5:
                return [head, tail]
            if tail in self.words and len(head) >= 5 and len(tail) > self.MIN_PART:
                return [head, tail]
        return []

    def correct(self, word: str) -> list[tuple[str, int]]:
        """Known words closest to a misspelt `word`, with their distance (0 = spelling variant)."""
        if word not in self._corrections:
            if len(self._corrections) > 4096:  # users type anything; keep the memo small
                self._corrections.clear()
            self._corrections[word] = self._closest(word)
        return self._corrections[word]

    def related(self, word: str) -> list[str]:
        """Known words that share most of their beginning with `word`, for derived forms
        that no suffix rule joins: "psychiatrie" and "psychiatrisch"."""
        if len(word) < 9:
            return []
        head = word[: max(8, int(len(word) * 0.75))]
        return sorted(w for w in self._by_prefix.get(word[:8], ()) if w.startswith(head) and w != word)

    def _closest(self, word: str) -> list[tuple[str, int]]:
        budget = typo_budget(word)
        if not budget:
            return []
        key = phonetic(word)
        grams = _bigrams(key)
        # One edit destroys at most three letter pairs (a transposition): a cheap filter
        # before the exact distance.
        needed = len(grams) - 3 * budget
        best: list[tuple[str, int]] = []
        best_distance = budget + 1
        for length in range(len(key) - budget, len(key) + budget + 1):
            for candidate, candidate_grams in self._by_length.get(length, ()):
                # Typos rarely hit the first letter; "trouwen" is no misspelt "vrouwen".
                if candidate[0] != key[0] or len(grams & candidate_grams) < needed:
                    continue
                distance = edit_distance(key, candidate, min(budget, best_distance))
                if distance > budget or (distance and _inflection_of(key, candidate)):
                    continue
                if distance < best_distance:
                    best, best_distance = [], distance
                if distance == best_distance:
                    best.extend((w, distance) for w in sorted(self._by_key[candidate]))
        return best


def _bigrams(word: str) -> frozenset[str]:
    padded = f"^{word}$"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def _inflection_of(a: str, b: str) -> bool:
    """Short words of one length that differ only in their last two letters are other
    forms, not typos: "melden" is not a misspelt "melder" (but "premi" is "premie")."""
    return len(a) == len(b) < 8 and a[:-2] == b[:-2]


def _split(word: str, known: frozenset[str], links: tuple[str, ...], min_part: int) -> list[str]:
    @cache
    def best(start: int) -> tuple[str, ...] | None:
        if start == len(word):
            return ()
        found: tuple[str, ...] | None = None
        for end in range(len(word), start + min_part - 1, -1):
            part = word[start:end]
            if part not in known or (start == 0 and end == len(word)):
                continue
            for link in links:
                if not word.startswith(link, end):
                    continue
                rest = best(end + len(link))
                if rest is not None and (found is None or len(rest) + 1 < len(found)):
                    found = (part, *rest)
        return found

    parts = best(0)
    return list(parts) if parts else []


