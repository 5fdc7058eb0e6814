"""Exceptions of the front desk.

    FrontDeskError
     └── LineApiError                 a call to the Messaging API did not succeed
          ├── LineRejected            4xx: retrying the same call cannot help
          │    └── InvalidReplyToken  the reply token was used, expired or unknown
          └── LineUnavailable         5xx, 429 rate limit or a timeout: safe to retry with the same retry key
"""


class FrontDeskError(Exception):
    """Base of every error raised on purpose by this project."""


class LineApiError(FrontDeskError):
    """A Messaging API call failed."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class LineRejected(LineApiError):
    """LINE refused the call (4xx other than rate limiting)."""


class InvalidReplyToken(LineRejected):
    """The reply token can no longer be used; push instead."""


class LineUnavailable(LineApiError):
    """LINE failed or did not answer in time; the call may be retried."""

    def __init__(self, message: str, status: int | None = None, maybe_delivered: bool = False) -> None:
        super().__init__(message, status)
        # A read timeout: LINE may have acted on the call before the answer was lost.
        self.maybe_delivered = maybe_delivered
