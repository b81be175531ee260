from tests.designs.helpers import SYSTEM_NAMES, URL, bulk, create_design, make_staff, names


def test_list_shows_system_designs_then_the_companys_own(api, tenant, other_tenant, session_factory):
    create_design(api, tenant, name="Mine")
    create_design(api, other_tenant, name="Theirs")
    assert names(api, tenant.headers) == SYSTEM_NAMES + ["Mine"]
    assert names(api, other_tenant.headers) == SYSTEM_NAMES + ["Theirs"]
    r = api.get(URL, headers=tenant.headers)
    assert r.json()["meta"]["pagination"]["total"] == 12
    assert [d["id"] for d in r.json()["data"][:3]] == ["VolejRejNm", "Wpmbk5ezJn", "Opnel5aKBz"]
    # The first four designs were upstream's free ones.
    assert [d["is_free"] for d in r.json()["data"]] == [True] * 4 + [False] * 8
    # Designs are not narrowed for restricted users.
    staff = make_staff(session_factory, tenant, "view_client")
    assert names(api, staff) == SYSTEM_NAMES + ["Mine"]


def test_filter_custom_and_template(api, tenant):
    create_design(api, tenant, name="Clever", is_template=True)
    create_design(api, tenant, name="Plain Copy")
    assert names(api, tenant.headers, "filter=CLE") == ["Clean", "Clever"]
    assert names(api, tenant.headers, "filter=100%") == []
    assert names(api, tenant.headers, "custom=true") == ["Clever", "Plain Copy"]
    assert names(api, tenant.headers, "custom=yes") == ["Clever", "Plain Copy"]
    assert names(api, tenant.headers, "custom=false") == SYSTEM_NAMES
    assert names(api, tenant.headers, "custom=nonsense") == SYSTEM_NAMES
    assert names(api, tenant.headers, "template=true") == ["Clever"]
    assert names(api, tenant.headers, "template=false") == SYSTEM_NAMES + ["Plain Copy"]
    # Upstream's default for the template filter is 'false', so an empty value lists non-templates.
    assert names(api, tenant.headers, "template=") == SYSTEM_NAMES + ["Plain Copy"]
    assert names(api, tenant.headers, "filter=plain&custom=true") == ["Plain Copy"]


def test_entities_filter_matches_one_whole_entity_of_a_template(api, tenant):
    create_design(api, tenant, name="Invoices and quotes", is_template=True, entities="invoice,quote")
    create_design(api, tenant, name="Clients", is_template=True, entities="client")
    create_design(api, tenant, name="Purchase orders", is_template=True, entities="purchase_order")
    create_design(api, tenant, name="Not a template", entities="invoice")
    assert names(api, tenant.headers, "entities=invoice") == ["Invoices and quotes"]
    assert names(api, tenant.headers, "entities=QUOTE") == ["Invoices and quotes"]
    assert names(api, tenant.headers, "entities=order") == []
    assert names(api, tenant.headers, "entities=purchase_order") == ["Purchase orders"]
    # A statement is drawn with a client template.
    assert names(api, tenant.headers, "entities=statement") == ["Clients"]
    # Several entities at once are not a filter.
    assert len(names(api, tenant.headers, "entities=invoice,quote")) == 15


def test_status_deleted_and_sort(api, tenant):
    a, b, _ = (create_design(api, tenant, name=n) for n in ("Alpha", "Beta", "Gamma"))
    bulk(api, tenant, action="archive", ids=[a["id"]])
    bulk(api, tenant, action="delete", ids=[b["id"]])
    assert names(api, tenant.headers, "status=archived") == ["Alpha"]
    deleted = names(api, tenant.headers, "status=deleted")
    assert len(deleted) == 1 and deleted[0].startswith("Beta_deleted_")
    assert names(api, tenant.headers, "status=active&custom=true") == ["Gamma"]
    assert names(api, tenant.headers, "is_deleted=true") == deleted
    assert names(api, tenant.headers, "sort=name|desc&custom=true") == ["Gamma", deleted[0], "Alpha"]
    assert names(api, tenant.headers, "sort=name|asc")[:3] == ["Alpha", deleted[0], "Bold"]
    r = api.get(f"{URL}?include=company", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `company` is not a valid include."})
