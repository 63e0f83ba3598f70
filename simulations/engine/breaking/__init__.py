"""Breaking points: the highest load or fault rate at which the chosen SLOs hold, searched in parallel rounds."""

from .search import (
    ASSUMPTION,
    FORMAT,
    MAX_PER_ROUND,
    Bracket,
    Progress,
    Search,
    SearchError,
    advance,
    bracket,
    check_search,
    judge,
    outcome,
    point_stats,
    summarize,
)

__all__ = ["ASSUMPTION", "FORMAT", "MAX_PER_ROUND", "Bracket", "Progress", "Search", "SearchError", "advance",
           "bracket", "check_search", "judge", "outcome", "point_stats", "summarize"]
