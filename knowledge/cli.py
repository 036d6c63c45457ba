"""`python -m knowledge build | search "vraag" | show ID | export --json`.

Dutch for people, English keys in JSON. Exit codes: 0 ok, 1 unknown id (or search not available), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from knowledge.curation import load_curation
from knowledge.nl.times import WEEKDAY_ABBREVIATIONS, WEEKDAYS
from knowledge.records import Amount, Contact, Quantity, Record, to_jsonable
from knowledge.search import SearchIndex
from knowledge.store import BuildReport, build, load_records
from knowledge.vocabulary import nlu_lookups

DAY_ABBREVIATIONS = dict(zip(WEEKDAYS, WEEKDAY_ABBREVIATIONS, strict=True))


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if args.command == "build":
        return _build(args, out)
    if args.command == "search":
        return _search(args, out)
    if args.command == "show":
        return _show(args.id, out)
    if args.command == "lookups":
        return _lookups(args.write, out)
    return _export(out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Kennisbank van Woonwijzer Kortrijk.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="bouw de kennisbank op uit het brondocument")
    build_cmd.add_argument("--source", type=Path, help="ander brondocument (standaard: knowledge/source/...)")
    search_cmd = commands.add_parser("search", help="zoek records bij een vraag")
    search_cmd.add_argument("query", help="de vraag, tussen aanhalingstekens")
    search_cmd.add_argument("--json", action="store_true", help="uitvoer als JSON")
    search_cmd.add_argument("--limit", type=_positive, default=5, help="hoeveel resultaten (standaard 5)")
    show_cmd = commands.add_parser("show", help="toon één record volledig")
    show_cmd.add_argument("id", help="record-id, bv. 6-b-dakisolatie")
    lookups_cmd = commands.add_parser("lookups", help="NLU-opzoektabellen uit de kennisbank (Rasa-formaat)")
    lookups_cmd.add_argument("--write", type=Path, help="schrijf naar dit bestand in plaats van naar het scherm")
    export_cmd = commands.add_parser("export", help="alle records met alle velden")
    export_cmd.add_argument("--json", action="store_true", required=True, help="uitvoer als JSON (verplicht)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("moet minstens 1 zijn")
    return value


def _records() -> list[Record]:
    records = load_records()
    if not records:
        print("De kennisbank is nog leeg; ik bouw ze eerst op.", file=sys.stderr)
        build(progress=lambda line: print(line, file=sys.stderr))
        records = load_records()
    return records


# --- build ---------------------------------------------------------------------------------------


def _build(args: argparse.Namespace, out: TextIO) -> int:
    source = args.source.read_text(encoding="utf-8") if args.source else None
    report = build(source=source, progress=lambda line: print(line, file=out))
    print(summary(report), file=out)
    return 0


def summary(report: BuildReport) -> str:
    lines = [
        "Kennisbank ongewijzigd (zelfde bron, overlay en parser)." if report.unchanged else "Kennisbank bijgewerkt.",
        f"Records: {report.records} ({report.with_content} met inhoud, {report.without_content} zonder)",
        f"Contacten: {report.contacts}",
        f"Tabellen met openingsuren: {report.hours}",
        f"Bedragen: {report.amounts}",
        f"Aantallen en termijnen: {report.quantities}",
        f"Plaatsen: {report.places}",
        f"Data: {report.dates}",
        f"Verouderde curatie-items: {len(report.stale)}",
        *(f"  - {entry}" for entry in report.stale),
    ]
    if not report.unchanged:
        lines += _listed("Nieuw", "+", report.added) + _listed("Verdwenen", "-", report.removed)
        lines += _listed("Gewijzigd", "~", report.changed)
    return "\n".join(lines)


def _listed(label: str, mark: str, ids: list[str], shown: int = 20) -> list[str]:
    # A first build adds every record; a list that long hides what matters.
    more = [f"  ... en nog {len(ids) - shown}"] if len(ids) > shown else []
    return [f"{label}: {len(ids)}", *(f"  {mark} {i}" for i in ids[:shown]), *more]


# --- search --------------------------------------------------------------------------------------


def _search(args: argparse.Namespace, out: TextIO) -> int:
    index = SearchIndex.from_curation(_records(), load_curation())
    result = index.search(args.query, limit=args.limit)
    if args.json:
        hits = [
            {
                "id": h.record.id,
                "code": h.record.code,
                "title": h.record.title,
                "section": h.record.section_label(),
                "score": h.score,
            }
            for h in result.hits
        ]
        json.dump(
            {
                "query": result.query,
                "no_good_match": result.no_good_match,
                "confidence": round(result.confidence, 2),
                "outside": list(result.outside),
                "hits": hits,
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        print(file=out)
        return 0
    if result.no_good_match:
        subject = f" Het gaat over '{result.outside[0]}', en dat staat niet op de pagina." if result.outside else ""
        print(f"Ik vond niets dat goed past bij die vraag.{subject}", file=out)
    for rank, hit in enumerate(result.hits, 1):
        print(f"{rank}. {hit.record.section_label()}  [{hit.record.id}]  score {hit.score:.2f}", file=out)
    return 0


# --- show ----------------------------------------------------------------------------------------


def _show(record_id: str, out: TextIO) -> int:
    record = next((r for r in _records() if r.id == record_id), None)
    if record is None:
        print(f"Onbekend record: {record_id}", file=sys.stderr)
        return 1
    print(describe(record), file=out)
    return 0


def describe(r: Record) -> str:
    """Every field of a record, with Dutch labels."""
    parts = [
        f"Id: {r.id}",
        f"Code: {r.code}",
        f"Titel: {r.title}",
        f"Plaats in het document: {' › '.join(r.path)}",
        f"Sectie: {r.section_label()}",
        f"Bronregels: {', '.join(map(str, r.lines))}",
        f"Heeft inhoud: {'ja' if r.has_content else 'nee'}",
    ]
    if r.has_content:
        parts.append("Tekst:\n" + _indent(r.text))
        if r.body.strip() != r.text:
            parts.append("Tekst zoals in de bron:\n" + _indent(r.body))
    if r.answer is not None:
        parts.append(f"Antwoord: {'ja' if r.answer else 'nee'}")
    parts += _section("Contacten", [format_contact(c) for c in r.contacts])
    if r.service:
        parts.append(f"Verantwoordelijke dienst: {format_contact(r.service)}\n  waarom: {r.service_why}")
    parts += _section(
        "Openingsuren",
        [
            f"{h.label}: "
            + "; ".join(f"{DAY_ABBREVIATIONS[d]} {' en '.join(f'{s}-{e}' for s, e in slots)}" for d, slots in h.days)
            for h in r.hours
        ],
    )
    parts += _section(
        "Bedragen",
        [
            _format_measure(a, f"{a.value}{'–' + str(a.max_value) if a.max_value is not None else ''}")
            for a in r.amounts
        ],
    )
    parts += _section("Aantallen en termijnen", [_format_measure(q, str(q.value)) for q in r.quantities])
    parts += _section(
        "Plaatsen",
        [
            f"{p.name} ({p.kind}{', ' + p.area if p.area else ''}{', ' + p.operator if p.operator else ''})"
            + (f" — {p.address}" if p.address else "")
            for p in r.places
        ],
    )
    parts += _section("Data", [f"{d.text} ({d.value})" for d in r.dates])
    parts += _section(
        "Tegenstrijdigheden",
        [
            f"{c.subject}: {' / '.join(c.values)}; we tonen {c.preferred}"
            f" ({'bevestigd' if c.confirmed else 'niet bevestigd, laat dit nakijken'})\n    waarom: {c.why}"
            for c in r.conflicts
        ],
    )
    parts += _section("Trefwoorden", [", ".join(r.keywords)] if r.keywords else [])
    parts += _section("Voorbeeldvragen", list(r.examples))
    return "\n".join(parts)


def _format_measure(fact: Amount | Quantity, value: str) -> str:
    return (
        f"{fact.text} → {value} {fact.unit}"
        + (f" ({fact.qualifier})" if fact.qualifier else "")
        + (f" per {fact.per}" if fact.per else "")
        + f" — {fact.purpose}"
    )


def format_contact(c: Contact) -> str:
    bits = [c.name or "(geen naam in de tekst)"]
    if c.street:
        bits.append(c.address)
    if c.phone:
        bits.append(f"tel. {c.phone}" + ("" if c.preferred else " (tegenstrijdig nummer, laat nakijken)"))
    bits += [b for b in (c.email, c.website) if b]
    return " — ".join(bits)


def _section(label: str, items: list[str]) -> list[str]:
    return [f"{label}:", *(f"  - {item}" for item in items)] if items else []


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.split("\n"))


# --- export --------------------------------------------------------------------------------------


def _lookups(path: Path | None, out: TextIO) -> int:
    text = nlu_lookups(_records(), load_curation())
    if path is None:
        out.write(text)
    elif not path.exists() or path.read_text(encoding="utf-8") != text:
        # Only a changed knowledge base touches the training data, and so the model's fingerprint.
        path.write_text(text, encoding="utf-8")
        print(f"Opzoektabellen bijgewerkt: {path}", file=out)
    return 0


def _export(out: TextIO) -> int:
    json.dump([to_jsonable(r) for r in _records()], out, ensure_ascii=False, indent=2)
    print(file=out)
    return 0
