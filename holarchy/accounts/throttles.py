"""Guessing passwords is slow: sign-in and reset requests are counted per client address and per username."""

from rest_framework.throttling import SimpleRateThrottle


class AddressThrottle(SimpleRateThrottle):
    """``login`` requests per client address (``DEFAULT_THROTTLE_RATES["login"]``)."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": f"{self.scope}-address", "ident": self.get_ident(request)}


class UsernameThrottle(SimpleRateThrottle):
    """The same rate per username tried, so spreading guesses over many addresses does not help."""

    scope = "login"

    def get_cache_key(self, request, view):
        name = str(request.data.get("username") or request.data.get("email") or "")[:150].lower()
        return self.cache_format % {"scope": f"{self.scope}-username", "ident": name} if name else None
