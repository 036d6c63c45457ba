"""Nothing lost: every non-blank source line is in exactly one record, or is named noise."""

from __future__ import annotations

from collections import Counter

from knowledge.parser import dropped_lines


def _non_blank(source: str) -> set[int]:
    return {n for n, line in enumerate(source.split("\n"), 1) if line.strip()}


def test_every_line_is_owned_once_or_dropped_on_purpose(source, curation, records):
    owned = Counter(n for r in records for n in r.lines)
    assert owned, "the records own no line of the source"
    twice = sorted(n for n, count in owned.items() if count > 1)
    assert not twice, f"lines in more than one record: {twice}"
    dropped = dropped_lines(source, curation)
    print("\nWeggelaten regels (ruis):")
    for number, line in dropped:
        print(f"  {number:4}: {line.strip()}")
    dropped_numbers = {n for n, _ in dropped}
    assert not dropped_numbers & set(owned), "a noise line is also in a record"
    missing = _non_blank(source) - set(owned) - dropped_numbers
    assert not missing, f"lines in no record: {sorted(missing)}"
    assert set(owned) <= _non_blank(source), "records claim blank lines"


def test_dropped_noise_is_exactly_the_named_debris(source, curation):
    texts = [line.strip() for _, line in dropped_lines(source, curation)]
    assert texts[:3] == [
        "Instrumenten lokaal woonbeleid Kortrijk",
        "TitelFilterBeschrijvingFilter",
        "Sorteren op bijlagenDruk op Shift+ENTER om het menu te openen (nieuw venster)",
    ]
    assert texts.count("Bijlage") == 2
    assert all(t.startswith("Meer info over ") and t.endswith("vind je hier.") for t in texts[3:] if t != "Bijlage")
    assert len(texts) == 15


def test_record_bodies_hold_their_lines_as_written(source, records):
    lines = source.split("\n")
    assert records, "the source parsed into no records"
    checked = 0
    for record in records:
        for number in record.lines[1:]:
            checked += 1
            assert lines[number - 1] in record.body.split("\n"), f"line {number} should be in {record.id} as written"
    assert checked, "no record has a line after its heading to check"
