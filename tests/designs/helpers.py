"""Key order, system designs and small builders shared by the design tests."""

from tests.products.helpers import UNAUTHORIZED, invalid, make_staff, stable  # noqa: F401

URL = "/api/v1/designs"
KEYS = [
    "id", "name", "is_custom", "is_active", "is_template", "design", "updated_at", "archived_at", "created_at",
    "is_deleted", "is_free", "entities",
]
SYSTEM_NAMES = ["Plain", "Clean", "Bold", "Modern", "Business", "Creative", "Elegant", "Hipster", "Playful", "Tech",
                "Calm"]
# Hashed ids 1..11 with the default (empty) salt.
CLEAN = "Wpmbk5ezJn"
# The parts a design gets when the request leaves them out, in the order they are added.
BLANK_PARTS = {"product": "", "task": "", "includes": "", "footer": "", "header": "", "body": ""}


def create_design(api, tenant, **body) -> dict:
    r = api.post(URL, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def names(api, headers, query: str = "") -> list[str]:
    r = api.get(f"{URL}?per_page=100&{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [d["name"] for d in r.json()["data"]]


def bulk(api, tenant, **body):
    return api.post(f"{URL}/bulk", headers=tenant.headers, json=body)
