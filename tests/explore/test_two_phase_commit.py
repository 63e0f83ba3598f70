"""Two-phase commit with two participants: agreement always; liveness needs the coordinator back."""


from tests.explore.conftest import verdicts


def test_permanent_coordinator_crash_keeps_agreement_but_breaks_liveness(explored):
    result = explored("two-phase-commit-coordinator-crash")
    assert result.summary["complete"]
    assert verdicts(result) == {"agreement": "holds", "all-decide": "violated"}
    lasso = result.counterexamples["all-decide"]
    assert lasso["loop_start"] == lasso["length"]  # a dead end: the loop stutters on the last state
    last = lasso["steps"][-1]["state"]["components"]
    assert not last["coordinator"]["up"]
    assert any(step["action"] == "crash coordinator" for step in lasso["steps"])
    assert result.summary["deadlocks"] >= 1


def test_recovery_restores_liveness(explored):
    result = explored("two-phase-commit-coordinator-recovery")
    assert result.summary["complete"]
    assert verdicts(result) == {"agreement": "holds", "all-decide": "holds"}
    assert result.summary["deadlocks"] == 0


def test_engine_two_phase_commit_example_holds_in_every_behavior(explored):
    result = explored("two-phase-commit")
    assert result.summary["complete"]
    assert set(verdicts(result).values()) == {"holds"}
