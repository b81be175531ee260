from ninja_api.openapi import DEFAULT_PATH, document


def test_committed_openapi_is_current():
    # Regenerate with: python -m ninja_api.openapi
    assert DEFAULT_PATH.read_text() == document(), "openapi/openapi.json is stale: run python -m ninja_api.openapi"
