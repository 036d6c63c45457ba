"""The editors' report of unanswered questions: turns built from Rasa's own events, the
replies the assistant really writes, real phrasings, and one store filled by a real
conversation run."""

from __future__ import annotations

import asyncio
import csv
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import matplotlib.image
import pytest
import yaml
from matplotlib.text import Text
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import MetaData, Table, create_engine, select

from actions.replies import (
    CAPABILITIES,
    MISSING,
    OTHER_LANGUAGE_NOT_UNDERSTOOD,
    empty_record_answer,
    no_match_answer,
)
from bot import report
from bot.report import (
    BRUSSELS,
    NO_ANSWER,
    NOT_UNDERSTOOD,
    UNSURE,
    Group,
    Question,
    ended_badly,
    group,
    iso_week,
    says_no_answer,
    start_of_day,
    turns,
    unanswered,
    weeks_up_to,
)
from bot.stores import PrivateSQLTrackerStore
from knowledge.records import Record

ROOT = Path(__file__).resolve().parents[2]
CONTACT = "Sociaal Huis, Budastraat 27, 8500 Kortrijk, tel. 056 24 42 22, info@sociaalhuiskortrijk.be"
# Replies the running assistant gave (2026-12-06) to questions the page answers.
ANSWERS = (
    "Dakisolatie: Stad Kortrijk verstrekt een premie voor het isoleren van het dak. Ook bij andere instanties "
    "kan u een premie verkrijgen.\nContact: Dienst Bouwen, Milieu en Wonen, tel. 056/27.84.33\n"
    "Bron: 6.B Subsidies/premies/leningen — Dakisolatie",
    "Sociaal Huis: nu gesloten. Weer open: maandag om 9 u.\nOpeningsuren:\nmaandag: 9 – 12 u en 13 – 16 u",
    "Subsidies/premies/leningen: dit staat erover op de stadspagina.\n• Dakisolatie\n• Hemelwater",
)
PHONE, NATIONAL_NUMBER = "0470 12 34 56", "85.07.30-033.61"
T0 = datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS).timestamp()  # a Monday, week 49
WEEK = 7 * 86400


def _empty_record() -> Record:
    return Record(
        id="6-b-voordelige-leningen",
        code="6.B",
        title="Voordelige leningen energiebesparende ingrepen",
        path=("Subsidies/premies/leningen", "Voordelige leningen energiebesparende ingrepen"),
        body="",
        lines=(),
        has_content=False,
    )


def _turn(
    text: str,
    *after: Event,
    intent: str = "ask_info",
    confidence: float = 0.99,
    at: float = T0,
    sender: str = "bewoner",
) -> list[tuple[str, dict]]:
    """One message and what followed it, as the tracker store keeps them."""
    user = UserUttered(text, intent={"name": intent, "confidence": confidence}, timestamp=at)
    return [(sender, e.as_dict()) for e in (user, *after)]


def _no_match(text: str, **kwargs) -> list[tuple[str, dict]]:
    return _turn(
        text,
        ActionExecuted("action_answer"),
        BotUttered(no_match_answer(CONTACT, ["Vrije tijd en sport"])),
        ActionExecuted("action_listen"),
        intent="out_of_scope",
        **kwargs,
    )


def _reasons(events: list[tuple[str, dict]], include_unsure: bool = False) -> frozenset[str]:
    [turn] = turns(events)
    return ended_badly(turn, include_unsure=include_unsure)


# --- the replies that mean "no answer" ------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        no_match_answer(CONTACT),
        no_match_answer(CONTACT, ["Parkeren en bewonerskaart"]),
        OTHER_LANGUAGE_NOT_UNDERSTOOD["fr"].format(contact=CONTACT),
        OTHER_LANGUAGE_NOT_UNDERSTOOD["en"].format(contact=CONTACT),
        empty_record_answer(_empty_record(), None, frozenset()),
        f"{MISSING['amount']} Wel over Dakisolatie (6.B Subsidies/premies/leningen — Dakisolatie): Stad Kortrijk ...",
        # the fallback's second miss (actions/answer.py not_understood)
        f"Sorry, ik begrijp het nog altijd niet. {CAPABILITIES}\nLiever iemand spreken?",
    ],
)
def test_replies_without_an_answer_are_recognised(reply: str) -> None:
    assert says_no_answer(reply)


# The domain's own lines that say the page has no answer (the rest must not read as one).
NO_ANSWER_RESPONSES = frozenset(
    {
        "utter_capabilities",
        "utter_missing_amount",
        "utter_other_language_no_answer_fr",
        "utter_other_language_no_answer_en",
        "utter_empty_record",
    }
)


def test_answers_and_small_talk_are_not_taken_for_no_answer() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    utterances = [
        v["text"] for name, variants in domain["responses"].items() if name not in NO_ANSWER_RESPONSES for v in variants
    ]
    assert utterances, "domain.yml gave no responses to check"
    assert not [reply for reply in (*ANSWERS, *utterances) if says_no_answer(reply)]


# --- classifying a turn ---------------------------------------------------------------------------


def test_a_reply_saying_the_page_has_nothing_ended_badly() -> None:
    assert _reasons(_no_match("hoe laat sluit het zwembad")) == {NO_ANSWER}


def test_a_heading_without_text_ended_badly() -> None:
    events = _turn(
        "premie zonnepanelen?",
        ActionExecuted("action_answer"),
        BotUttered(empty_record_answer(_empty_record(), None, frozenset())),
        SlotSet("record_id", "6-b-voordelige-leningen"),
    )
    assert _reasons(events) == {NO_ANSWER}


def test_the_fallback_asking_to_rephrase_ended_badly() -> None:
    events = _turn(
        "asdfgh qwerty",
        ActionExecuted("action_fallback"),
        BotUttered("Ik begrijp je vraag niet helemaal. Kan je het anders zeggen?"),
        SlotSet("fallback_count", 1.0),
        ActionExecuted("action_listen"),
        intent="nlu_fallback",
        confidence=0.45,
    )
    assert _reasons(events) == {NOT_UNDERSTOOD}


def test_a_fallback_the_search_answered_counts_only_when_asked_for() -> None:
    events = _turn(
        "welke premies zijn er allemaal van de stad voor men huis",
        ActionExecuted("action_fallback"),
        BotUttered(ANSWERS[2]),
        SlotSet("record_id", "6-b"),
        intent="nlu_fallback",
        confidence=0.45,
    )
    assert _reasons(events) == frozenset()
    # nlu_fallback's 0.45 is the classifier's threshold, so not also "lage zekerheid"
    assert _reasons(events, include_unsure=True) == {NOT_UNDERSTOOD}


def test_low_confidence_is_a_reason_and_alone_counts_only_when_asked_for() -> None:
    answered = _turn(
        "welke opvangcentra heeft het caw in de binnenstad?",
        ActionExecuted("action_answer"),
        BotUttered(ANSWERS[2]),
        intent="ask_contact",
        confidence=0.48,
    )
    assert _reasons(answered) == frozenset()
    assert _reasons(answered, include_unsure=True) == {UNSURE}
    assert _reasons(_no_match("hoeveel bedraagt het leefloon", confidence=0.47)) == {NO_ANSWER, UNSURE}


def test_answered_turns_did_not_end_badly() -> None:
    for answer in ANSWERS:
        assert _reasons(_turn("premie dakisolatie?", ActionExecuted("action_answer"), BotUttered(answer))) == set()


def test_button_payloads_and_empty_messages_are_not_questions() -> None:
    events = [*_no_match('/ask_info{"record_id": "6-b-dakisolatie"}'), *_no_match("   ", sender="ander")]
    assert unanswered(turns(events)) == []


def test_a_turn_holds_only_its_own_senders_events() -> None:
    start = ActionExecuted("action_session_start").as_dict()
    events = [
        *_turn("premie dakisolatie?", ActionExecuted("action_answer"), BotUttered(ANSWERS[0]), sender="a"),
        ("b", start),
        *_no_match("hoe laat sluit het zwembad", sender="b"),
    ]
    first, second = turns(events)
    assert first.replies == (ANSWERS[0],) and second.actions == ("action_answer", "action_listen")


# --- grouping real phrasings ---------------------------------------------------------------------


def _questions(*texts: str, at: float = T0) -> list[Question]:
    return [Question(text, at + i, frozenset({NO_ANSWER})) for i, text in enumerate(texts)]


def test_variants_of_one_question_form_one_group_labelled_by_the_most_frequent() -> None:
    groups = group(
        _questions(
            "premie voor zonnepanelen",
            "premie zonnepanelen?",
            "zonnepaneel premie",
            "premie zonnepanelen?",
            "Premie zonnepanlen",
            "hoe laat sluit het zwembad",
            "premie dakisolatie",
            "Kan ik een premie krijgen voor mijn zonnepanelen in Kortrijk?",
            "Hoeveel premie geeft de stad voor zonnepanelen op het dak van mijn ouders?",
        )
    )
    assert [(g.label, g.total) for g in groups] == [
        ("premie zonnepanelen?", 7),
        ("hoe laat sluit het zwembad", 1),
        ("premie dakisolatie", 1),
    ]
    # equally frequent: the shortest, which fits the chart
    assert group(_questions("premie voor zonnepanelen", "zonnepaneel premie"))[0].label == "zonnepaneel premie"


@pytest.mark.parametrize(
    "first, second",
    [
        # asked in the stored evaluation runs of 2026-12-06
        ("wa doet de stad tegen huisjesmelkers", "wat doet de stad tegen huisjesmelkerij?"),
        (
            "Bestaat er een aankooppremie in Kortrijk als je een eerste woning koopt?",
            "geeft de stad een aankooppremie als ik een huis koop in Marke?",
        ),
        (
            "hoeveel maanden huurwaarborg mag mijne verhuurder vragen",
            "hoeveel maanden huurwaarborg mag mijn verhuurder vragen? hij wil er 3",
        ),
    ],
)
def test_real_rewordings_are_one_group(first: str, second: str) -> None:
    assert len(group(_questions(first, second))) == 1


def test_different_questions_stay_apart() -> None:
    groups = group(
        _questions(
            "hoe laat sluit het zwembad",
            "wanneer is het zwembad open",
            "wat kost een parkeerkaart",
            "asdfgh qwerty",
            "🏠❌😭🙏",
            "🏠❌😭🙏",
            "Past de stad Kortrijk snelherstel toe bij verkrotte woningen?",
            "Wat houdt het sociaal beheersrecht in bij de stad Kortrijk?",
        )
    )
    assert sorted(g.total for g in groups) == [1, 1, 1, 1, 1, 1, 2]


def test_scrubbed_personal_data_does_not_split_a_group() -> None:
    groups = group(_questions("hoe laat sluit het zwembad", "bel mij: [telefoonnummer], hoe laat sluit het zwembad"))
    assert [g.total for g in groups] == [2]


# --- weeks ---------------------------------------------------------------------------------------


def test_weeks_are_iso_weeks_in_kortrijk_across_the_new_year() -> None:
    # 23:30 UTC on Sunday 29 December 2024 is already Monday in Kortrijk, the first day of 2025-W01
    assert iso_week(datetime(2024, 12, 29, 23, 30, tzinfo=timezone.utc).timestamp()) == "2025-W01"
    assert iso_week(datetime(2024, 12, 29, 12, 0, tzinfo=BRUSSELS).timestamp()) == "2024-W52"
    assert iso_week(datetime(2021, 1, 3, 12, 0, tzinfo=BRUSSELS).timestamp()) == "2020-W53"
    assert weeks_up_to("2025-W02", 4) == ["2024-W51", "2024-W52", "2025-W01", "2025-W02"]
    assert weeks_up_to("2021-W01", 2) == ["2020-W53", "2021-W01"]


def test_a_group_counts_its_messages_per_week() -> None:
    new_year = datetime(2024, 12, 28, 12, 0, tzinfo=BRUSSELS).timestamp()
    [only] = group(
        _questions("premie zonnepanelen?", "premie voor zonnepanelen", at=new_year)
        + _questions("zonnepaneel premie", at=new_year + 3 * 86400)
    )
    assert only.weeks == {"2024-W52": 2, "2025-W01": 1}
    rows = report.csv_rows([only])
    assert [(r["week"], r["aantal"]) for r in rows] == [("2024-W52", 2), ("2025-W01", 1)]
    table = report.table([only], weeks_up_to("2025-W01", 3))
    assert table.splitlines()[1].split()[-6:] == ["3", "0", "2", "1", "geen", "antwoord"]


# --- --since and --min-count ---------------------------------------------------------------------


def test_since_keeps_the_messages_from_that_day_on() -> None:
    events = [
        *_no_match("hoe laat sluit het zwembad", at=T0 - WEEK, sender="a"),
        *_no_match("wat kost een parkeerkaart", at=start_of_day(date(2026, 11, 30)), sender="b"),
    ]
    kept = unanswered(turns(events), since=start_of_day(date(2026, 11, 30)))
    assert [q.text for q in kept] == ["wat kost een parkeerkaart"]


def test_min_count_keeps_the_groups_asked_that_often() -> None:
    groups = group(_questions("premie zonnepanelen?", "premie voor zonnepanelen", "hoe laat sluit het zwembad"))
    assert [g.label for g in report.at_least(groups, 2)] == ["premie zonnepanelen?"]


# --- personal data -------------------------------------------------------------------------------


def _figure_texts(groups: list[Group]) -> str:
    return "\n".join(t.get_text() for t in report.chart(groups).findobj(Text))


def test_personal_data_never_reaches_table_csv_or_chart(tmp_path: Path) -> None:
    # an old store, written before bot.stores scrubbed
    events = [
        *_no_match(f"mijn nummer is {PHONE}, hoe laat sluit het zwembad", sender="a"),
        *_no_match(f"rijksregisternummer {NATIONAL_NUMBER}: hoe laat sluit het zwembad", sender="b"),
    ]
    groups = group(unanswered(turns(events)))
    report.write_csv(groups, tmp_path / "o.csv")
    shown = "\n".join(
        [
            report.table(groups, ["2026-W49"]),
            (tmp_path / "o.csv").read_text(encoding="utf-8-sig"),
            _figure_texts(groups),
        ]
    )
    assert "[telefoonnummer]" in shown and "[rijksregisternummer]" in shown
    for secret in (PHONE, NATIONAL_NUMBER, "12 34 56", "033.61"):
        assert secret not in shown


# --- the store and the command ------------------------------------------------------------------


class OldStore(PrivateSQLTrackerStore):
    """A tracker store as it was before bot.stores scrubbed what residents typed."""

    def _additional_events(self, session, tracker):
        return SQLTrackerStore._additional_events(self, session, tracker)


def _save(url: str, sender: str, events: list[tuple[str, dict]]) -> None:
    tracker = DialogueStateTracker.from_events(sender, [Event.from_parameters(e) for _, e in events])
    asyncio.run(OldStore(Domain.empty(), host=url).save(tracker))


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as rows:
        return list(csv.DictReader(rows, delimiter=";"))


def _run(tmp_path: Path, *argv: str) -> int:
    return report.main([*argv, "--csv", str(tmp_path / "o.csv"), "--png", str(tmp_path / "o.png")])


def test_reads_sqlite_and_postgresql_stores(
    tracker_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Wednesday noon of last week: the messages an hour apart must not straddle a week's end.
    today = datetime.now(BRUSSELS)
    now = (today - timedelta(days=today.weekday() + 5)).replace(hour=12, minute=0, second=0, microsecond=0)
    _save(tracker_url, "a", _no_match("hoe laat sluit het zwembad", at=now.timestamp() - 3600))
    _save(tracker_url, "b", _no_match(f"bel {PHONE}: hoe laat sluit het zwembad?", at=now.timestamp() - 1800))
    _save(
        tracker_url,
        "c",
        _turn("premie dakisolatie?", ActionExecuted("action_answer"), BotUttered(ANSWERS[0]), at=now.timestamp() - 600),
    )
    _save(tracker_url, "d", _no_match("wat kost een parkeerkaart", at=now.timestamp() - 60 * 86400))
    since = (now - timedelta(days=10)).date().isoformat()
    assert _run(tmp_path, "--url", tracker_url, "--since", since, "--min-count", "2") == 0
    out = capsys.readouterr().out
    assert "3 vragen, waarvan 2 zonder goed antwoord; 1 groep getoond (met minstens 2 berichten)" in out
    assert [(r["vraag"], r["aantal"]) for r in _csv(tmp_path / "o.csv")] == [("hoe laat sluit het zwembad", "2")]
    assert PHONE not in out and "parkeerkaart" not in out


def test_nothing_unanswered_is_said_and_the_files_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    _save(url, "a", _turn("premie dakisolatie?", ActionExecuted("action_answer"), BotUttered(ANSWERS[0])))
    assert _run(tmp_path, "--url", url) == 0
    assert "1 vraag; geen enkele zonder goed antwoord." in capsys.readouterr().out
    assert _csv(tmp_path / "o.csv") == []
    assert (tmp_path / "o.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def _table_less(folder: Path) -> str:
    url = f"sqlite:///{folder / 'leeg.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE iets (id INTEGER)")
    engine.dispose()
    return url


@pytest.mark.parametrize(
    "make_store, expected",
    [
        (lambda folder: f"sqlite:///{folder / 'ontbreekt.sqlite3'}", "bestaat niet"),
        (_table_less, "geen tabel 'events'"),
        (lambda folder: "postgresql://woonwijzer:geheim@127.0.0.1:9/tracker", "niet bereikbaar"),
    ],
)
def test_an_unreadable_store_is_said_in_dutch(
    make_store, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path, "--url", make_store(tmp_path)) == 1
    error = capsys.readouterr().err
    assert error.startswith("Fout: ") and expected in error and "geheim" not in error
    assert not (tmp_path / "ontbreekt.sqlite3").exists() and not (tmp_path / "o.csv").exists()


# --- on a store filled by a real conversation run ------------------------------------------------

ANSWERED = ("premie dakisolatie?", "is het sociaal huis open?")
# What the running assistant replied to these on 2026-12-06, checked by hand.
UNANSWERED = (
    "hoe laat sluit het zwembad",  # "Over 'Vrije tijd en sport' staat niets op de stadspagina ..."
    f"rijksregisternummer {NATIONAL_NUMBER} hoe laat sluit het zwembad",  # the same, after an SVK detour
    "premie zonnepanelen?",  # "... staat op de stadspagina alleen een titel, zonder uitleg."
    "premie voor zonnepanelen",
    "zonnepaneel premie",
    "wat kost een parkeerkaart",  # "Over 'Parkeren en bewonerskaart' staat niets ..."
    "hoeveel kost de premie dakisolatie",  # "Een bedrag of prijs hiervoor staat niet op de stadspagina."
    "quand ferme la piscine?",  # "Désolé, je ne réponds qu'en néerlandais. ..."
    "asdfgh qwerty",  # the fallback: "Ik begrijp je vraag niet helemaal. Kan je het anders zeggen ..."
)
EXPECTED = {
    ("zonnepaneel premie", "3", NO_ANSWER),  # each asked once: the shortest names the group
    ("hoe laat sluit het zwembad", "2", NO_ANSWER),
    ("wat kost een parkeerkaart", "1", NO_ANSWER),
    ("hoeveel kost de premie dakisolatie", "1", NO_ANSWER),
    ("quand ferme la piscine?", "1", NO_ANSWER),
    ("asdfgh qwerty", "1", NOT_UNDERSTOOD),
}


def _only_senders(source_url: str, target: Path, prefix: str) -> str:
    """A copy of the store holding only the conversations whose sender starts with `prefix`."""
    url = f"sqlite:///{target}"
    source, copy = create_engine(source_url), create_engine(url)
    events = Table("events", MetaData(), autoload_with=source)
    events.metadata.create_all(copy)
    with source.connect() as reading, copy.begin() as writing:
        rows = reading.execute(select(events).where(events.c.sender_id.like(f"{prefix}%"))).mappings().all()
        writing.execute(events.insert(), [dict(r) for r in rows])
    source.dispose()
    copy.dispose()
    return url


@pytest.mark.e2e
def test_report_on_a_real_conversation_run(assistant, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = f"report-{uuid.uuid4().hex[:8]}"
    today = datetime.now(BRUSSELS).date().isoformat()
    for i, message in enumerate((*ANSWERED, *UNANSWERED)):
        assert assistant.ask(message, sender=f"{run}-{i}")
    live = f"sqlite:///{assistant.var / 'tracker.sqlite3'}"

    # The live store, which other end-to-end tests may share: ours are there, the answered ones are not.
    assert _run(tmp_path, "--url", live, "--since", today) == 0
    table = capsys.readouterr().out
    for label, _, _reason in EXPECTED:
        assert label in table
    assert not [line for line in table.splitlines() for q in ANSWERED if line.startswith(q)]
    assert NATIONAL_NUMBER not in table
    png = (tmp_path / "o.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"matplotlib" in png
    image = matplotlib.image.imread(tmp_path / "o.png")
    assert image.shape[0] > 300 and image.shape[1] > 1000
    assert len({tuple(p) for p in image[::7, ::7].reshape(-1, image.shape[2]).tolist()}) > 20

    # This run's conversations alone: the exact counts.
    ours = _only_senders(live, tmp_path / "ours.sqlite3", run)
    assert _run(tmp_path, "--url", ours, "--since", today) == 0
    rows = _csv(tmp_path / "o.csv")
    assert {(r["vraag"], r["aantal"], r["reden"]) for r in rows} == EXPECTED
    assert not [r for r in rows if NATIONAL_NUMBER in r["voorbeelden"]]
