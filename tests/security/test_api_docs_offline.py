"""/api/docs/ works with no network: Swagger UI's script and style are our own static files."""

import re


def test_the_api_docs_page_loads_swagger_ui_from_our_own_static_files(client, settings):
    page = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+swagger-ui[^"]*)"', page)
    assert assets and all(a.startswith(settings.STATIC_URL) for a in assets), assets
    assert "cdn.jsdelivr" not in page
