"""Export gives back exactly the canonical form of what was imported."""

from holarchy.modeling import documents


def test_export_is_the_canonical_imported_document(alice_client, shop, shop_document):
    response = alice_client.get(f"/api/models/{shop.pk}/export/")

    assert response.status_code == 200
    assert response.json() == documents.canonical(shop_document)[0]
