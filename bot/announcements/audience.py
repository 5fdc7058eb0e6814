"""Who an announcement is for: active, subscribed followers, narrowed by province, cluster, service, event (an
event's registrants are told whether they take news or not).

Filters of different kinds narrow together (province AND cluster); several values of one kind widen
(Chiang Mai OR Lampang). Interests come both from the "what news do you want" choices on the profile and
from the requests a follower has made (a cluster request's sector, each request's service).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Select, String, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from storage.models import LineUser, Registration, ServiceRequest

BATCH_SIZE = 500  # LINE's multicast limit
REGISTERED_STATUSES = ("registered", "offered", "waiting")


@dataclass(frozen=True)
class Audience:
    """The segment, as stored on the announcement (`Announcement.audience`)."""

    provinces: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    event_id: int | None = None
    registration_statuses: tuple[str, ...] = field(default=REGISTERED_STATUSES)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Audience:
        data = data or {}
        return cls(tuple(data.get("provinces") or ()), tuple(data.get("sectors") or ()),
                   tuple(data.get("services") or ()), data.get("event_id"),
                   tuple(data.get("registration_statuses") or REGISTERED_STATUSES))

    def to_json(self) -> dict[str, Any]:
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @property
    def everyone(self) -> bool:
        return not (self.provinces or self.sectors or self.services or self.event_id)


def reachable_now(audience: Audience) -> list:
    """Conditions every recipient meets at the moment of sending: still following, and not unsubscribed from news,
    unless the announcement is to an event's registrants (about their own seat, as a reminder or a change of room)."""
    following = [LineUser.active.is_(True)]
    return following if audience.event_id is not None else [*following, LineUser.subscribed.is_(True)]


def conditions(audience: Audience) -> list:
    """WHERE conditions on LineUser for this audience."""
    where = reachable_now(audience)
    if audience.provinces:
        where.append(LineUser.province.in_(audience.provinces))
    if audience.sectors:
        where.append(or_(_json_list_has_any(LineUser.sectors, audience.sectors),
                         _cluster_request(audience.sectors)))
    if audience.services:
        where.append(or_(_json_list_has_any(LineUser.interests, audience.services),
                         _service_request(audience.services)))
    if audience.event_id is not None:
        where.append(exists().where(Registration.user_id == LineUser.id,
                                    Registration.event_id == audience.event_id,
                                    Registration.status.in_(audience.registration_statuses)))
    return where


def matching(audience: Audience) -> Select:
    """Followers in the audience, in a stable order (by id) so batches are the same after a restart."""
    return select(LineUser.id, LineUser.line_user_id).where(*conditions(audience)).order_by(LineUser.id)


def count(session: Session, audience: Audience) -> int:
    return int(session.scalar(select(func.count()).select_from(LineUser).where(*conditions(audience))) or 0)


def stream_ids(session: Session, audience: Audience, chunk: int = BATCH_SIZE) -> Iterator[list[str]]:
    """LINE ids of the audience in chunks, by keyset pages: memory stays flat whatever the audience size."""
    last_id = 0
    while True:
        rows = session.execute(matching(audience).where(LineUser.id > last_id).limit(chunk)).all()
        if not rows:
            return
        yield [row.line_user_id for row in rows]
        last_id = rows[-1].id


def batches_for(recipients: int) -> int:
    """How many multicasts an audience of this size takes."""
    return -(-recipients // BATCH_SIZE)


def _json_list_has_any(column, values: tuple[str, ...]):
    # The codes are plain ASCII words, so matching '"code"' in the JSON text works the same on SQLite and
    # PostgreSQL without dialect-specific JSON operators.
    text = cast(column, String)
    return or_(*[text.like(f'%"{value}"%') for value in values])


def _cluster_request(sectors: tuple[str, ...]):
    return exists().where(ServiceRequest.user_id == LineUser.id, ServiceRequest.service == "cluster",
                          ServiceRequest.answers["sector"].as_string().in_(sectors))


def _service_request(services: tuple[str, ...]):
    return exists().where(ServiceRequest.user_id == LineUser.id, ServiceRequest.service.in_(services))
