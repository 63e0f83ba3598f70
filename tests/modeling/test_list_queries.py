"""List endpoints use a fixed number of queries, however many rows they return (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from holarchy.modeling import services


def _queries(client, url: str, params: dict) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.json()["count"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/models/",
        "/api/versions/",
        "/api/components/",
        "/api/links/",
        "/api/holarchies/",
        "/api/holons/",
        "/api/workspaces/",
    ],
)
def test_list_query_count_does_not_grow_with_rows(alice_client, workspace, shop, shop_document, url):
    few, few_rows = _queries(alice_client, url, {})
    for n in range(3):
        services.import_model_document(workspace=workspace, document=shop_document, name=f"Shop {n}")
    many, many_rows = _queries(alice_client, url, {})

    assert many_rows > few_rows or url == "/api/workspaces/"
    assert many == few
    assert many <= 4  # team ids, count, page, and the placements prefetch for components
