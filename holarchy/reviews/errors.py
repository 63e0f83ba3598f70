"""The reviews' domain error: a request that names something the review cannot take (a 400 on that field)."""


class ReviewError(ValueError):
    """``field`` is the request field at fault (``holon``, ``runs``, ``verdict``); holarchy.exceptions answers 400."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)
