"""Breaking points: the highest load or fault rate at which the chosen SLOs hold, searched in parallel rounds."""

from .search import (
           ASSUMPTION,
           FORMAT,
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

__all__ = ["ASSUMPTION", "FORMAT", "Bracket", "Progress", "Search", "SearchError", "advance", "bracket",
           "check_search", "judge", "outcome", "point_stats", "summarize"]
