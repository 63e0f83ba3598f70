"""YAML output for model documents, selected with ``?format=yaml``."""

import json

import yaml
from rest_framework.renderers import BaseRenderer, JSONRenderer


class YAMLRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        # Through JSON first: error bodies hold ErrorDetail strings and lazy texts that YAML cannot represent.
        plain = json.loads(JSONRenderer().render(data))
        # Document order is meaningful (components, then links, ...), so keys are not sorted.
        return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True).encode()
