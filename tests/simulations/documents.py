"""Model documents the simulation tests build on."""

from pathlib import Path

from simulations.engine import modelcode

ROOT = Path(__file__).resolve().parents[2]


def metronome() -> dict:
    """One component whose timer re-arms itself: the cheapest step there is (bench/metronome.yaml)."""
    return modelcode.parse_text((ROOT / "bench" / "metronome.yaml").read_text())
