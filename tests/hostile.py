"""Hostile expressions and models, shared by the engine, CLI, API and worker suites.

Each case is an expression that would take hours or gigabytes without the evaluation budget. A static
case is made of literals only and must be rejected when compiled (so the API refuses it at save time); a
dynamic one reads a variable and must be stopped while it runs. The variables are legal values a model
can hold (each within the size limits; sharing makes `aliased` large only when walked), except `nested`,
a document literal deeper than values may nest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 2.0
LIMIT_BYTES = 256 * 2**20

# Python source for the variables, built in the measuring process.
VARIABLES = """{
    "n": 10**9, "w": 10**6, "fmt": "%0999999999d", "s": "a" * 60000, "xs": list(range(50000)),
    "ys": list(range(50000)), "aliased": [[0] * 990] * 100, "nested": nested(100), "lists": [[i] for i in range(5000)],
}"""

STATIC = {
    "percent width": "len('%0999999999d' % 1)",
    "percent precision": "'%.999999999f' % 1.5",
    "percent many widths": "'%99999d%99999d' % (1, 2)",
    "chained powers": "2**2**2**2**2",
    "tower of tens": "10**10**10",
    "string repetition": "'x' * 10**9",
    "list repetition": "[0] * 10**9",
    "nested repetition": "[[0] * 1000] * 1000",
    "big shift": "1 << 10**6",
    "str of a big int": "str(10**5000)",
    "product of comprehensions": "len([0 for a in 'x' * 9999 for b in 'x' * 9999])",
    "dict comprehension bomb": "len({(a, b): 0 for a in 'x' * 9999 for b in 'x' * 9999})",
    "sorted of a huge literal generator": "sorted(a for a in 'x' * 9999 for b in 'x' * 9999 for c in 'x' * 9999)",
    "sum of aliased literal lists": "len(sum([[0] * 9999] * 9999, []))",
    "huge int literal": "9" * 1300,
}

DYNAMIC = {
    "percent width from state": "len(fmt % 1)",
    "percent star width": "'%*d' % (w, 1)",
    "string growth": "'x' * n",
    "list growth": "[0] * n",
    "power from state": "n ** n",
    "shift from state": "1 << n",
    "product of big ints": "(n ** 100) * (n ** 100)",
    "nested comprehensions": "len([a for a in xs for b in ys])",
    "deeply nested comprehensions": "len([0 for a in xs for b in xs for c in xs for d in xs])",
    "dict comprehension over state": "len({(a, b): 0 for a in xs for b in ys})",
    "set comprehension over state": "len({a * b for a in xs for b in ys})",
    "str of aliased lists": "len(str([aliased, aliased]))",
    "sum of aliased lists": "len(sum([aliased for a in xs], []))",
    "sum of many lists": "len(sum([[a] for a in xs], []))",
    "repeated state": "len(sum([xs] * 1000, []))",
    "sorted of a huge generator": "sorted(a for a in xs for b in ys)",
    "max of a huge generator": "max(a * b for a in xs for b in ys)",
    "comparison in a loop": "len([0 for a in xs if xs == ys])",
    "membership in a loop": "len([0 for a in xs if -1 in ys])",
    "slices in a loop": "len([xs[1:] for a in xs])",
    "string concatenation": "s + s",
    "string concatenation in a loop": "len([s + 'x' for a in xs])",
    "result larger than the limit": "[xs, ys, xs]",
    "aliased comparison": "[aliased, aliased] == [aliased, aliased]",
    "too deep a value": "str(nested)",
    "hash of a deep value in a loop": "len({str(a): 0 for a in lists for b in lists})",
}

SYNTAX = {
    "deep parentheses": "(" * 300 + "1" + ")" * 300,
    "deep lists": "[" * 60 + "]" * 60,
    "deep unary": "-" * 100 + "1",
    "long sum": "1+" * 999 + "1",
}

_RUNNER = r"""
import json, resource, sys, time
from simulations.engine.expr import BudgetError, ExprError, compile_expr, environment

def nested(depth):
    value = 0
    for _ in range(depth):
        value = [value]
    return value

variables = VARIABLES
results = {}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for name, text in json.loads(sys.argv[1]).items():
    start = time.perf_counter()
    stage, error = "compile", None
    try:
        expr = compile_expr(text, frozenset(variables))
        stage = "evaluate"
        expr.evaluate(environment(variables))
        stage = "finished"
    except ExprError as exc:
        error = {"budget": isinstance(exc, BudgetError), "message": str(exc)}
    seconds = time.perf_counter() - start
    # The high-water mark only grows: its growth bounds the extra memory of this case and every one before.
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    results[name] = {"stage": stage, "error": error, "seconds": seconds, "peak_bytes": grown}
healthy = compile_expr("sum(x * 2 for x in xs[:3])").evaluate(environment(variables)) == 6
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({"cases": results, "healthy": healthy, "max_rss_growth_bytes": grown}))
"""


def measure(cases: dict[str, str]) -> dict[str, Any]:
    """Compile and evaluate each case in one fresh process: stage reached, error, seconds, and how much the
    process's peak memory (ru_maxrss) grew since before the first case."""
    code = _RUNNER.replace("VARIABLES", VARIABLES)
    done = subprocess.run([sys.executable, "-c", code, json.dumps(cases)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def grower_model(action: str = "s + s", prop: str = "len(component['g'].s) > 0") -> dict[str, Any]:
    """One component that assigns `s: <action>` every time unit; its invariant is `prop`. With the default
    action the string doubles each step, so the run must be stopped by the budget around step 18."""
    return {
        "format": "holarchy/v1",
        "name": "grower",
        "components": [{"id": "g", "behavior": "grower"}],
        "behaviors": {"grower": {"variables": {"s": "x", "n": 1}, "handlers": [
            {"on": "start", "actions": [{"set_timer": {"name": "tick", "after": 1}}]},
            {"on": {"timer": "tick"}, "actions": [{"assign": {"s": action, "n": "n * 2"}},
                                                  {"set_timer": {"name": "tick", "after": 1}}]}]}},
        "holarchies": [{"name": "all", "root": {"id": "all", "components": ["g"]}}],
        "properties": {"safety": [{"name": "grows", "always": prop}]},
        "scenarios": [{"name": "calm", "until": 100}],
    }


# Runs the CLI as `python -m simulations.engine` would, then writes the process's own CPU seconds and peak
# memory to the file named by argv[1]: the parent's RUSAGE_CHILDREN would report the largest of every child
# the test run ever had (browsers, workers), not this one.
_MEASURED_CLI = """
import atexit, resource, runpy, sys
report = sys.argv.pop(1)
def measure():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would include the forking test runner.
    own = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status") as status:
        peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(report, "w") as out:
        out.write(f"{own.ru_utime + own.ru_stime} {peak_kib * 1024}")
atexit.register(measure)
sys.argv[0] = "simulations.engine"
runpy.run_module("simulations.engine", run_name="__main__", alter_sys=True)
"""


def run_cli(*args: str) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """`python -m simulations.engine ARGS` in a fresh process: the result, its CPU seconds and its peak bytes."""
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as report:
        done = subprocess.run([sys.executable, "-c", _MEASURED_CLI, report.name, *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        cpu_seconds, peak_bytes = report.read().split()
    return done, float(cpu_seconds), int(peak_bytes)
