"""The OpenAPI schema documents every modeling endpoint, including the zoom and document actions."""

import yaml


def test_schema_lists_the_modeling_endpoints(alice_client):
    response = alice_client.get("/api/schema/")

    assert response.status_code == 200
    paths = yaml.safe_load(response.content)["paths"]
    for path in (
        "/api/models/import/",
        "/api/models/{id}/export/",
        "/api/models/{id}/versions/",
        "/api/versions/{id}/diff/",
        "/api/holons/{id}/move/",
        "/api/holons/{id}/white-box/",
        "/api/holons/{id}/black-box/",
        "/api/components/",
        "/api/links/",
        "/api/holarchies/",
        "/api/workspaces/",
        "/api/behaviors/",
    ):
        assert path in paths, path
