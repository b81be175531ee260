"""Every entity the API creates from a body, with the least body each needs; shared by the sweeps."""

import json

# A valid body for the entities whose create needs more than nothing.
MINIMAL = {
    "invoices": lambda ids: {"client_id": ids["client"]},
    "quotes": lambda ids: {"client_id": ids["client"]},
    "credits": lambda ids: {"client_id": ids["client"]},
    "recurring_invoices": lambda ids: {"client_id": ids["client"], "frequency_id": "5"},
    "recurring_quotes": lambda ids: {"client_id": ids["client"], "frequency_id": "5"},
    "purchase_orders": lambda ids: {"vendor_id": ids["vendor"]},
    "payments": lambda ids: {"client_id": ids["client"], "amount": 1},
    "tasks": lambda ids: {"description": "t"},
    "projects": lambda ids: {"name": "p", "client_id": ids["client"]},
    "locations": lambda ids: {"name": "l", "client_id": ids["client"]},
    "bank_transactions": lambda ids: {"bank_integration_id": ids["bank_integration"]},
    "bank_integrations": lambda ids: {"bank_account_name": "Checking"},
    "bank_transaction_rules": lambda ids: {"name": "r"},
    "webhooks": lambda ids: {"target_url": "http://127.0.0.1:9/h", "event_id": "1"},
    "tax_rates": lambda ids: {"name": "GST", "rate": 5},
    "payment_terms": lambda ids: {"num_days": 7},
    "task_statuses": lambda ids: {"name": "s"},
    "expense_categories": lambda ids: {"name": "c"},
    "group_settings": lambda ids: {"name": "g", "settings": {}},
    "subscriptions": lambda ids: {"name": "s"},
    "designs": lambda ids: {"name": "d", "design": {"body": "", "header": "", "footer": "", "includes": "",
                                                    "product": "", "task": ""}},
    "vendors": lambda ids: {"name": "v"},
    "products": lambda ids: {"product_key": "p"},
    "expenses": lambda ids: {"amount": 1},
    "recurring_expenses": lambda ids: {"amount": 1, "frequency_id": "5"},
}
# Not swept: companies and tokens (behind the password check), documents (uploads),
# client gateway tokens (they need a company gateway); each has its own bad-input tests.
ENTITIES = sorted(set(MINIMAL) | {"clients"})
UNIQUE_NAMES = {"tax_rates", "subscriptions", "designs", "expense_categories", "task_statuses", "group_settings",
                "bank_transaction_rules"}


def send(api, tenant, method, path, body):
    # json.dumps writes a lone surrogate as the escape `\ud800`, as a hostile client would send it.
    return api.request(method, path, headers={**tenant.headers, "content-type": "application/json"},
                       content=json.dumps(body))
