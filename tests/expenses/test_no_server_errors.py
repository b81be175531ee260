import itertools
WEIRD = [None, "", [], {}, [1], {"a": 1}, True, 1.5, -1, "x" * 300, "1e400", "NaN", 10**30]
FIELDS = {
    "vendors": ["name", "number", "currency_id", "country_id", "language_id", "classification", "contacts",
                "assigned_user_id", "is_tax_exempt", "website", "custom_value1", "id_number"],
    "expenses": ["amount", "foreign_amount", "exchange_rate", "tax_rate1", "tax_amount1", "date", "payment_date",
                 "client_id", "vendor_id", "category_id", "project_id", "invoice_id", "number", "currency_id",
                 "should_be_invoiced", "tax_name1", "public_notes", "payment_type_id", "transaction_id", "bank_id",
                 "assigned_user_id", "e_invoice", "documents"],
    "expense_categories": ["name", "color"],
}
def test_odd_input_never_answers_a_server_error(api, tenant):
    bad = []
    for entity, fields in FIELDS.items():
        base = {"name": "base"} if entity != "expenses" else {}
        r = api.post(f"/api/v1/{entity}", headers=tenant.headers, json=dict(base))
        rid = r.json()["data"]["id"]
        for field, value in itertools.product(fields, WEIRD):
            body = {**base, field: value}
            if entity == "expense_categories" and field == "name":
                body = {field: value}
            for method, path in (("POST", f"/api/v1/{entity}"), ("PUT", f"/api/v1/{entity}/{rid}")):
                r = api.request(method, path, headers=tenant.headers, json=body)
                if r.status_code >= 500:
                    bad.append((method, entity, field, value, r.text[:100]))
        for q in ["sort=nope|asc", "sort=number|desc", "client_status=zzz", "filter=%", "has_invoices=client,zz",
                  "vendor_id=zz", "include=client.contacts", "per_page=-1", "status=x", "sort=client_id|desc"]:
            r = api.get(f"/api/v1/{entity}?{q}", headers=tenant.headers)
            if r.status_code >= 500:
                bad.append(("GET", entity, q, r.text[:100]))
        for body in [{"ids": "x", "action": "archive"}, {"ids": [rid], "action": "bulk_categorize", "category_id": []},
                     {"ids": [rid]}, {"ids": [rid], "action": "purge"}, {"ids": [{}], "action": "archive"}]:
            r = api.post(f"/api/v1/{entity}/bulk", headers=tenant.headers, json=body)
            if r.status_code >= 500:
                bad.append(("BULK", entity, body, r.text[:100]))
    assert bad == []
