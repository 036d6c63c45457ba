"""The benchmark's own parts: the question mix, the table, its JSON and --compare, reading memory.
No assistant is started and no speed is asserted (`make bench` measures; tests must not depend on it)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from aiohttp import web

from bot import bench
from bot.bench import (
    E2E_SETS,
    LevelResult,
    Measurements,
    Row,
    comparison,
    greetings,
    levels_argument,
    plan,
    question_mix,
    render,
    rows,
    rows_from_json,
    rss_mib,
    to_json,
    vm_rss_kib,
)
from bot.evaluate import load_all
from bot.stack import free_port


def level(latencies: list[float], seconds: float, errors: int = 0) -> LevelResult:
    return LevelResult(latencies, errors=errors, seconds=seconds)


def measurements() -> tuple[Measurements, Measurements]:
    ours = Measurements(
        start_ready_s=60.0,
        first_reply_s=1.0,
        training_s=None,
        levels={1: level([0.2, 0.2, 0.4], 1.0)},
        rss_mib={"rasa": 1200.0, "actions": 150.0},
    )
    baseline = Measurements(
        start_ready_s=30.0,
        first_reply_s=0.5,
        training_s=100.0,
        levels={1: level([0.1, 0.1, 0.2], 0.5, errors=1)},
        greeting_levels={1: level([0.05, 0.05, 0.05], 0.25)},
        rss_mib={"rasa": 1000.0},
    )
    return ours, baseline


META = {"timestamp": "20250101-120000", "levels": [1], "messages_per_conversation": 3, "questions": 3, "cpus": 2}


def by_key(table: list[Row]) -> dict[str, Row]:
    return {row.key: row for row in table}


# ---------------------------------------------------------------- the question mix


def test_greetings_are_our_greet_and_goodbye_examples() -> None:
    known = greetings()
    assert {"hallo", "tot ziens", "goedendag"} <= known
    assert "bedankt" not in known  # thanks are small talk, not a greeting


def test_the_mix_keeps_questions_and_drops_greetings_and_typed_intents(tmp_path: Path) -> None:
    cases = tmp_path / "set.yml"
    cases.write_text(
        """cases:
  - {id: t-1, kind: robustness, question: "/greet"}
  - {id: t-2, kind: robustness, question: "Hallo"}
  - {id: t-3, kind: follow_up, turns: ["wat is huis inclusief?", "en hoeveel woningen?"], expect_any: ["x"]}
  - {id: t-4, kind: robustness, question: "hallo, wat kost een conformiteitsattest?"}
""",
        encoding="utf-8",
    )
    assert question_mix([cases], frozenset({"hallo"})) == [
        "wat is huis inclusief?",
        "en hoeveel woningen?",
        "hallo, wat kost een conformiteitsattest?",
    ]


def test_the_mix_of_the_real_sets_holds_every_turn_but_greetings() -> None:
    paths = sorted(E2E_SETS.glob("*.yml"))
    known = greetings()
    turns = [turn for case in load_all(paths) for turn in case.turns]
    mix = question_mix(paths, known)
    assert mix
    assert not [t for t in mix if t.startswith("/") or " ".join(t.split()).casefold() in known]
    dropped = [t for t in turns if t not in mix]
    assert len(mix) + len(dropped) == len(turns)
    assert dropped, "the real sets hold no greeting or button payload: the mix dropped nothing to check"
    assert all(t.startswith("/") or " ".join(t.split()).casefold() in known for t in dropped)


def test_the_plan_hands_out_texts_in_turn_over_all_levels() -> None:
    conversations = plan(["a", "b", "c", "d", "e"], levels=(1, 2), per_conversation=2)
    assert conversations == {1: [["a", "b"]], 2: [["c", "d"], ["e", "a"]]}


# ---------------------------------------------------------------- the table


def test_rows_and_their_ratios() -> None:
    table = by_key(rows(*measurements()))
    assert table["start_ready_s"].ours == 60.0 and table["start_ready_s"].baseline == 30.0
    assert table["c1.p50_ms"].ours == pytest.approx(200) and table["c1.p50_ms"].greetings == pytest.approx(50)
    assert table["c1.msg_per_s"].ours == pytest.approx(3.0) and table["c1.msg_per_s"].baseline == pytest.approx(6.0)
    assert table["c1.errors"].baseline == 1
    assert table["rss_mib.actions"].baseline is None  # rasa init's assistant has no action server
    assert table["rss_mib.total"].ours == 1350.0 and table["rss_mib.total"].baseline == 1000.0


def test_render_shows_one_line_per_metric_with_ratio_and_dashes_for_what_was_not_measured() -> None:
    text = render(rows(*measurements()))
    lines = {line.split("  ")[0].strip(): line.split() for line in text.splitlines()}
    assert lines["start -> ready s"][-1] == "2.00x"
    assert lines["training s"][2:] == ["-", "100"]  # ours skipped: no ratio
    assert lines["p50 ms @1"][-4:] == ["100", "2.00x", "50", "4.00x"]
    assert lines["RSS MiB actions"][-2:] == ["150", "-"]
    assert text.splitlines()[0].split()[:3] == ["metric", "Woonwijzer", "baseline"]


def test_json_round_trip() -> None:
    table = rows(*measurements())
    data = json.loads(json.dumps(to_json(table, META)))
    assert rows_from_json(data) == table
    assert data["meta"] == META


def test_compare_prints_the_change_per_metric_and_different_settings() -> None:
    old_ours, old_baseline = measurements()
    new_ours, new_baseline = measurements()
    new_ours.start_ready_s = 90.0
    old = to_json(rows(old_ours, old_baseline), META)
    new = to_json(rows(new_ours, new_baseline), {**META, "messages_per_conversation": 10})
    text = comparison(old, new)
    lines = {line.split("  ")[0].strip(): line.split() for line in text.splitlines()}
    assert lines["start -> ready s"][-6:] == ["60", "90", "+50%", "30", "30", "+0%"]
    assert lines["training s"][-5:] == ["-", "-", "100", "100", "+0%"]
    assert "note: messages_per_conversation was 3, now 10" in text


def test_results_go_to_the_given_file_and_latest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "BENCH_DIR", tmp_path / "bench")
    data = to_json(rows(*measurements()), META)
    assert bench.write_results(data, None) == tmp_path / "bench" / "bench-20250101-120000.json"
    bench.write_results(data, tmp_path / "elsewhere" / "run.json")
    assert json.loads((tmp_path / "elsewhere" / "run.json").read_text()) == data
    assert json.loads((tmp_path / "bench" / "latest.json").read_text()) == data


@pytest.mark.parametrize("text, levels", [("1,10,50", (1, 10, 50)), ("5", (5,))])
def test_levels_option(text: str, levels: tuple[int, ...]) -> None:
    assert levels_argument(text) == levels


@pytest.mark.parametrize("text", ["", "1,x", "0,10"])
def test_levels_option_refuses_what_is_no_level(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        levels_argument(text)


# ---------------------------------------------------------------- memory


def test_rss_of_this_process_is_its_vm_rss() -> None:
    status = Path(f"/proc/{os.getpid()}/status").read_text()
    expected_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    # Memory moves a little between the two reads.
    assert vm_rss_kib(os.getpid()) == pytest.approx(expected_kib, rel=0.1)
    assert rss_mib(os.getpid()) >= vm_rss_kib(os.getpid()) / 1024 * 0.9


def test_rss_counts_the_children_a_process_started() -> None:
    parent = subprocess.Popen(["sh", "-c", "sleep 30 & wait"], start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while not bench.descendants(parent.pid) and time.monotonic() < deadline:
            time.sleep(0.05)  # until the shell has started its child
        assert bench.descendants(parent.pid)
        assert rss_mib(parent.pid) > vm_rss_kib(parent.pid) / 1024
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()


def test_rss_of_a_process_that_is_gone_is_zero() -> None:
    process = subprocess.Popen(["true"])
    process.wait()
    assert vm_rss_kib(process.pid) == 0


# ---------------------------------------------------------------- the load client


def test_a_level_counts_answers_empty_replies_and_errors() -> None:
    """Against a stand-in for the REST channel on loopback: "boom" fails with a 500, "stil" gets no reply."""

    async def webhook(request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        if message == "boom":
            return web.Response(status=500)
        return web.json_response([] if message == "stil" else [{"text": f"antwoord op {message}"}])

    async def scenario() -> LevelResult:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            return await bench.run_level(f"http://127.0.0.1:{port}", [["vraag", "boom"], ["stil", "vraag"]], "t")
        finally:
            await runner.cleanup()

    result = asyncio.run(scenario())
    assert (len(result.latencies), result.errors, result.empty) == (3, 1, 1)
