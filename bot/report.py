"""What residents asked that Woonwijzer could not answer, per week, for the city's content editors.

`python -m bot.report [--since 2026-11-01] [--min-count 2]` reads the conversations in the
tracker store (TRACKER_STORE_URL, or `--url`) and prints a table, writes a CSV file and a
chart (var/report/onbeantwoord.csv and .png). The store only holds the last RETENTION_DAYS
of conversations (bot.retention), so run it at least that often and keep the files.

A message ended badly when the assistant did not answer it: a reply says the page has
nothing on it (no_match_answer and the fallback's second miss list utter_capabilities), only
speaks Dutch (utter_other_language_no_answer_*), lacks the fact asked (utter_missing_amount) or found a
heading without text (empty_record_answer); or the fallback asked to rephrase, which it
records by setting the slot fallback_count to 1. Its reasons, for the editors:
  * geen antwoord: one of those replies;
  * niet begrepen: action_fallback ran, or the classifier said nlu_fallback;
  * lage zekerheid: the intent's confidence was below --min-confidence.
A fallback or an unsure classifier alone is no sign of a missing answer: the search
rescues most of them (in the evaluation runs stored on 2026-12-06, 36 of 47 fallback turns
were answered from the page). Those turns are left out unless --include-unsure asks for them.

Similar messages form one group: the words that name their subject (knowledge.nl.stopwords'
content words without its neutral and everyday ones, stemmed) overlap by at least
SIMILARITY (Jaccard; words within a typo of each other count as the same). A group is
labelled by its most frequent text. Personal data is scrubbed again on reading,
for stores written before bot.stores scrubbed.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from sqlalchemy import MetaData, Table, create_engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.retention import tracker_url
from knowledge import texts
from knowledge.nl.normalize import fold
from knowledge.nl.stem import stem
from knowledge.nl.stopwords import is_content, is_everyday, is_neutral
from knowledge.nl.times import MONTHS
from knowledge.nl.words import words
from knowledge.privacy import LABELS, scrub
from knowledge.settings import VAR

DEFAULT_CSV = VAR / "report" / "onbeantwoord.csv"
DEFAULT_PNG = VAR / "report" / "onbeantwoord.png"
BRUSSELS = ZoneInfo("Europe/Brussels")

NO_ANSWER, NOT_UNDERSTOOD, UNSURE = "geen antwoord", "niet begrepen", "lage zekerheid"
REASON_ORDER = (NO_ANSWER, NOT_UNDERSTOOD, UNSURE)
FALLBACK_ACTION, FALLBACK_INTENT, FALLBACK_SLOT = "action_fallback", "nlu_fallback", "fallback_count"


def _fixed_part(template: str) -> str:
    """The longest run of a response's words that no placeholder interrupts."""
    return max(texts.PLACEHOLDER.sub("\n", template).split("\n"), key=len).strip()


# The sentences of the replies that answer nothing (domain.yml); a rewording there follows here.
NO_ANSWER_MARKERS = (
    _fixed_part(texts.template("utter_capabilities")),
    _fixed_part(texts.template("utter_empty_record")),
    _fixed_part(texts.template("utter_missing_amount")),
    _fixed_part(texts.template("utter_other_language_no_answer_fr")),
    _fixed_part(texts.template("utter_other_language_no_answer_en")),
)

MIN_CONFIDENCE = 0.5
# Jaccard of the subject words: "premie zonnepanelen" and "hoeveel premie geeft de stad voor
# zonnepanelen op het dak" (2 of 3) meet; "premie zonnepanelen" and "premie dakisolatie"
# (1 of 3) do not. On the 117 unanswered messages of the stored evaluation runs, 0.6 kept
# eight ways of asking for an aankooppremie in one group but split "snelherstel" and
# "sociaal beheersrecht" over several; 0.4 put those two subjects together.
SIMILARITY = 0.5
# Two words this alike are one word typed twice ("zonnepanlen"); short words never are.
SAME_WORD = 0.85
TABLE_WEEKS = 4
LABEL_WIDTH = 48
MAX_EXAMPLES = 5
TOP = 10


class StoreError(Exception):
    """The store cannot be read; the message says why in Dutch."""


# --- reading ---------------------------------------------------------------------


def read_events(url: str) -> list[tuple[str, dict[str, Any]]]:
    """(sender, Rasa event as stored) for every message, reply, action and slot, in order per sender."""
    shown = _shown(url)
    if _missing_sqlite_file(url):
        raise StoreError(f"De tracker store {shown} bestaat niet: het bestand ontbreekt.")
    try:
        engine = create_engine(url)
    except SQLAlchemyError as error:
        raise StoreError(f"{shown} is geen bruikbaar adres voor een tracker store ({error}).") from error
    try:
        if not inspect(engine).has_table("events"):
            raise StoreError(f"In {shown} staat geen tabel 'events': is dit de tracker store van Woonwijzer?")
        events = Table("events", MetaData(), autoload_with=engine)
        query = (
            select(events.c.sender_id, events.c.data)
            .where(events.c.type_name.in_(("user", "bot", "action", "slot")))
            .order_by(events.c.sender_id, events.c.id)
        )
        with engine.connect() as connection:
            return [(sender, json.loads(data)) for sender, data in connection.execute(query) if data]
    except SQLAlchemyError as error:
        # The driver's first line ("Connection refused", "no such table") is what a maintainer needs.
        detail = (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0]
        raise StoreError(f"De tracker store {shown} is niet bereikbaar ({detail}).") from error
    finally:
        engine.dispose()


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return repr(url)


def _missing_sqlite_file(url: str) -> bool:
    # SQLite would create an empty file and report an empty store instead of a wrong path.
    try:
        parsed = make_url(url)
    except SQLAlchemyError:
        return False
    return (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not Path(parsed.database).exists()
    )


# --- turns and what went wrong ------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """A resident's message and what the assistant did about it, up to their next message."""

    text: str
    timestamp: float
    intent: str | None = None
    confidence: float | None = None
    actions: tuple[str, ...] = ()
    replies: tuple[str, ...] = ()
    slots: tuple[tuple[str, Any], ...] = ()


def turns(events: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Turn]:
    """Cut each sender's events, in stored order, into turns at every user message."""
    found: list[Turn] = []
    current: str | None = None
    for sender, event in events:
        kind = event.get("event")
        if kind == "user":
            intent = (event.get("parse_data") or {}).get("intent") or {}
            found.append(
                Turn(
                    text=event.get("text") or "",
                    timestamp=float(event.get("timestamp") or 0),
                    intent=intent.get("name"),
                    confidence=intent.get("confidence"),
                )
            )
            current = sender
        elif found and sender == current:
            found[-1] = _followed_by(found[-1], kind, event)
    return found


def _followed_by(turn: Turn, kind: str | None, event: Mapping[str, Any]) -> Turn:
    if kind == "bot" and event.get("text"):
        return replace(turn, replies=(*turn.replies, event["text"]))
    if kind == "action" and event.get("name"):
        return replace(turn, actions=(*turn.actions, event["name"]))
    if kind == "slot":
        return replace(turn, slots=(*turn.slots, (str(event.get("name")), event.get("value"))))
    return turn


def is_question(text: str) -> bool:
    """Button payloads ("/ask_info{...}", "/deny") and empty messages were not typed as questions."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("/")


def says_no_answer(reply: str) -> bool:
    return any(marker in reply for marker in NO_ANSWER_MARKERS)


def asked_to_rephrase(turn: Turn) -> bool:
    """The fallback's first miss: "Ik begrijp je vraag niet helemaal", which sets fallback_count to 1."""
    return any(name == FALLBACK_SLOT and value is not None and float(value) >= 1 for name, value in turn.slots)


def answered(turn: Turn) -> bool:
    return not asked_to_rephrase(turn) and not any(says_no_answer(reply) for reply in turn.replies)


def reasons(turn: Turn, min_confidence: float = MIN_CONFIDENCE) -> frozenset[str]:
    found = set()
    if any(says_no_answer(reply) for reply in turn.replies):
        found.add(NO_ANSWER)
    if FALLBACK_ACTION in turn.actions or turn.intent == FALLBACK_INTENT:
        found.add(NOT_UNDERSTOOD)
    # nlu_fallback's confidence is the classifier's threshold, not a measurement.
    if turn.intent != FALLBACK_INTENT and turn.confidence is not None and turn.confidence < min_confidence:
        found.add(UNSURE)
    return frozenset(found)


def ended_badly(turn: Turn, min_confidence: float = MIN_CONFIDENCE, include_unsure: bool = False) -> frozenset[str]:
    """The reasons the turn belongs in the report; empty when it does not."""
    found = reasons(turn, min_confidence)
    return found if include_unsure or not answered(turn) else frozenset()


@dataclass(frozen=True)
class Question:
    text: str  # scrubbed
    timestamp: float
    reasons: frozenset[str]

    @property
    def week(self) -> str:
        return iso_week(self.timestamp)


def unanswered(
    all_turns: Iterable[Turn],
    min_confidence: float = MIN_CONFIDENCE,
    since: float | None = None,
    include_unsure: bool = False,
) -> list[Question]:
    """The typed messages from `since` on that ended badly, without personal data."""
    found = []
    for turn in all_turns:
        if not is_question(turn.text) or (since is not None and turn.timestamp < since):
            continue
        if why := ended_badly(turn, min_confidence, include_unsure):
            found.append(Question(scrub(turn.text.strip()), turn.timestamp, why))
    return sorted(found, key=lambda q: q.timestamp)


def asked(all_turns: Iterable[Turn], since: float | None = None) -> int:
    """How many typed messages there were, for an honest denominator."""
    return sum(1 for t in all_turns if is_question(t.text) and (since is None or t.timestamp >= since))


# --- weeks ---------------------------------------------------------------------------


def week_of(day: date) -> str:
    """ "2026-W49": the ISO week, whose year may differ from the calendar year (2024-12-30 is 2025-W01)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_week(timestamp: float) -> str:
    """The ISO week of a moment, as the day it was in Kortrijk."""
    return week_of(datetime.fromtimestamp(timestamp, BRUSSELS).date())


def start_of_day(day: date) -> float:
    return datetime.combine(day, time(0), BRUSSELS).timestamp()


def monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def weeks_up_to(last: str, count: int) -> list[str]:
    """`count` consecutive weeks ending with `last`, oldest first, also the ones nobody asked in."""
    end = monday(last)
    return [week_of(end - timedelta(weeks=n)) for n in reversed(range(count))]


def week_span(week: str) -> str:
    """ "week 49 (30/11 – 6/12)": editors know dates better than ISO week numbers."""
    first = monday(week)
    last = first + timedelta(days=6)
    return f"week {first.isocalendar()[1]} ({first.day}/{first.month} – {last.day}/{last.month})"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- grouping -----------------------------------------------------------------------


def key_words(text: str) -> frozenset[str]:
    """The stemmed words that name the subject: without "kortrijk", "stad", "kost" or "mama",
    which most questions share, nor the "[telefoonnummer]" scrubbing put in. A message with
    only such words keeps its content words; one without words ("🏠❌", "???") is its own key."""
    unlabelled = text
    for _, label in LABELS:
        unlabelled = unlabelled.replace(label, " ")
    content = [w for w in words(unlabelled) if is_content(w)]
    subject = [w for w in content if not is_neutral(w) and not is_everyday(w)] or content
    return frozenset(stem(w) for w in subject) or frozenset({fold(text).strip()})


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard of two word sets, where a word of `a` matches a word of `b` that it equals or nearly equals."""
    if not a or not b:
        return 0.0
    shared = sum(1 for word in a if word in b or any(_same_word(word, other) for other in b))
    return shared / (len(a) + len(b) - shared)


def _same_word(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= SAME_WORD


@dataclass(frozen=True)
class Group:
    questions: tuple[Question, ...]

    @cached_property
    def texts(self) -> Counter[str]:
        return Counter(q.text for q in self.questions)

    @property
    def label(self) -> str:
        """The most frequent text; of equally frequent ones the shortest, which fits a chart
        best, and of those the earliest (a Counter keeps first-seen order)."""
        most = self.texts.most_common(1)[0][1]
        return min((text for text, n in self.texts.items() if n == most), key=len)

    @property
    def total(self) -> int:
        return len(self.questions)

    @cached_property
    def weeks(self) -> Counter[str]:
        return Counter(q.week for q in self.questions)

    @property
    def reasons(self) -> list[str]:
        found = set().union(*(q.reasons for q in self.questions))
        return [r for r in REASON_ORDER if r in found]

    @property
    def examples(self) -> list[str]:
        return [text for text, _ in self.texts.most_common(MAX_EXAMPLES)]

    def in_week(self, week: str) -> Group:
        return Group(tuple(q for q in self.questions if q.week == week))


def group(questions: Sequence[Question], threshold: float = SIMILARITY) -> list[Group]:
    """Near-duplicates together, biggest group first. The most asked wordings start the groups,
    and a message joins the group whose first wording is most like it, so groups do not drift."""
    seeds: list[frozenset[str]] = []
    seed_of: dict[str, int] = {}
    for text, _ in Counter(q.text for q in questions).most_common():
        key = key_words(text)
        scores = [similarity(key, seed) for seed in seeds]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        if best is None or scores[best] < threshold:
            seeds.append(key)
            best = len(seeds) - 1
        seed_of[text] = best
    groups = [Group(tuple(q for q in questions if seed_of[q.text] == i)) for i in range(len(seeds))]
    return sorted(groups, key=lambda g: (-g.total, g.label))


def at_least(groups: Iterable[Group], min_count: int) -> list[Group]:
    return [g for g in groups if g.total >= min_count]


# --- output -------------------------------------------------------------------------


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _cut(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def table(groups: Sequence[Group], weeks: Sequence[str]) -> str:
    """One line per group: its label, total, the count in each of `weeks`, and why it went wrong."""
    heads = [f"wk {monday(w).isocalendar()[1]:>2}" for w in weeks]
    earlier = [sum(n for w, n in g.weeks.items() if w < weeks[0]) for g in groups]
    # Without it the weeks shown would not add up to the total.
    before = ["eerder"] if any(earlier) else []
    lines = ["  ".join(["Vraag".ljust(LABEL_WIDTH), "Totaal", *before, *heads, "Reden"])]
    for g, n in zip(groups, earlier, strict=False):
        counts = [str(n).rjust(len(before[0]))] if before else []
        counts += [str(g.weeks.get(w, 0)).rjust(len(h)) for w, h in zip(weeks, heads, strict=False)]
        lines.append(
            "  ".join(
                [_cut(g.label, LABEL_WIDTH).ljust(LABEL_WIDTH), str(g.total).rjust(6), *counts, ", ".join(g.reasons)]
            )
        )
    return "\n".join(lines)


CSV_COLUMNS = ("vraag", "aantal", "week", "reden", "voorbeelden")


def csv_rows(groups: Sequence[Group]) -> list[dict[str, str | int]]:
    """One row per group and week it was asked in: spreadsheets filter and pivot on these."""
    rows: list[dict[str, str | int]] = []
    for g in groups:
        for week in sorted(g.weeks):
            that_week = g.in_week(week)
            rows.append(
                {
                    "vraag": g.label,
                    "aantal": that_week.total,
                    "week": week,
                    "reden": ", ".join(that_week.reasons),
                    "voorbeelden": " | ".join(that_week.examples),
                }
            )
    return rows


def write_csv(groups: Sequence[Group], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Semicolons and a byte-order mark: what Excel with Belgian settings opens in columns, accents intact.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(csv_rows(groups))


def period(weeks: Sequence[str]) -> str:
    return f"{long_date(monday(weeks[0]))} t.e.m. {long_date(monday(weeks[-1]) + timedelta(days=6))}"


def chart(groups: Sequence[Group], top: int = TOP) -> Figure:
    """The `top` groups as horizontal bars, one coloured part per week, the most asked on top."""
    shown = list(groups[:top])
    figure = Figure(figsize=(11, 2.2 + 0.55 * max(len(shown), 1)), constrained_layout=True)
    # The Agg canvas, without pyplot: no display needed and no state between calls.
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if not shown:
        axes.set_axis_off()
        axes.text(
            0.5, 0.5, "Geen onbeantwoorde vragen om te tonen voor deze periode.", ha="center", va="center", fontsize=14
        )
        return figure
    weeks = sorted(set().union(*(g.weeks for g in shown)))
    colours = _colours(len(weeks))
    rows = range(len(shown))
    left = [0] * len(shown)
    for week, colour in zip(weeks, colours, strict=False):
        counts = [g.weeks.get(week, 0) for g in shown]
        axes.barh(rows, counts, left=left, color=colour, edgecolor="white", label=week_span(week))
        left = [a + b for a, b in zip(left, counts, strict=False)]
    for row, total in zip(rows, left, strict=False):
        axes.text(total, row, f" {total}", va="center", fontsize=10)
    axes.set_yticks(list(rows))
    axes.set_yticklabels(
        [textwrap.fill(" ".join(g.label.split()), 46, max_lines=2, placeholder=" …") for g in shown], fontsize=10
    )
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(left) * 1.12 + 0.5)
    axes.set_xlabel("Aantal berichten")
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(
        f"Vragen die Woonwijzer niet kon beantwoorden (top {len(shown)})\n{period(weeks)}", loc="left", fontsize=13
    )
    # Under the chart, where it never hides a bar.
    axes.legend(
        title="Week",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=min(len(weeks), 3),
        fontsize=9,
        title_fontsize=9,
        frameon=False,
    )
    return figure


def _colours(count: int) -> list[tuple[float, float, float, float]]:
    """Light for older weeks, dark for the latest: the eye goes to what is new."""
    blues = matplotlib.colormaps["Blues"]
    if count == 1:
        return [blues(0.7)]
    return [blues(0.3 + 0.6 * i / (count - 1)) for i in range(count)]


def write_chart(groups: Sequence[Group], path: Path, top: int = TOP) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    chart(groups, top).savefig(path, dpi=130)


# --- command line ---------------------------------------------------------------------


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen datum; schrijf JJJJ-MM-DD, bv. 2026-11-01") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is geen geheel getal groter dan 0")
    return int(value)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.report",
        description="Welke vragen kon Woonwijzer niet beantwoorden? Een tabel, een CSV-bestand en een grafiek.",
    )
    parser.add_argument(
        "--url", help="SQLAlchemy-URL van de tracker store (standaard: TRACKER_STORE_URL, anders var/tracker.sqlite3)"
    )
    parser.add_argument("--since", type=_day, metavar="JJJJ-MM-DD", help="alleen berichten vanaf deze dag")
    parser.add_argument(
        "--min-count",
        type=_positive,
        default=1,
        metavar="N",
        help="alleen groepen met minstens N berichten (standaard 1)",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=MIN_CONFIDENCE,
        metavar="GETAL",
        help=f"onder deze zekerheid (0 tot 1) telt een bericht als 'lage zekerheid' (standaard {MIN_CONFIDENCE})",
    )
    parser.add_argument(
        "--include-unsure",
        action="store_true",
        help="ook berichten die wel een antwoord kregen, maar na een fallback of met lage zekerheid",
    )
    parser.add_argument(
        "--top", type=_positive, default=TOP, metavar="N", help=f"groepen in de grafiek (standaard {TOP})"
    )
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, metavar="PAD", help="waar het CSV-bestand komt")
    parser.add_argument("--png", type=Path, default=DEFAULT_PNG, metavar="PAD", help="waar de grafiek komt")
    return parser.parse_args(argv)


def summary(
    asked_count: int, reported: int, shown: int, since: date | None, min_count: int, include_unsure: bool = False
) -> str:
    """The honest first line: how many were asked, how many went unanswered, what the table shows."""
    when = f"Sinds {long_date(since)}" if since else "In de hele tracker store"
    what = "zonder goed antwoord of onzeker begrepen" if include_unsure else "zonder goed antwoord"
    if not asked_count:
        return f"{when}: geen vragen gevonden."
    if not reported:
        return f"{when}: {plural(asked_count, 'vraag', 'vragen')}; geen enkele {what}."
    line = (
        f"{when}: {plural(asked_count, 'vraag', 'vragen')}, waarvan {reported} {what}; "
        f"{plural(shown, 'groep', 'groepen')} getoond"
    )
    return line + (f" (met minstens {min_count} berichten)." if min_count > 1 else ".")


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    url = args.url or tracker_url()
    try:
        events = read_events(url)
    except StoreError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    since = start_of_day(args.since) if args.since else None
    all_turns = turns(events)
    questions = unanswered(all_turns, args.min_confidence, since, args.include_unsure)
    groups = at_least(group(questions), args.min_count)
    print(
        summary(asked(all_turns, since), len(questions), len(groups), args.since, args.min_count, args.include_unsure)
    )
    if groups:
        latest = max(q.week for g in groups for q in g.questions)
        print()
        print(table(groups, weeks_up_to(latest, TABLE_WEEKS)))
    # Written also when empty, so an old chart never passes for this period's.
    write_csv(groups, args.csv)
    write_chart(groups, args.png, args.top)
    print(f"\nCSV: {args.csv}\nGrafiek: {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
