"""When the centres work: opening hours, working weekdays and Thai public holidays.

Read from `storage/seed/holidays.toml`, which staff edit when the Cabinet announces next year's holidays. Response
targets count only these hours (`bot.sla`), and a day the centres are closed is not offered for a visit.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "storage" / "seed" / "holidays.toml"
BANGKOK = ZoneInfo("Asia/Bangkok")
LONGEST_CLOSURE = 31  # days in a row the centres may be closed; more means the file is wrong


@dataclass(frozen=True)
class BusinessCalendar:
    """When centres work: opening and closing time in Bangkok, working weekdays, public holidays."""

    opens: time
    closes: time
    weekdays: frozenset[int]
    holidays: dict[date, str]
    complete_years: frozenset[int]

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() in self.weekdays and day not in self.holidays

    def covers(self, year: int) -> bool:
        """True when the holiday file lists the whole of this Gregorian year."""
        return year in self.complete_years

    def working_day(self, day: date, step: int) -> date:
        """The nearest working day from `day` on (`step` 1) or back (`step` -1), `day` itself if it is one."""
        for _ in range(LONGEST_CLOSURE):
            if self.is_working_day(day):
                return day
            day += timedelta(days=step)
        raise ValueError(f"no working day within {LONGEST_CLOSURE} days of {day}: check {HOLIDAYS_FILE.name}")


@lru_cache(maxsize=4)
def load_calendar(path: Path = HOLIDAYS_FILE) -> BusinessCalendar:
    """The business calendar from the editable data file (read once per process)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    hours = data["hours"]
    if not hours["weekdays"] or not set(hours["weekdays"]) <= set(range(1, 8)):
        raise ValueError(f"{path.name}: [hours] weekdays must be ISO weekdays 1-7, got {hours['weekdays']!r}")
    return BusinessCalendar(time.fromisoformat(hours["start"]), time.fromisoformat(hours["end"]),
                            frozenset(hours["weekdays"]), {h["date"]: h["name"] for h in data["holiday"]},
                            frozenset(data.get("complete_years", [])))


def add_business_hours(start: datetime, hours: float, calendar: BusinessCalendar | None = None) -> datetime:
    """The moment `hours` working hours after `start` (UTC in, UTC out)."""
    calendar = calendar or load_calendar()
    local = start.astimezone(BANGKOK)
    left = timedelta(hours=hours)
    while True:
        day = local.date()
        opens = datetime.combine(day, calendar.opens, BANGKOK)
        closes = datetime.combine(day, calendar.closes, BANGKOK)
        if not calendar.is_working_day(day) or local >= closes:
            local = datetime.combine(day + timedelta(days=1), calendar.opens, BANGKOK)
            continue
        local = max(local, opens)
        if local + left <= closes:
            return (local + left).astimezone(start.tzinfo)
        left -= closes - local
        local = closes


def next_opening(moment: datetime, calendar: BusinessCalendar | None = None) -> datetime:
    """`moment` itself in working hours, else when the centres next open (UTC in, UTC out)."""
    return add_business_hours(moment, 0, calendar)
