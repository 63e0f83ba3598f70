"""Channels between components: per-link loss, duplication, reordering, delay and partition cuts.

A scenario's link faults override the model's link settings before the run;
partitions become time intervals attached to every channel they cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from random import Random

from .modelcode.model import Delay, Link, LinkFault, Model, Partition, Scenario
from .topology import Placement


def delay_sampler(d: Delay, rng: Random) -> Callable[[], float]:
    """A function drawing one delay from the run's random source."""
    if d.dist == "fixed":
        return partial(min, d.value or 0, float("inf") if d.bound is None else d.bound)
    if d.dist == "uniform":
        assert d.low is not None and d.high is not None  # the loader requires both
        sample = partial(rng.uniform, d.low, d.high)
    else:
        assert d.mean is not None  # the loader requires it
        sample = partial(rng.expovariate, 1.0 / d.mean)
    if d.bound is None:
        return sample
    bound = d.bound

    def bounded() -> float:
        return min(sample(), bound)

    return bounded


class Cut:
    """A partition interval on one channel: messages sent or arriving in [start, end) are lost."""

    __slots__ = ("start", "end")

    def __init__(self, start: float, end: float | None):
        self.start = start
        self.end = float("inf") if end is None else end


class Channel:
    """One directed link as a run uses it.

    A FIFO link (`reorder: false`) holds a message back until every message sent earlier on it has
    arrived, so its arrival is max(send + drawn delay, previous arrival): measured delays are the drawn
    ones plus the hold-back, longer than the configured distribution when delays vary. `delays()` gives
    both, for the run summary.
    """

    __slots__ = ("loss", "duplication", "reorder", "delay", "low", "span", "cuts", "last_at", "sent", "fifo_sent",
                 "drawn", "measured", "held_back")

    def __init__(self, link: Link, rng: Random):
        self.loss = link.loss
        self.duplication = link.duplication
        self.reorder = link.reorder
        self.delay = delay_sampler(link.delay, rng)
        # An unbounded uniform delay is also given as (low, high - low): the simulator then draws it inline,
        # the same float as random.uniform (low + (high - low) * random()).
        d = link.delay
        uniform = d.dist == "uniform" and d.bound is None
        self.low: float = 0.0
        self.span: float | None = None
        if uniform:
            assert d.low is not None and d.high is not None  # the loader requires both
            self.low, self.span = d.low, d.high - d.low
        self.cuts: list[Cut] = []
        self.last_at = 0.0  # FIFO: a message never arrives before one sent earlier on this channel
        self.sent = 0  # messages put on this channel, network copies included
        self.fifo_sent = 0  # of those, the ones held back in order (FIFO links only), with their delays
        self.drawn = self.measured = 0.0
        self.held_back = 0

    def in_order(self, now: float, at: float) -> float:
        """The arrival time of a message sent now and drawn to arrive at `at` on a FIFO link."""
        held = at if at >= self.last_at else self.last_at
        self.fifo_sent += 1
        self.drawn += at - now
        self.measured += held - now
        self.held_back += held > at
        self.last_at = held
        return held

    def delays(self) -> dict[str, float | int]:
        """What the FIFO hold-back did to this link's delays: configured (drawn) and measured means."""
        n = self.fifo_sent
        return {"messages": n, "configured_mean": self.drawn / n, "measured_mean": self.measured / n,
                "held_back": self.held_back}

    def cut_at(self, t: float) -> bool:
        return any(c.start <= t < c.end for c in self.cuts)


def _directed(model: Model) -> list[Link]:
    links = []
    for link in model.links:
        links.append(link)
        if link.bidirectional:
            links.append(replace(link, source=link.target, target=link.source))
    return links


def _selects(fault: LinkFault, link: Link, places: dict[str, Placement]) -> bool:
    if fault.level is None:
        return (link.source, link.target) == (fault.source, fault.target)
    assert fault.holarchy is not None  # the loader requires a holarchy with a level
    place = places[fault.holarchy]
    return place.at_level(link.source, fault.level) != place.at_level(link.target, fault.level)


def channels(model: Model, scenario: Scenario | None, places: dict[str, Placement],
             rng: Random) -> dict[tuple[str, str], Channel]:
    """One Channel per directed link, with the scenario's overrides and partitions applied."""
    faults = scenario.faults if scenario else ()
    out = {}
    for link in _directed(model):
        for fault in faults:
            if isinstance(fault, LinkFault) and _selects(fault, link, places):
                link = replace(link, **fault.overrides)
        out[(link.source, link.target)] = Channel(link, rng)
    for fault in faults:
        if isinstance(fault, Partition):
            place = places[fault.holarchy]
            a = {c for h in fault.sides[0] for c in place.members[h]}
            b = {c for h in fault.sides[1] for c in place.members[h]}
            for (src, dst), channel in out.items():
                if (src in a and dst in b) or (not fault.oneway and src in b and dst in a):
                    channel.cuts.append(Cut(fault.start, fault.end))
    return out
