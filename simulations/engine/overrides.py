"""Parameter overrides: one model document, many variants (load and fault sweeps).

A path walks the document by keys; inside a list it picks the element whose
``id`` or ``name`` equals the segment, or the element at that index. So
``components/client/params/rate`` is the ``rate`` parameter of component
``client``, and ``links/0/loss`` the loss of the first link.
"""

import copy
from collections.abc import Mapping
from typing import Any


class OverrideError(ValueError):
    pass


def _child(node: Any, segment: str, path: str) -> Any:
    if isinstance(node, dict):
        if segment not in node:
            node[segment] = {}
        return node[segment]
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and segment in (item.get("id"), item.get("name")):
                return item
        if segment.isdigit() and int(segment) < len(node):
            return node[int(segment)]
    raise OverrideError(f"{path}: no element {segment!r}")


def apply_overrides(document: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` with each path set to its value; the original is untouched."""
    result = copy.deepcopy(dict(document))
    for path, value in sorted(overrides.items()):
        *parents, last = path.strip("/").split("/")
        node: Any = result
        for segment in parents:
            node = _child(node, segment, path)
        if isinstance(node, dict):
            node[last] = value
        elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
            node[int(last)] = value
        else:
            raise OverrideError(f"{path}: cannot set {last!r} here")
    return result
