"""KnowledgeBase: services by name, the desk behind a record's contact, the contact of last resort."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase, describe_contact


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_source()


@pytest.mark.parametrize(
    "name, record_id",
    [
        ("Sociaal Huis", "2-a-sociaal-huis"),
        ("sociaal huis", "2-a-sociaal-huis"),
        ("Balie Bouwen, Milieu en Wonen", "2-a-balie-bouwen-milieu-en-wonen"),
        ("balie", "2-a-balie-bouwen-milieu-en-wonen"),
        ("Huurdersbond", "1-c-huurdersbond"),
    ],
)
def test_a_service_by_its_name_or_a_variant(kb, name, record_id) -> None:
    service = kb.service(name)
    assert service is not None and service.record.id == record_id, f"{name!r} should be the service of {record_id}"


def test_an_unknown_or_ambiguous_name_is_no_service(kb) -> None:
    assert kb.service("brandweer") is None
    assert kb.service("wonen") is None, "'wonen' fits several services: better to ask than to guess"


def test_a_premium_keeps_its_own_number_with_the_desks_hours(kb) -> None:
    service = kb.service_of(kb.get("6-b-dakisolatie"))
    assert service.contact.phone == "056/27.84.33", "the page gives 056/27.84.33 for the premiums"
    assert service.has_hours and service.record.id == "2-a-balie-bouwen-milieu-en-wonen"


def test_a_record_without_any_contact_has_no_service(kb) -> None:
    assert kb.service_of(kb.get("1-c-woonclub")) is None


def test_each_desk_with_hours_once(kb) -> None:
    names = [s.record.id for s in kb.services_with_hours()]
    assert sorted(names) == ["2-a-balie-bouwen-milieu-en-wonen", "2-a-sociaal-huis"]


def test_the_contact_of_last_resort_is_the_sociaal_huis(kb) -> None:
    assert (
        kb.general_help_contact()
        == "Sociaal Huis, Budastraat 27, 8500 Kortrijk, tel. 056 24 42 22, info@sociaalhuiskortrijk.be"
    )
    assert describe_contact(kb.general_help().contact).startswith("Sociaal Huis")


def test_amount_per_unit(kb) -> None:
    assert str(kb.amount_per(kb.get("5-a-3-conformiteitsattest-woningen-kamers"), "woongelegenheid")) == "62.5"
