"""Request throttling: sign-in and reset requests per address and per username; every request per user or address.

A refusal is a 429 that names the limit it crossed and when to try again.
"""

from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle


class NamedLimitThrottle(SimpleRateThrottle):
    """A throttle whose 429 says which limit was crossed (``what``: whose requests are counted)."""

    what = "requests"

    def allow_request(self, request, view) -> bool:
        if super().allow_request(request, view):
            return True
        wait = self.wait()
        seconds = f"; try again in {max(1, round(wait))} s" if wait is not None else ""
        raise Throttled(wait, detail=f"more than {self.rate} {self.what} (the {self.scope} rate limit){seconds}")


class AddressThrottle(NamedLimitThrottle):
    """``login`` requests per client address (``DEFAULT_THROTTLE_RATES["login"]``)."""

    scope = "login"
    what = "sign-in attempts from this address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": f"{self.scope}-address", "ident": self.get_ident(request)}


class UsernameThrottle(NamedLimitThrottle):
    """The same rate per username tried, so spreading guesses over many addresses does not help."""

    scope = "login"
    what = "sign-in attempts for this username"

    def get_cache_key(self, request, view):
        name = str(request.data.get("username") or request.data.get("email") or "")[:150].lower()
        return self.cache_format % {"scope": f"{self.scope}-username", "ident": name} if name else None


class UserThrottle(NamedLimitThrottle):
    """Every API request of a signed-in user (``DEFAULT_THROTTLE_RATES["user"]``, ``API_RATE``)."""

    scope = "user"
    what = "requests of this user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonymousThrottle(NamedLimitThrottle):
    """Every API request without a signed-in user, per client address (``ANONYMOUS_RATE``)."""

    scope = "anonymous"
    what = "requests from this address without signing in"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
