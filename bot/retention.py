"""Delete conversations nobody has written in for N days.

`python -m bot.retention --days 30` (the default is RETENTION_DAYS, which the
widget's privacy line quotes). `make run` runs it at start; a deployment runs
it daily (cron or a systemd timer). A conversation goes as a whole, once its
last event is older than the cut-off, so no half conversation stays behind.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping

from sqlalchemy import MetaData, Table, create_engine, delete, func, inspect, select

from knowledge.settings import get, retention_days


def tracker_url(env: Mapping[str, str] = os.environ) -> str:
    """The tracker store endpoints.yml configures: TRACKER_STORE_URL, which `make run` derives from TRACKER_DB."""
    return get("TRACKER_STORE_URL", env) or f"sqlite:///{get('TRACKER_DB', env)}"


def delete_older_than(url: str, days: float, now: float | None = None) -> int:
    """Delete every conversation whose last event is older than `days`; returns how many went."""
    cutoff = (time.time() if now is None else now) - days * 86400
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0  # no conversation was ever stored
        events = Table("events", MetaData(), autoload_with=engine)
        stale = select(events.c.sender_id).group_by(events.c.sender_id).having(func.max(events.c.timestamp) < cutoff)
        with engine.begin() as connection:
            senders = connection.execute(stale).scalars().all()
            if senders:
                connection.execute(delete(events).where(events.c.sender_id.in_(senders)))
        return len(senders)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retention", description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=retention_days())
    parser.add_argument("--url", help="SQLAlchemy URL of the tracker store (default: TRACKER_STORE_URL)")
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must be 0 or more")
    gone = delete_older_than(args.url or tracker_url(), args.days)
    print(f"{gone} gesprek(ken) ouder dan {args.days:g} dagen gewist.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
