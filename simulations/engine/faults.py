"""Crash faults as a schedule of (time, components, +1 crash / -1 recover) drawn before the run.

A holon crash applies to every component below it, in one step. Crashes nest:
a component is up only when every crash that hit it has recovered, so
overlapping faults compose; a permanent crash never recovers.
"""

from __future__ import annotations

from random import Random

from .modelcode.model import Crash, PermanentCrash, Scenario, TransientCrash
from .topology import Placement

CRASH, RECOVER = 1, -1


def _intervals(fault: Crash, rng: Random, until: float) -> list[tuple[float, float | None]]:
    """Down intervals (start, end); end None means never back."""
    if isinstance(fault, PermanentCrash):
        return [(fault.at, None)]
    if isinstance(fault, TransientCrash):
        return [(fault.at, fault.at + fault.duration)]
    out: list[tuple[float, float | None]] = []
    t = fault.at
    while t <= until and (fault.times is None or len(out) < fault.times):
        down = rng.expovariate(1 / fault.down) if fault.random else fault.down
        up = rng.expovariate(1 / fault.up) if fault.random else fault.up
        out.append((t, t + down))
        t += down + up
    return out


def crash_targets(fault: Crash, places: dict[str, Placement]) -> tuple[str, ...]:
    """The components a crash takes down: the one it names, or every member of the holon it names."""
    if fault.component:
        return (fault.component,)
    assert fault.holarchy is not None and fault.holon is not None  # the loader requires a component or a holon
    return tuple(places[fault.holarchy].members[fault.holon])


def crash_schedule(scenario: Scenario | None, places: dict[str, Placement], rng: Random,
                   until: float) -> list[tuple[float, tuple[str, ...], int]]:
    """Every crash and recovery of the scenario, in scenario order (the simulator orders by time)."""
    schedule = []
    for fault in scenario.faults if scenario else ():
        if not isinstance(fault, Crash):
            continue
        targets = crash_targets(fault, places)
        for start, end in _intervals(fault, rng, until):
            schedule.append((start, targets, CRASH))
            if end is not None:
                schedule.append((end, targets, RECOVER))
    return schedule
