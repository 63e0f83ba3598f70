"""The one place where domain errors become HTTP answers (same shape as DRF's: a `detail`, maybe a field).

No answer echoes a large input back: every message is cut to a short excerpt.
"""

from django.views.debug import ExceptionReporter
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from holarchy import limits
from holarchy.reviews.errors import ReviewError
from simulations.engine.study import StudyError
from simulations.errors import (
    BrokerUnavailable,
    GraphNotStored,
    LimitExceeded,
    NoSummaryYet,
    NotCancellable,
    NotComparable,
    UnknownState,
)


def exception_handler(exc, context):
    response = _answer(exc, context)
    if response is not None:
        response.data = _shorten(response.data)
    return response


def _shorten(data):
    if isinstance(data, dict):
        return {key: _shorten(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_shorten(item) for item in data]
    if isinstance(data, str) and len(data) > limits.MESSAGE_LENGTH:
        short = limits.excerpt(data, limits.MESSAGE_LENGTH)
        return ErrorDetail(short, data.code) if isinstance(data, ErrorDetail) else short
    return data


def _answer(exc, context):
    if isinstance(exc, RecursionError):  # nested beyond what the input limits foresaw: still the client's input
        exc = ValidationError({"detail": [f"the input is nested deeper than the limit of {limits.MAX_NESTING} levels"]})
    if isinstance(exc, BrokerUnavailable):
        return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "30"})
    if isinstance(exc, LimitExceeded):
        if exc.field:
            return Response({exc.field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": str(exc)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if isinstance(exc, UnknownState):
        if exc.field:
            return Response({exc.field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": str(exc)}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, NotCancellable | NoSummaryYet | GraphNotStored):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, NotComparable | ReviewError):
        return Response({exc.field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StudyError):
        return Response(study_field_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


def study_field_errors(exc: StudyError) -> dict[str, list[str]]:
    """`faults/node/crash/duration: ...` becomes {"faults": ["node/crash/duration: ..."]}, DRF's field shape."""
    errors: dict[str, list[str]] = {}
    for issue in exc.issues:
        field, _, rest = issue.path.partition("/")
        errors.setdefault(field or "non_field_errors", []).append(f"{rest}: {issue.message}" if rest else issue.message)
    return errors


class StaffOnlyExceptionReporter(ExceptionReporter):
    """With DEBUG on (local development only), the technical error page, which shows settings, source and
    local variables, is for signed-in staff; everyone else gets the plain page production shows."""

    PLAIN = "<!doctype html><title>Server error</title><h1>Server error (500)</h1>"

    def _for_staff(self) -> bool:
        user = getattr(self.request, "user", None)
        return bool(user is not None and user.is_authenticated and user.is_staff)

    def get_traceback_html(self):
        return super().get_traceback_html() if self._for_staff() else self.PLAIN

    def get_traceback_text(self):
        return super().get_traceback_text() if self._for_staff() else "Server error (500)"
