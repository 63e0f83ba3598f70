"""The server's REST API over HTTP: JSON in, JSON out, a token in every request, errors with the server's reasons."""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

TIMEOUT_SECONDS = 30


class ApiError(Exception):
    """The server refused (a 4xx or 5xx, with its reason) or could not be reached."""

    def __init__(self, status: int | None, message: str):
        super().__init__(f"{status}: {message}" if status else message)
        self.status = status


def _reason(body: bytes) -> str:
    """The server's error body in one line: ``detail``, or ``field: reason`` for each field."""
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")[:300]
    if isinstance(data, dict):
        if set(data) == {"detail"}:
            return str(data["detail"])
        return "; ".join(f"{key}: {' '.join(map(str, v)) if isinstance(v, list) else v}" for key, v in data.items())
    return str(data)


class Client:
    def __init__(self, server: str, token: str):
        self.server = server.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, body: Any = None, query: dict | None = None) -> Any:
        url = f"{self.server}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read()
        except urllib.error.HTTPError as exc:
            raise ApiError(exc.code, _reason(exc.read())) from None
        except (urllib.error.URLError, OSError) as exc:
            raise ApiError(None, f"cannot reach {self.server}: {getattr(exc, 'reason', exc)}") from None
        return json.loads(text) if text else None

    def get(self, path: str, **query: Any) -> Any:
        return self.request("GET", path, query=query or None)

    def post(self, path: str, body: Any) -> Any:
        return self.request("POST", path, body)
