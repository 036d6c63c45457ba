"""Mistakes in the reviewed overlays come back in Dutch, naming the file and the entry."""

from __future__ import annotations

import pytest

from knowledge.curation import CurationError, parse_curation
from knowledge.overlays import OverlayError
from knowledge.referral import ReferralError, parse_referral_rules

FALLBACK = "fallback_contact: {record: '2.A Sociaal Huis', say: vraag het Sociaal Huis, why: w}\n"
SITUATION = "situations:\n  - {id: uithuiszetting, label: Uithuiszetting, triggers: [uithuiszetting], %s}\n"
CURATION = "knowledge/curation.yml, spelling[0] (wrong 'meot'): "
REFERRAL = "knowledge/referral.yml, situations[0] (id 'uithuiszetting'): "


@pytest.mark.parametrize(
    "parse, error, text, message",
    [
        (
            parse_curation,
            CurationError,
            "spelling:\n  - {wrong: meot, right: moet, why: w, fout: x}\n",
            CURATION + "onbekende sleutel 'fout'",
        ),
        (
            parse_curation,
            CurationError,
            "spelling:\n  - {wrong: meot, right: moet, why: ''}\n",
            CURATION + "'why' ontbreekt of is leeg",
        ),
        (
            parse_curation,
            CurationError,
            "spelling:\n  - {wrong: meot, right: moet}\n",
            CURATION + "'why' ontbreekt of is leeg",
        ),
        (
            parse_curation,
            CurationError,
            "spelling:\n  - {wrong: meot, right: [moet], why: w}\n",
            CURATION + "'right' moet tekst zijn",
        ),
        (
            parse_referral_rules,
            ReferralError,
            FALLBACK + SITUATION % "why: w, fout: x",
            REFERRAL + "onbekende sleutel 'fout'",
        ),
        (
            parse_referral_rules,
            ReferralError,
            FALLBACK + SITUATION % "why: '  '",
            REFERRAL + "'why' ontbreekt of is leeg",
        ),
        (
            parse_referral_rules,
            ReferralError,
            FALLBACK + SITUATION % "options: []",
            REFERRAL + "'why' ontbreekt of is leeg",
        ),
        (
            parse_referral_rules,
            ReferralError,
            FALLBACK + SITUATION % "why: w, options: {a: 1}",
            REFERRAL + "'options' moet een lijst zijn",
        ),
    ],
    ids=[
        "curation-unknown-key",
        "curation-empty-why",
        "curation-missing-why",
        "curation-wrong-type",
        "referral-unknown-key",
        "referral-empty-why",
        "referral-missing-why",
        "referral-wrong-type",
    ],
)
def test_mistake_is_named_in_dutch(parse, error, text, message):
    with pytest.raises(error) as caught:
        parse(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, OverlayError)


def test_a_nested_entry_is_named_through_its_parent():
    text = FALLBACK + SITUATION % "why: w, options: [{record: '7.B Crisisopvang', weight: 1}]"
    with pytest.raises(
        ReferralError,
        match=r"^knowledge/referral\.yml, situations\[0\] \(id 'uithuiszetting'\)"
        r"\.options\[0\] \(record '7\.B Crisisopvang'\): 'why' ontbreekt",
    ):
        parse_referral_rules(text)


def test_every_mistake_is_reported_at_once():
    with pytest.raises(CurationError) as caught:
        parse_curation("spelling:\n  - {wrong: a, right: b}\noutside:\n  - {label: EPC, terms: [epc]}\nextra: 1\n")
    assert str(caught.value).splitlines() == [
        "knowledge/curation.yml, spelling[0] (wrong 'a'): 'why' ontbreekt of is leeg",
        "knowledge/curation.yml, outside[0] (label 'EPC'): 'why' ontbreekt of is leeg",
        "knowledge/curation.yml: onbekende sectie 'extra'",
    ]


def test_broken_yaml_names_the_line():
    with pytest.raises(CurationError, match=r"^knowledge/curation\.yml, regel 2: geen geldige YAML$"):
        parse_curation("noise: []\nspelling: a: b\n")
