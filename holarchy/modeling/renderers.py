"""YAML output for model documents, selected with ``?format=yaml``."""

import yaml
from rest_framework.renderers import BaseRenderer


class YAMLRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        # Document order is meaningful (components, then links, ...), so keys are not sorted.
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
