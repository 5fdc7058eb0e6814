"""Domain events: facts the dialogue produces, handled after the transaction commits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttachmentReceived:
    """The user sent an image or file; its bytes must be fetched from LINE."""

    attachment_id: int


@dataclass(frozen=True)
class StatusChanged:
    """A request moved on; the entrepreneur hears about it in LINE."""

    request_id: int


@dataclass(frozen=True)
class DeliveriesQueued:
    """Pushes were written in the transaction (e.g. a freed event seat offered); their jobs start after commit."""

    delivery_ids: tuple[int, ...]


DomainEvent = AttachmentReceived | StatusChanged | DeliveriesQueued
