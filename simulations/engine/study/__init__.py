"""Level studies: which single-holon failures, level by level, a design survives (plan, runs, roll-up)."""

from .local import run_point, run_points
from .plan import BASELINE, FORMAT, Point, StudyError, default_fault, plan_study, point_key, run_key
from .rollup import roll_up

__all__ = ["BASELINE", "FORMAT", "Point", "StudyError", "default_fault", "plan_study", "point_key", "roll_up",
           "run_key", "run_point", "run_points"]
