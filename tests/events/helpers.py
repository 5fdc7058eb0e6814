"""What event and announcement tests share: events made through the CLI, followers, a clock to move."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.dialogue.texts import BANGKOK
from bot.line import fake_events
from storage.database import unit_of_work
from storage.models import Event, LineUser, Registration


class MovableClock:
    """The app's clock in a test: starts where it is told, moves when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def user_id(n: int) -> str:
    """A valid LINE user id, different for each n."""
    return "U" + f"{n:032x}"


def add_event(app, title: str = "CLUSTER DAY อาหารแปรรูป", capacity: int = 10, days: int = 20,
              province: str = "เชียงใหม่", *extra: str) -> dict:
    """Create an event with the operators' command; returns its JSON row."""
    starts = (datetime.now(BANGKOK) + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    result = app.test_cli_runner().invoke(args=["events", "add", "--title", title, "--starts",
                                                starts.replace(tzinfo=None).isoformat(), "--province", province,
                                                "--capacity", str(capacity), "--venue", "ศูนย์ ITC", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def registrations(app, event_id: int) -> list[Registration]:
    with app.extensions["frontdesk"].sessions() as session:
        query = select(Registration).where(Registration.event_id == event_id).order_by(Registration.id)
        return list(session.scalars(query))


def seats_of(app, event_id: int) -> dict[str, int]:
    """Registered, waiting and offered people for an event."""
    people: dict[str, int] = {}
    for registration in registrations(app, event_id):
        people[registration.status] = people.get(registration.status, 0) + registration.people
    return people


def assert_registered(app, event_id: int, said: list[str], people: int) -> None:
    """The bot's answer confirms a registration for `people`, and the event holds exactly their seats."""
    assert "ลงทะเบียนเรียบร้อย" in said[0] and f"{people} ท่าน" in said[0]
    assert seats_of(app, event_id) == {"registered": people}


def make_followers(app, n: int, start: int = 1, **fields) -> list[str]:
    """Followers straight in the database (as if they had followed long ago), with profile fields."""
    ids = [user_id(start + i) for i in range(n)]
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        session.add_all([LineUser(line_user_id=line_id, **fields) for line_id in ids])
    return ids


def registrant(chat, line_id: str) -> None:
    """Follow and consent, with a name and phone on the profile (as after a first request): ready to register."""
    chat.consent(line_id)
    set_user(chat.app, line_id, contact_name=f"คุณ{line_id[-3:]}", phone="0812345678")


def register(chat, user: str, event_id: int, people: int = 1) -> list[dict]:
    """Tap "ลงทะเบียน" then the number of people; returns the messages of the last answer."""
    chat.send(fake_events.postback(user, f"ev_register={event_id}"))
    return chat.send(fake_events.postback(user, f"ev_people={event_id}:{people}"))


def set_user(app, line_id: str, **fields) -> None:
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == line_id))
        for name, value in fields.items():
            setattr(user, name, value)


def event_starts(app, event_id: int) -> datetime:
    with app.extensions["frontdesk"].sessions() as session:
        return session.get(Event, event_id).starts_at


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
