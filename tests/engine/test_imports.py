"""Each engine module imports on its own (no import cycles) and the engine never pulls in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "simulations" / "engine"

FRESH_IMPORTS = """
import importlib, sys
for module in sys.argv[1:]:
    for name in [m for m in sys.modules if m.split('.')[0] == 'simulations']:
        del sys.modules[name]
    importlib.import_module(module)
    assert not any(m.split('.')[0] == 'django' for m in sys.modules), module + ' imports django'
"""


def test_every_module_imports_alone_without_django():
    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for p in ENGINE.rglob("*.py") if "explore" not in p.parts and p.name != "__main__.py")
    done = subprocess.run([sys.executable, "-c", FRESH_IMPORTS, *modules], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
