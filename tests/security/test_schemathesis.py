"""Property-based calls of every operation in the OpenAPI schema, as a signed-in user: no 5xx, no schema violation.

Bounded for ``make test``: a few generated examples per operation (every
operation is called), through the WSGI application in this process, each
inside the test's transaction.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from holarchy.accounts.services import create_api_token
from holarchy.modeling import services
from holarchy.wsgi import application
from tests.modeling.conftest import SHOP

EXAMPLES_PER_OPERATION = 4
#: Generated cases, counted over the run (printed with ``-s``).
CASES = {"count": 0}


def _schema():
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    return loaded


OPERATIONS = [result.ok() for result in _schema().get_all_operations()]


@pytest.fixture
def signed_in(workspace, alice) -> dict:
    """alice, owner of acme, with a model whose ids the generated cases may hit; requests keep the test's connection."""
    services.import_model_document(workspace=workspace, document=SHOP, user=alice)
    # As Django's test client does: the request must not close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {create_api_token(user=alice, name='schemathesis')[1]}"}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_operation(operation, signed_in):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
        suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate],
    )
    def call(case):
        CASES["count"] += 1
        case.call_and_validate(
            headers=signed_in, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
        )

    call()
    print(f"schemathesis cases so far: {CASES['count']} over {len(OPERATIONS)} operations")
