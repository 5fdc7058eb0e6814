"""Loading the editable centre file (and a sample event) into the database, idempotently."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Centre, Event, Province

CENTRES_FILE = Path(__file__).resolve().parent / "seed" / "centres.toml"
CENTRE_FIELDS = ("name", "name_en", "kind", "province", "address", "phone", "hours", "lat", "lon",
                 "response_hours")


class SeedError(ValueError):
    """The centre file breaks one of its rules (the message says which)."""


@dataclass(frozen=True)
class SeedSummary:
    centres: int
    provinces: int
    events: int


def load_centres(path: Path = CENTRES_FILE) -> list[dict[str, Any]]:
    """The [[centre]] tables of the file."""
    with path.open("rb") as handle:
        return tomllib.load(handle)["centre"]


def check_centres(centres: list[dict[str, Any]], province_names: Iterable[str]) -> None:
    """Refuse a file where a province is unserved, served twice, or misspelt."""
    official = set(province_names)
    served = Counter(name for centre in centres for name in centre["serves"])
    problems = [f"unknown province {name!r}" for name in served if name not in official]
    problems += [f"{name} is served by {count} centres" for name, count in served.items() if count > 1]
    problems += [f"{name} is served by no centre" for name in sorted(official - set(served))]
    codes = Counter(centre["code"] for centre in centres)
    problems += [f"code {code} is used {count} times" for code, count in codes.items() if count > 1]
    if problems:
        raise SeedError("; ".join(problems))


def seed(session: Session, centres: list[dict[str, Any]], provinces: list[dict[str, Any]],
         now: datetime, sectors: Sequence[str] = ()) -> SeedSummary:
    """Create or update centres by code and point every province at its centre; add a sample CLUSTER DAY for the
    cluster `sectors` (all of them: it is every cluster's day) when there is none."""
    check_centres(centres, (p["name"] for p in provinces))
    by_code = {c.code: c for c in session.scalars(select(Centre))}
    for row in centres:
        centre = by_code.get(row["code"]) or Centre(code=row["code"])
        for name in CENTRE_FIELDS:
            setattr(centre, name, row[name])
        session.add(centre)
        by_code[row["code"]] = centre
    session.flush()
    centre_of = {name: by_code[row["code"]] for row in centres for name in row["serves"]}
    for row in provinces:
        province = session.get(Province, row["name"]) or Province(name=row["name"])
        province.name_en, province.region = row["name_en"], row["region"]
        province.centre_id = centre_of[row["name"]].id
        session.add(province)
    events = _sample_event(session, now, sectors)
    return SeedSummary(len(centres), len(provinces), events)


def _sample_event(session: Session, now: datetime, sectors: Sequence[str]) -> int:
    # CLUSTER DAY on the first weekday at least 30 days ahead, at 09:00 Bangkok time (02:00 UTC).
    if session.scalar(select(Event).where(Event.title.like("CLUSTER DAY%"))):
        return 0
    day = (now + timedelta(days=30)).replace(hour=2, minute=0, second=0, microsecond=0)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    session.add(Event(title=f"CLUSTER DAY {day.year + 543}", starts_at=day, province="กรุงเทพมหานคร",
                      venue="ศูนย์ ITC กรมส่งเสริมอุตสาหกรรม กล้วยน้ำไท", capacity=300, sectors=list(sectors),
                      description="งานรวมพลคลัสเตอร์ 6 อุตสาหกรรม จับคู่ธุรกิจ และเวิร์กช็อป"))
    return 1
