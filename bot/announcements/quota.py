"""The monthly message quota, checked before an announcement goes out (each recipient counts one message)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import LineApiError
from bot.line.client import LineClient


@dataclass(frozen=True)
class QuotaCheck:
    """How a send of `needed` messages fits this month's quota."""

    needed: int
    limit: int | None  # None: no monthly limit
    used: int | None
    error: str | None = None

    @property
    def known(self) -> bool:
        return self.error is None

    @property
    def remaining(self) -> int | None:
        if self.limit is None or self.used is None:
            return None
        return max(0, self.limit - self.used)

    @property
    def enough(self) -> bool:
        """False only when LINE said the quota is too small; an unknown quota does not block a send."""
        return self.remaining is None or self.needed <= self.remaining

    def to_json(self) -> dict:
        return {"needed": self.needed, "limit": self.limit, "used": self.used, "remaining": self.remaining,
                "enough": self.enough, "error": self.error}


def check_quota(line: LineClient, needed: int) -> QuotaCheck:
    """Ask LINE for this month's limit and consumption (/v2/bot/message/quota and /quota/consumption)."""
    try:
        limit = line.monthly_quota()
        used = line.quota_used()
    except LineApiError as error:
        return QuotaCheck(needed, None, None, str(error))
    return QuotaCheck(needed, limit, used)
