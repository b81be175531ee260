"""The bulk `template` action for clients and invoices, and fetching the result once by its hash."""

import io
import uuid

import pytest
from pypdf import PdfReader

from ninja_api import ids
from ninja_api.models import TemplatePreview
from tests.auth.helpers import add_member


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def outbox(app):
    return app.state.mailer.sent


@pytest.fixture
def design(api, tenant):
    def make(body: str, name: str = "Report", entities: str = "client,invoice") -> str:
        r = api.post("/api/v1/designs", headers=tenant.headers,
                     json={"name": name, "is_template": True, "entities": entities,
                           "design": {"body": body, "includes": "<style>p{margin:0}</style>"}})
        assert r.status_code == 200, r.text
        return r.json()["data"]["id"]

    return make


@pytest.fixture
def clients(api, tenant):
    made = []
    for name in ("Acme", "Globex"):
        r = api.post("/api/v1/clients", headers=tenant.headers,
                     json={"name": name, "contacts": [{"email": f"ann@{name.lower()}.co", "first_name": "Ann"}]})
        made.append(r.json()["data"])
    return made


def invoice(api, tenant, client, cost, query="?mark_sent=true"):
    r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers,
                 json={"client_id": client["id"], "line_items": [{"product_key": "Work", "cost": cost, "quantity": 1}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def bulk(api, tenant, entity, **body):
    return api.post(f"/api/v1/{entity}/bulk", headers=tenant.headers, json=body)


def fetch(api, tenant, key):
    return api.post(f"/api/v1/templates/preview/{key}", headers=tenant.headers)


CLIENT_BODY = ("<ninja>{% for client in clients %}<p>{{ client.name }} owes {{ client.balance }} "
               "({{ client.balance_raw|format_currency(currency_code) }})</p>{% endfor %}</ninja>")


def test_client_template_answers_a_hash_whose_pdf_can_be_fetched_once(api, tenant, clients, design):
    invoice(api, tenant, clients[0], "1234.5")
    template_id = design(CLIENT_BODY)
    r = bulk(api, tenant, "clients", action="template", template_id=template_id, ids=[c["id"] for c in clients])
    assert r.status_code == 200
    key = r.json()["message"]
    assert r.json() == {"message": str(uuid.UUID(key))}

    pdf = fetch(api, tenant, key)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="template.pdf"'
    assert text_of(pdf.content).splitlines() == ["Acme owes $1,234.50 ($1,234.50)", "Globex owes $0.00 ($0.00)"]

    again = fetch(api, tenant, key)
    assert (again.status_code, again.json()) == (409, {"message": "Still working....."})


def test_invoice_template_lists_the_invoices_and_fills_the_first_ones_variables(api, tenant, clients, design):
    first = invoice(api, tenant, clients[0], "100")
    second = invoice(api, tenant, clients[1], "20.5", query="")
    r = api.get(f"/api/v1/invoices/{first['id']}/mark_paid", headers=tenant.headers)
    assert r.status_code == 200, r.text
    body = ("<p>Dear $client.name, about $invoice.number:</p>"
            "<ninja>{% for invoice in invoices %}<p>{{ invoice.number }} {{ invoice.status }} {{ invoice.amount }} "
            "due {{ invoice.balance }} {{ invoice.client.name }}"
            "{% for payment in invoice.payments %} paid {{ payment.paymentables|sum('amount_raw') }}"
            "{% endfor %}</p>{% endfor %}"
            "<p>Total {{ invoices|sum('amount_raw')|format_currency(currency_code) }}</p></ninja>")
    template_id = design(body)
    r = bulk(api, tenant, "invoices", action="template", template_id=template_id, ids=[second["id"], first["id"]])
    assert r.status_code == 200, r.text
    text = text_of(fetch(api, tenant, r.json()["message"]).content)
    assert text.splitlines() == [
        "Dear Acme, about 0001:",
        "0001 Paid $100.00 due $0.00 Acme paid 100.0000",
        "0002 Draft $20.50 due $0.00 Globex",
        "Total $120.50",
    ]


def test_send_email_mails_the_pdf_to_the_user_instead(api, tenant, clients, design, outbox, session_factory):
    template_id = design(CLIENT_BODY, name="Balances")
    r = bulk(api, tenant, "clients", action="template", template_id=template_id, ids=[clients[0]["id"]],
             send_email=True)
    assert (r.status_code, r.json()) == (200, {"message": "email sent"})
    [mail] = outbox
    assert (mail.to, mail.subject) == (tenant.user.email,
                                       "Please see attached file to check your report. [Balances]")
    [(name, content, kind)] = mail.attachments
    assert (name, kind) == ("Template.pdf", "application/pdf")
    assert text_of(content) == "Acme owes $0.00 ($0.00)"
    with session_factory() as s:
        assert s.query(TemplatePreview).count() == 0


def test_a_statement_design_renders_each_clients_statement(api, tenant, clients, design):
    invoice(api, tenant, clients[0], "50")
    invoice(api, tenant, clients[0], "7", query="")  # a draft is not on a statement
    body = ("<p>Statement for $client.name</p><!-- ##statement## -->"
            "<ninja><p>{% for invoice in invoices %}{{ invoice.number }}={{ invoice.balance }}{% endfor %}</p>"
            "<p>{% if show_aging %}{% for bucket, amount in aging|dictsort %}{{ bucket }}:{{ amount }} "
            "{% endfor %}{% endif %}</p></ninja>")
    template_id = design(body, name="Statement")
    r = bulk(api, tenant, "clients", action="template", template_id=template_id, ids=[c["id"] for c in clients])
    assert r.status_code == 422  # dictsort is not among the filters upstream allows
    body = body.replace("aging|dictsort", "aging")
    body = body.replace("{% for bucket, amount in aging %}{{ bucket }}:{{ amount }} {% endfor %}",
                        "Current:{{ aging['Current'] }} 0-30:{{ aging['0-30'] }}")
    r = api.put(f"/api/v1/designs/{template_id}", headers=tenant.headers,
                json={"name": "Statement", "design": {"body": body}})
    assert r.status_code == 200, r.text
    r = bulk(api, tenant, "clients", action="template", template_id=template_id, ids=[c["id"] for c in clients])
    assert r.status_code == 200, r.text
    text = text_of(fetch(api, tenant, r.json()["message"]).content)
    # Invoices without a due date are not yet due: they count as current.
    assert text.splitlines() == ["Statement for Acme", "0001=$50.00", "Current:$50.00 0-30:$0.00",
                                 "Statement for Globex", "Current:$0.00 0-30:$0.00"]


@pytest.mark.parametrize("body, field_error", [
    ({}, "The template id field is required."),
    ({"template_id": "nope"}, "The selected template id is invalid."),
    ({"template_id": ids.encode(999_999)}, "The selected template id is invalid."),
    ({"template_id": 2}, "The template id must be a string."),
])
def test_template_id_must_name_a_design(api, tenant, clients, body, field_error):
    r = bulk(api, tenant, "clients", action="template", ids=[clients[0]["id"]], **body)
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"template_id": [field_error]}})


def test_send_email_must_be_a_boolean(api, tenant, clients, outbox):
    r = bulk(api, tenant, "clients", action="template", ids=[clients[0]["id"]], template_id=ids.encode(2),
             send_email="soon")
    assert r.json() == {"message": "The given data was invalid.",
                        "errors": {"send_email": ["The send email field must be true or false."]}}
    assert outbox == []


def test_another_companys_design_is_not_found(api, tenant, other_tenant, clients):
    r = api.post("/api/v1/designs", headers=other_tenant.headers,
                 json={"name": "Theirs", "design": {"body": "<p>x</p>"}})
    assert r.status_code == 200, r.text
    r = bulk(api, tenant, "clients", action="template", ids=[clients[0]["id"]], template_id=r.json()["data"]["id"])
    assert r.json()["errors"] == {"template_id": ["The selected template id is invalid."]}


def test_a_broken_design_is_a_422_and_stores_nothing(api, tenant, clients, design, session_factory):
    template_id = design("<ninja>{% for client in clients %}{{ client.name }}</ninja>")
    r = bulk(api, tenant, "clients", action="template", template_id=template_id, ids=[clients[0]["id"]])
    assert r.status_code == 422
    [message] = r.json()["errors"]["template_id"]
    assert message.startswith("The template could not be rendered: Unexpected end of template.")
    with session_factory() as s:
        assert s.query(TemplatePreview).count() == 0


def test_a_system_design_renders_its_own_empty_markup(api, tenant, clients):
    r = bulk(api, tenant, "clients", action="template", template_id=ids.encode(2), ids=[clients[0]["id"]])
    assert r.status_code == 200
    assert text_of(fetch(api, tenant, r.json()["message"]).content) == ""


def test_previews_belong_to_their_company_and_need_report_rights(api, tenant, other_tenant, clients, design,
                                                                  session_factory):
    template_id = design(CLIENT_BODY)
    key = bulk(api, tenant, "clients", action="template", template_id=template_id,
               ids=[clients[0]["id"]]).json()["message"]
    assert fetch(api, other_tenant, key).status_code == 409
    viewer = add_member(session_factory, tenant, "viewer@ninja.test", "v" * 64, permissions="view_client")
    r = api.post(f"/api/v1/templates/preview/{key}", headers=viewer["headers"])
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})
    assert fetch(api, tenant, key).status_code == 200


def test_template_is_an_accepted_client_action_but_other_names_still_are_not(api, tenant, clients):
    r = bulk(api, tenant, "clients", action="render", ids=[clients[0]["id"]])
    assert r.json()["errors"] == {"action": ["The selected action is invalid."]}
