"""Secrets that travel in links and headers: API tokens and invitation tokens, stored only as SHA-256 digests.

Both are 256-bit random strings, so a fast hash is enough (nothing to brute-force
as with a password); comparing digests in constant time keeps timing from
telling how much of a guess was right.
"""

import hashlib
import hmac
import secrets

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

#: An API token reads ``hol_<prefix>_<secret>``.
TOKEN_PREFIX = "hol_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_api_token() -> tuple[str, str]:
    """(the token to show once, its prefix that finds its row)."""
    prefix = secrets.token_hex(6)
    return f"{TOKEN_PREFIX}{prefix}_{new_secret()}", prefix


def find_api_token(token: str):
    """The live (unrevoked, unexpired) ``ApiToken`` row for this string, or None."""
    from .models import ApiToken  # here: DRF imports this module with its settings, before the models load

    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    prefix = token[len(TOKEN_PREFIX):].partition("_")[0]
    row = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if row is None or not hmac.compare_digest(row.digest, digest(token)):
        return None
    if row.expires_at <= timezone.now() or not row.user.is_active:
        return None
    return row


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer hol_…`` (or ``Token hol_…``): the token's user, while the token lives."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if len(words) != 2 or words[0].lower().decode("latin-1") not in self.keywords:
            return None
        row = find_api_token(words[1].decode("latin-1"))
        if row is None:
            raise exceptions.AuthenticationFailed("the token is unknown, expired or revoked")
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            type(row).objects.filter(pk=row.pk).update(last_used_at=now)  # at most once a minute per token
        return row.user, row

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI schema names the scheme: ``Authorization: Bearer hol_…``."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "an API token made under Account, hol_…"}
