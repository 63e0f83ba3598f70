"""Holarchy's simulation engine: pure Python, no Django.

Entry points: `modelcode` (load/validate/dump models), `api.simulate` (run
one simulation), `python -m simulations.engine run MODEL.yaml` (CLI).
"""
