"""What a question asks, read from its words, not learned: which fact (an amount, a count,
how often, when, who, where, yes or no) and which side of a service (its hours, its contact
details, an overview of what it offers).

The intent classifier says what kind of turn a message is (a question, a number for the
form, a greeting); the search says what it is about; this module says what the person
wants to know about that subject, so that the reply can say that first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from knowledge.nl.normalize import fold
from knowledge.nl.times import parse_time

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,300}>|<!--.*?-->", re.S)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
# Marks around words ("**regenput**", "`premie`", "_dak_"), and a heading's "#": not "400 * 12".
_MARKDOWN_MARKS = re.compile(r"([*_`~]{1,3})(\S(?:.*?\S)?)\1|^#{1,6}\s+", re.M)


def strip_markup(text: str) -> str:
    """The words of a message without HTML tags or markdown marks ("<b>premie?</b>" -> "premie?").

    Only for understanding: nothing a user types is ever rendered as HTML.
    """
    plain = _TAG.sub(" ", text)
    plain = html.unescape(plain)
    plain = _MARKDOWN_LINK.sub(r"\1", plain)
    plain = _MARKDOWN_MARKS.sub(lambda m: m.group(2) or "", plain)
    return " ".join(plain.split())


# The kinds of fact a question word asks for, in the order they are tried: "hoeveel keer" is a
# frequency before it is a count, "hoeveel kost" an amount.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "frequency",
            r"\bhow often\b|\bcombien de fois\b|\bhoe (?:dikwijls|vaak|veel keer)\b|\bhoeveel (?:keer|maal|zitdagen|dagen per)\b"
            r"|\bom de hoeveel\b|\bhoe regelmatig\b|\bhoe frequent",
        ),
        (
            "amount",
            r"\bhow much\b|\bcombien (?:co[uû]te?|pa[iy]e)|\bfree\b|\bgratuit|\bprix\b|\bcost\b|\bwat kost|\b(?:betalen|betaal|kost|kosten|gratis)\b|\bhoeveel (?:geld|euro|kost|betaal|bedraagt|bedrag|subsidie|premie)"
            r"|\bhoe duur\b|\b(?:prijs|kostprijs|bedrag|budget)\b|\bhoeveel\b.{0,60}\b(?:betaalt|geeft|kost|"
            r"uitgetrokken|euro|geld)\b",
        ),
        (
            "duration",
            r"\bhoe ?lang\b(?! al\b| bestaat)|\bhoeveel tijd\b|\bvoor hoe ?lang\b|\bmaximum duur\b|\bhow long\b"
            r"|\bcombien de (?:jours|temps|mois)\b|\bhoeveel (?:dagen|weken|maanden|nachten)\b",
        ),
        ("count", r"\bhow many\b|\bcombien\b|\bhoeveel\b|\bhoe veel\b|\bhoe groot is het aantal\b"),
        (
            "date",
            r"\bsince when\b|\bwhich year\b|\bdepuis quand\b|\bwanneer\b|\bsinds (?:wanneer|welk|hoe lang)|\bvanaf wanneer\b|\bin welk jaar\b|\bwelke datum\b"
            r"|\bhoe lang (?:al|bestaat)|\bdatum\b",
        ),
        (
            "what",
            r"\bwa(?:t)? (?:is|zijn) (?:da|dat|die|dit|het|de|een)\b|\bwat houdt\b|\bwat betekent\b|\bwat is\b"
            r"|\bwhat is\b|\bqu'est-ce que\b",
        ),
        ("name", r"\bhoe (?:heet|noemt)\b|\bwelke naam\b|\bwhat is (?:it|the) called\b"),
        (
            "who",
            r"\bwho\b|\bqui\b|(?:^|[.?!] )(?:en )?wie\b|\bwie (?:is|zijn|beslist|betaalt|doet|organiseert|helpt|beheert|geeft|"
            r"begeleidt|zit|heeft|stuurt|verzorgt|verhuurt|baat)|\bwelke (?:organisatie|dienst|partner|instantie|"
            r"organisaties|diensten|partners|instanties|vzw)\b|\bmet wie\b|\bdoor wie\b|\bvan wie\b|\bhoe heet\b",
        ),
        (
            "where",
            r"\bwhere\b|\bo[uù] (?:se|est|puis|trouver)|\bwaar (?:kan|kun|kunnen|moet|moeten|is|zit|zitten|ligt|"
            r"vind|krijg|ga|gaan|vraag|naartoe|terecht)|\bbij welke dienst\b",
        ),
    )
)
# A question that opens with a verb asks yes or no ("kan hij in de crisisopvang?"), as does
# one that says so; Flemish folds the pronoun into the verb ("kunde", "magde", "hedde").
_YES_NO_START = re.compile(
    r"(?:^|[,.;?!] )(?:\w+[,:] )?(?:is|zijn|heeft|hebben|heb|ben|kan|kunnen|kun|kunt|kunde|mag|mogen|magde|moet|moeten|"
    r"moetde|bestaat|bestaan|krijg|krijgt|krijgen|geeft|geven|doet|doen|int|heft|wordt|worden|zit|zitten|"
    r"valt|val|vallen|komt|kom|neemt|betaalt|betaal|werkt|gaat|hedde|zijde|zou|zouden|mocht|klopt|weet|"
    r"staat|verleent|geldt|telt|can|does|do|are|est-ce|puis-je|peut-on|peut-il|peut-elle|y a-t-il)\b"
)
_YES_NO_SAID = re.compile(
    r"\bja of nee\b|\bof niet\b|\byes or no\b|\boui ou non\b|\bnog steeds\b\??$"
    r"|\b(?:is )?mogelijk\s*\?*\s*$|\bpossible\s*\?*\s*$"
)
# "Sinds wanneer is het terrein open?" asks a date, not the opening hours.
_SINCE = re.compile(r"\bsinds\b|\bsince\b|\bdepuis\b|\bwelk jaar\b|\bwhich year\b")
YES_NO_WORDS = 12
# "kan ik ...", "heeft de stad ...": the verb then its subject is a question, also without "?".
_SUBJECT_AFTER = re.compile(r"\s+(?:ik|k|je|jij|ge|gij|u|we|wij|hij|zij|ze|men|er|de|het|mijn|onze|iemand|da|dat)\b")
# "Is er een ...", "bestaat er", "heeft de stad een ...": asks whether something exists.
_EXISTS = re.compile(
    r"^(?:\w+[,:] )?(?:is er|zijn er|bestaat|bestaan|heeft (?:de stad|kortrijk|het ocmw)|hebben ze|"
    r"geeft de stad|krijg (?:ik|k|je)|kan (?:ik|k|je) .{0,40}\bkrijgen)\b"
)
_WH = re.compile(r"\b(?:wat|wie|waar|wanneer|hoe|hoeveel|welk|welke|waarom|waarvoor|waarover)\b")

_HOURS = re.compile(
    r"\bopen\b(?! voor)|\bopen\?|\bgeopend|\bgesloten\b|\bdicht\b(?! ?bij)|\bopeningsu|\bopeningstijd|\buren\b"
    r"|\btot hoe laat\b|\bvanaf hoe laat\b|\bhoe laat\b|\bterecht\b|\blangs(?:komen|gaan|springen)?\b"
    r"|\bbinnen(?:springen|lopen|gaan)?\b|\bloket\b.*\b(?:uur|u)\b|\bs avonds\b|\bavond\b|\bzaterdag|\bzondag"
)
_HOURS_WORDS = re.compile(
    r"\bopening hours\b|\bclosed\b|\bheures? d'ouverture\b|\bouvert\b|\bferme\b"
    r"|\bopen\b(?! voor)|\bopen\?|\bgeopend|\bgesloten\b|\bdicht\b(?! ?bij)|\bopeningsu|\bopeningstijd"
    r"|\buren\b|\bhoe laat\b"
)
# "Hoe bereik ik die persoon?", "bij wie kan ik terecht": every contact detail.
_ANY_CONTACT = re.compile(
    r"\bcontact(?:gegevens|eren|persoon)?\b|\bbereik(?:en)?\b|\bbij wie\b|\btot wie\b"
    r"|\bwie (?:moet|kan) ik (?:bellen|contacteren|mailen)\b|\bhow (?:do i )?(?:reach|contact)\b"
)
_CONTACT_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phone", re.compile(r"nummer|\bbel\b|\bbellen\b|telefo|\btel\b|\bgsm\b|\bphone\b|\bcall\b|\bappel")),
    (
        "address",
        re.compile(
            r"\badres(?:gegevens)?\b|\bwaar (?:zit|is|ligt|zijn|vind)|\bwelke straat\b|\bstraatnaam|\bgelegen\b"
            r"|\bwhere is\b|\baddress\b|\bou se trouve\b|\badresse\b"
        ),
    ),
    ("email", re.compile(r"\bmail|e-mail|\bemail|mailadres|\bcourriel\b")),
)
# "Welke premies zijn er allemaal": a list of several things, under a heading the question names.
_LIST_OF = re.compile(
    r"\bwelke (?:\w+ ){0,2}(?:premies|subsidies|vormen|soorten|diensten|opvang\w*|maatregelen|hulp|middelen|"
    r"initiatieven|mogelijkheden|instrumenten|steun|types|centra|opvangcentra|taken|opdrachten|zaken|dingen|projecten)\b"
    r"|\ballemaal\b|\bal(?:le)? (?:de )?(?:premies|mogelijkheden|diensten)\b|\boverzicht\b|\bop een rij\b"
    r"|\bwat voor (?:premies|opvang|hulp|diensten)\b|\bwa(?:t)? voor \w+ (?:heeft|zijn|bestaan)|\bwelke .{0,40}\bzijn er\b"
    r"|\bwhich (?:grants|premiums|services)\b|\bquelles? (?:primes|aides|services)\b"
)
# "Wat doet team wonen": what one thing does or offers, from its own list when it has one.
_ABOUT = re.compile(
    r"\bwat (?:doet|doen|biedt|bieden) |\bwa (?:doet|doen) |\bwaarvoor kan\b|\bwaarover\b"
    r"|\bwat zijn de (?:taken|opdrachten)\b|\bwhat does\b"
)
# "ik wil iemand spreken over mijn premie": a wish to talk to a person, whatever the classifier heard.
_PERSON = re.compile(
    r"\b(?:iemand|een mens|een medewerker|een persoon|een echte persoon)\b.{0,40}\b(?:spreken|praten|bellen|"
    r"aan de lijn|aan de telefoon|aan de lijn krijgen|contacteren)\b|\bmet een mens\b|\bmet iemand (?:spreken|praten)"
    r"|\b(?:ik wil|graag)\b.{0,20}\b(?:een mens|een medewerker|een echte persoon)\b"
    r"|\bcontact\b.{0,20}\bmet (?:een medewerker|iemand)\b"
    r"|\b(?:talk|speak) (?:to|with) (?:someone|somebody|a person|a human)|\b(?:want|like) to talk\b"
    r"|\bparler (?:à|a|avec) (?:quelqu|une personne)"
)
# Someone in a situation: "mijn zoon", "een cliënt", "ik", "een man van 45".
_PERSON_IN_SITUATION = re.compile(
    r"\b(?:ik|k|me|mij|mijn|mijne|we|wij|ons|onze|hij|zij|hem|haar|cli[eë]nt\w*|man|vrouw|gezin|kind\w*|zoon|"
    r"dochter|moeder|vader|papa|mama|ma|pa|buur\w*|broer|zus|meneer|mevrouw|jongere|tante|nonkel|oom|bewoner\w*|"
    r"huurder|familie|koppel|alleenstaande|jong\w*|dame|heer|persoon|iemand|mensen)\b|\b\d{1,3} ?(?:j|jr|jaar|jarige)\b"
)
_FOLLOW_UP_START = re.compile(r"^(?:en|and|et|maar|ook|of)\b")
_BACK_REFERENCE = re.compile(
    r"\b(?:hun|ze|zij|die|dat|da|daar|daarin|daarvoor|daarvan|daarover|hem|haar|ervoor|erin|"
    r"zo een|zo'n|eentje)\b"
)


@dataclass(frozen=True)
class Question:
    """What a message asks, besides its subject."""

    text: str  # without markup
    asks: str | None  # frequency, amount, duration, count, date, what, name, who, where, yesno, or None
    hours: bool  # about opening hours: "is het open vrijdag", "tot hoe laat"
    contact_fields: frozenset[str]  # "phone", "address", "email" asked for
    overview: str | None  # "list": "welke premies zijn er allemaal"; "about": "wat doet team wonen"
    follow_up: bool  # builds on the previous answer: "en hun nummer?", "en op vrijdag?"
    person: bool = False  # wants to talk to a person: "kan ik iemand aan de lijn krijgen"
    exists: bool = False  # asks whether something exists: "is er een terrein voor woonwagens?"
    someone: bool = False  # tells of someone in a situation: "mijn zoon", "een cliënt", "ik"

    @property
    def contact(self) -> bool:
        return bool(self.contact_fields)


# Words a Dutch question may start with that are not its verb.
_NOT_A_VERB = frozenset(
    "wat wa wie waar wanneer hoe hoeveel welk welke waarom waarvoor waarover ik k je jij ge gij u we wij hij "
    "zij ze het de den een ne die dat da dit deze mijn mijne onze ons hun en maar of als voor in op met bij "
    "naar van om er dan ook nog al zo graag dag hallo hoi beste geachte dus want wel".split()
)


def _asked_verb_first(plain: str) -> bool:
    """ "Verhuurt de stad zelf woningen?": the clause before a question mark opens with its verb."""
    if "?" not in plain:
        return False
    clause = re.split(r"[.!;:,]\s*", plain[: plain.rindex("?")])[-1].split()
    # A finite verb up front ends in -t ("verhuurt", "houdt", "biedt"): "premie dakisolatie?" asks no yes or no.
    return len(clause) >= 3 and clause[0] not in _NOT_A_VERB and clause[0].isalpha() and clause[0].endswith("t")


def read_question(message: str) -> Question:
    text = strip_markup(message)
    plain = fold(text).replace("'", " ")
    plain = " ".join(plain.split())
    asks = next((kind for kind, pattern in _ASKS if pattern.search(plain)), None)
    # A verb first is a question when it is asked ("?") or short; "moet voor school iets
    # schrijven over ..." is a statement.
    verb_first = any(
        m.start() > 0 or "?" in text or len(plain.split()) <= YES_NO_WORDS or _SUBJECT_AFTER.match(plain, m.end())
        for m in _YES_NO_START.finditer(plain)
    ) or _asked_verb_first(plain)
    if (asks is None and (verb_first or _YES_NO_SAID.search(plain))) or (
        asks == "where" and _YES_NO_START.match(plain) and not _WH.search(plain[:12])
    ):
        asks = "yesno"
    moment = parse_time(text)
    hours = not _SINCE.search(plain) and (
        bool(_HOURS_WORDS.search(plain)) or (bool(_HOURS.search(plain)) and moment is not None)
    )
    fields = frozenset(name for name, pattern in _CONTACT_FIELDS if pattern.search(plain))
    if not fields and _ANY_CONTACT.search(plain):
        fields = frozenset(name for name, _ in _CONTACT_FIELDS)
    words = plain.strip(" ?!.").split()
    # "hoe dikwijls?" alone asks about what the conversation is about.
    follow_up = (
        (bool(_FOLLOW_UP_START.match(plain)) and len(words) <= 12)
        or len(words) <= 3
        or (len(words) <= 12 and bool(_BACK_REFERENCE.search(plain)))
    )
    return Question(
        text=text,
        asks=asks,
        hours=hours,
        contact_fields=fields,
        overview="list" if _LIST_OF.search(plain) else "about" if _ABOUT.search(plain) else None,
        follow_up=follow_up,
        person=bool(_PERSON.search(plain)),
        someone=bool(_PERSON_IN_SITUATION.search(plain)),
        exists=bool(_EXISTS.search(plain)),
    )
