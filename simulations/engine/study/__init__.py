"""Level studies: which single-holon failures, level by level, a design survives (plan, runs, roll-up)."""

from .local import run_point, run_points
from .plan import BASELINE, FORMAT, Point, StudyError, default_fault, plan_study, point_key, run_key
from .rollup import digest, roll_up, roll_up_digests

__all__ = ["BASELINE", "FORMAT", "Point", "StudyError", "default_fault", "digest", "plan_study", "point_key",
           "roll_up", "roll_up_digests", "run_key", "run_point", "run_points"]
