"""SLIs per holon from the requests clients observe, and SLO verdicts with error budgets.

A finished request counts for every holon (of every holarchy) that contains
the server it was sent to. Latencies go into a log-scale histogram so that
memory stays constant however long the run; quantiles are bucket upper bounds.
"""

from __future__ import annotations

import math
from typing import Any

from .modelcode.model import Slo
from .topology import Placement

BUCKETS_PER_DOUBLING = 8
MIN_WINDOW_REQUESTS = 10  # fewer requests than this in a window: too few to judge it
BURN_SPLIT = 16  # the finest step of the burn-over-time series: a sixteenth of the SLO's window
BURN_POINTS = 120  # at most this many steps, however long the run: finer ones are merged in pairs


def _bucket(latency: float) -> int:
    return -10_000 if latency <= 0 else math.ceil(math.log2(latency) * BUCKETS_PER_DOUBLING)


class Sli:
    __slots__ = ("requests", "good", "total_latency", "max_latency", "histogram")

    def __init__(self) -> None:
        self.requests = 0
        self.good = 0
        self.total_latency = 0.0
        self.max_latency = 0.0
        self.histogram: dict[int, int] = {}

    def add(self, ok: bool, latency: float) -> None:
        self.requests += 1
        self.good += ok
        self.total_latency += latency
        self.max_latency = max(self.max_latency, latency)
        b = _bucket(latency)
        self.histogram[b] = self.histogram.get(b, 0) + 1

    def quantile(self, q: float) -> float:
        rank = q * self.requests
        seen = 0
        for b in sorted(self.histogram):
            seen += self.histogram[b]
            if seen >= rank:
                return 0.0 if b == -10_000 else round(min(2 ** (b / BUCKETS_PER_DOUBLING), self.max_latency), 6)
        return self.max_latency

    def summary(self) -> dict[str, Any]:
        n = self.requests
        return {"requests": n, "good": self.good, "availability": self.good / n if n else None,
                "latency": {"mean": self.total_latency / n if n else None, "p50": self.quantile(0.5),
                            "p90": self.quantile(0.9), "p99": self.quantile(0.99), "max": self.max_latency}}


class SloTracker:
    """Tumbling windows of the SLO's length from time 0: each has its SLI, budget and burn rate.

    One rule for windows that cannot judge: a window the run did not cover to its end (the last one, cut
    short by the end of the run) is reported with `partial: true`, one with fewer than MIN_WINDOW_REQUESTS
    requests with `too_few: true`, and neither decides `met`, since a handful of requests would judge a
    whole window. `met` is every deciding window meeting the objective; with none (a run shorter than one
    window, or a trickle of requests), the whole run's SLI is judged, and `too_few_requests` says when that
    too rests on fewer than MIN_WINDOW_REQUESTS requests.
    """

    def __init__(self, slo: Slo):
        self.slo = slo
        self.windows: dict[int, list[int]] = {}  # window index -> [requests, bad]
        self.steps: dict[int, list[int]] = {}  # index of a BURN_SPLIT-th of a window -> [requests, bad]

    def add(self, ok: bool, latency: float, now: float) -> None:
        slo = self.slo
        good = ok and (slo.sli == "availability" or (slo.threshold is not None and latency <= slo.threshold))
        for counts, key in ((self.windows, int(now // slo.window)), (self.steps, int(now * BURN_SPLIT // slo.window))):
            w = counts.setdefault(key, [0, 0])
            w[0] += 1
            w[1] += not good

    def burn(self, end: float) -> dict[str, Any]:
        """Requests and bad ones per step of time over the whole run, for the burn chart: steps of a
        BURN_SPLIT-th of the window, doubled until at most BURN_POINTS cover the run (so a run shorter than one
        window still shows when its budget burned, and a long one stays a readable chart). Empty steps count 0."""
        fine = self.slo.window / BURN_SPLIT
        last = max(self.steps, default=0)
        covered = max(math.ceil(end / fine), last + 1)
        factor = 1
        while math.ceil(covered / factor) > BURN_POINTS:
            factor *= 2
        merged = [[0, 0] for _ in range(math.ceil(covered / factor))]
        for k, (n, bad) in self.steps.items():
            merged[k // factor][0] += n
            merged[k // factor][1] += bad
        width = fine * factor
        return {"width": width, "points": [[i * width, n, bad] for i, (n, bad) in enumerate(merged)]}

    def summary(self, end: float) -> dict[str, Any]:
        slo = self.slo
        allowed = 1 - slo.objective
        total = sum(w[0] for w in self.windows.values())
        bad = sum(w[1] for w in self.windows.values())
        budget = allowed * total
        series = [{"start": i * slo.window, "requests": n, "bad": b, "sli": 1 - b / n,
                   "burn_rate": (b / n) / allowed, "met": 1 - b / n >= slo.objective,
                   "partial": (i + 1) * slo.window > end, "too_few": n < MIN_WINDOW_REQUESTS}
                  for i, (n, b) in sorted(self.windows.items())]
        complete = [w for w in series if not w["partial"] and not w["too_few"]]
        sli_value = 1 - bad / total if total else None
        met = all(w["met"] for w in complete) if complete else sli_value is None or sli_value >= slo.objective
        return {"name": slo.name, "holarchy": slo.holarchy, "holon": slo.holon, "sli": slo.sli,
                "objective": slo.objective, "threshold": slo.threshold, "window": slo.window,
                "requests": total, "bad": bad, "sli_value": sli_value,
                "met": met, "error_budget": budget, "too_few_requests": not complete and total < MIN_WINDOW_REQUESTS,
                "windows_too_few": sum(w["too_few"] for w in series),
                "budget_consumed": bad / budget if budget else 0.0,
                "burn_rate": [[w["start"], w["burn_rate"]] for w in series], "windows": series, "burn": self.burn(end)}


class Metrics:
    """Routes each observed request to the SLIs and SLOs of the server's holons."""

    def __init__(self, places: dict[str, Placement], slos: tuple[Slo, ...]):
        self.places = places
        self.slis: dict[tuple[str, str], Sli] = {}
        self.trackers = [SloTracker(s) for s in slos]
        self._routes: dict[str, tuple[list[Sli], list[SloTracker]]] = {}

    def _route(self, server: str) -> tuple[list[Sli], list[SloTracker]]:
        holons = {(name, h) for name, place in self.places.items() for h in place.chain.get(server, ())}
        slis = [self.slis.setdefault(key, Sli()) for key in sorted(holons)]
        trackers = [t for t in self.trackers if (t.slo.holarchy, t.slo.holon) in holons]
        return slis, trackers

    def observe(self, server: str, ok: bool, latency: float, now: float) -> None:
        route = self._routes.get(server)
        if route is None:
            route = self._routes[server] = self._route(server)
        for sli in route[0]:
            sli.add(ok, latency)
        for tracker in route[1]:
            tracker.add(ok, latency, now)

    def summary(self, end: float) -> dict[str, Any]:
        """SLIs and SLO verdicts of a run that ended at time `end` (windows past it are partial)."""
        slis: dict[str, dict[str, Any]] = {}
        for (holarchy, holon), sli in sorted(self.slis.items()):
            slis.setdefault(holarchy, {})[holon] = sli.summary()
        return {"slis": slis, "slos": [t.summary(end) for t in self.trackers]}


def boundary_traffic(places: dict[str, Placement], sent: dict[tuple[str, str], int]) -> dict[str, Any]:
    """Messages that crossed each holon's boundary, in and out: its black-box external interface."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for name, place in sorted(places.items()):
        counts: dict[str, dict[str, int]] = {}
        for (src, dst), n in sorted(sent.items()):
            a, b = set(place.chain[src]), set(place.chain[dst])
            for holon in a - b:
                counts.setdefault(holon, {"in": 0, "out": 0})["out"] += n
            for holon in b - a:
                counts.setdefault(holon, {"in": 0, "out": 0})["in"] += n
        out[name] = dict(sorted(counts.items()))
    return out
