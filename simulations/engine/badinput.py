"""How the engine's commands report input they cannot use: what is wrong on stderr, exit status 2."""

from __future__ import annotations

import sys
from pathlib import Path


def bad_input(path: Path, exc: Exception, what: str = "is not a valid model") -> int:
    """Print an unreadable file's reason, or every issue (with its path) of `exc`, and return 2."""
    if isinstance(exc, OSError):
        print(f"error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"error: {path} {what}:", file=sys.stderr)
    for issue in getattr(exc, "issues", ()):
        print(f"  {issue}", file=sys.stderr)
    return 2
