"""Where the API meets HTTP: body parsing within limits, pages of bounded size, one error shape.

Whatever a client sends, the answer is a 4xx naming what was wrong, never a
5xx: bodies nested too deeply or too large are refused before they are
built into objects, and a page holds at most ``MAX_PAGE_SIZE`` rows (errors
are shaped in ``holarchy.exceptions``).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser

from . import limits

MAX_PAGE_SIZE = 500
#: No page starts further in than this (PostgreSQL's OFFSET is a bigint; no table here is that long).
MAX_OFFSET = 10**9


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class BoundedJSONParser(JSONParser):
    """JSON bodies up to ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes and ``limits.MAX_NESTING`` levels."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise BodyTooLarge(f"the body is larger than the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes")
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            limit = limits.MAX_NESTING
            raise ParseError(f"JSON parse error - nested deeper than the limit of {limit} levels") from None
        try:
            limits.check_structure(data)
        except ValidationError as exc:
            raise ParseError(f"JSON parse error - {exc.detail[0]}") from None
        return data


class Pagination(LimitOffsetPagination):
    """Pages of at most ``MAX_PAGE_SIZE`` rows; asking for more is a 400 naming the limit, not a page
    silently cut short (a client that wants every row pages through them)."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        given = request.query_params.get(self.limit_query_param)
        if given is None:
            return self.default_limit
        try:
            limit = int(given)
        except ValueError:
            limit = 0
        if not 1 <= limit <= self.max_limit:
            raise ValidationError(
                {self.limit_query_param: [f"a page holds from 1 to {self.max_limit} rows (the maximum page size)"]}
            )
        return limit

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)


def bad_request(request, exception=None):
    """Django's own 400s (a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, a bad Host) in the API's shape."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return JsonResponse({"detail": f"the body is larger than the limit of {limit:,} bytes"}, status=413)
    return JsonResponse({"detail": "Bad request."}, status=status.HTTP_400_BAD_REQUEST)


def not_found(request, path=""):
    """Unknown API paths answer in JSON, like every other API error."""
    return JsonResponse({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
