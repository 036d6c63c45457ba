"""The words that say little: stop words (Dutch, and the French and English mixed in),
everyday housing words and neutral words, in every form. Language detection counts
its own short lists of telling words (LANGUAGE_STOPWORDS), kept here beside the others."""

from __future__ import annotations

from functools import cache

from knowledge.nl.stem import stem

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

# The commonest words of each language the assistant answers, to tell them apart: a
# message is as Dutch, French or English as the number of these it has.
LANGUAGE_STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "ik k je jij ge gij u het een de en van wat wa waar hoe mijn me niet met voor op "
        "dat da die er kan kunt heb hebt heeft wil wilt moet moe zijn ben is naar bij "
        "om ook nog al of maar dan wanneer welke huur huurder woning huis premie steun "
        "hallo dag goeiedag dank bedankt hulp help zoek zoeken in geen te aan uit ze zij hij we wij "
        "hem haar hun dit deze wordt worden zo nu als door over na tot meer dus omdat mag zit staat "
        "gaan gaat krijg krijgen graag stad vannacht vandaag nie nen ne der t".split()
    ),
    "fr": frozenset(
        "je j tu il elle nous vous le la les l un une des du de et est suis sont a "
        "pour avec mon ma mes pas ne qui que quoi ou quand comment pourquoi cherche "
        "besoin veux peux bonjour salut merci aide loyer logement maison prime "
        "appartement proprietaire locataire sil plait svp".split()
    ),
    "en": frozenset(
        "the a an i you he she we they where what how can could get with for my is are "
        "do does help rent house housing home hello hi please thanks thank need want to "
        "of and in it on im there have has be will would should when which open "
        "only answer dutch english your from about".split()
    ),
}


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
