"""Invoice rules read settings client → group → company → default."""

from datetime import date, timedelta

from ninja_api import ids
from ninja_api.models import Client, Company, GroupSetting


def _set_company(session_factory, tenant, **values):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, **values}
        s.commit()


def _due_after(inv, days):
    return inv["due_date"] == (date.fromisoformat(inv["date"]) + timedelta(days=days)).isoformat()


def test_payment_terms_cascade(api, tenant, client_row, make_invoice, session_factory):
    _set_company(session_factory, tenant, payment_terms="30")
    assert _due_after(make_invoice("?mark_sent=true", line_items=[]), 30)
    with session_factory() as s:
        group = GroupSetting(company_id=tenant.company.id, user_id=tenant.user.id, name="G", settings={"payment_terms": "7"})
        s.add(group)
        s.flush()
        s.get(Client, ids.decode(client_row["id"])).group_settings_id = group.id
        s.commit()
    assert _due_after(make_invoice("?mark_sent=true", line_items=[]), 7)
    r = api.put(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers,
                json={"settings": {"payment_terms": "3", "currency_id": "1"}})
    assert r.status_code == 200
    assert _due_after(make_invoice("?mark_sent=true", line_items=[]), 3)
    # An empty string at client level means "not set": the group applies again.
    api.put(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers, json={"settings": {"payment_terms": ""}})
    assert _due_after(make_invoice("?mark_sent=true", line_items=[]), 7)


def test_terms_footer_and_inclusive_defaults(api, tenant, make_invoice, session_factory):
    _set_company(session_factory, tenant, invoice_terms="Pay now", invoice_footer="Thanks", inclusive_taxes=True)
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 110, "tax_name1": "VAT", "tax_rate1": 10}], is_amount_discount=False)
    assert (inv["terms"], inv["footer"], inv["uses_inclusive_taxes"]) == ("Pay now", "Thanks", True)
    assert (inv["amount"], inv["total_taxes"]) == (110, 10)
    explicit = make_invoice(terms="Mine", uses_inclusive_taxes=False, line_items=[])
    assert (explicit["terms"], explicit["uses_inclusive_taxes"]) == ("Mine", False)


def test_number_applied_when_sent(api, tenant, make_invoice, session_factory):
    _set_company(session_factory, tenant, counter_number_applied="when_sent", invoice_number_pattern="INV-{$counter}")
    draft = make_invoice(line_items=[])
    assert draft["number"] == ""
    sent = api.get(f"/api/v1/invoices/{draft['id']}/mark_sent", headers=tenant.headers).json()["data"]
    assert sent["number"] == "INV-0001"


def test_currency_precision_from_client_currency(api, tenant, make_invoice, client_row):
    # Japanese yen has no decimals: 3 × 33.4 = 100.2 → 100.
    api.put(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers, json={"settings": {"currency_id": "45"}})
    inv = make_invoice(is_amount_discount=False, line_items=[{"quantity": 3, "cost": "33.4"}])
    assert inv["amount"] == 100


def test_save_default_terms_writes_company_settings(api, tenant, make_invoice):
    make_invoice("?save_default_terms=true&save_default_footer=true", terms="T!", footer="F!", line_items=[])
    company = api.get(f"/api/v1/companies/{ids.encode(tenant.company.id)}", headers=tenant.headers).json()["data"]
    assert (company["settings"]["invoice_terms"], company["settings"]["invoice_footer"]) == ("T!", "F!")
