"""E-mailing invoices: the action, the bulk action and the send_email toggle."""

from datetime import timedelta

import pytest

from ninja_api import ids
from ninja_api.billing.settings import company_today
from ninja_api.models import Activity, Company, InvoiceInvitation, SystemLog


@pytest.fixture
def outbox(app):
    return app.state.mailer.sent


def set_company(session_factory, tenant, **values):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, **values}
        s.commit()


def invitation_of(session_factory, inv) -> InvoiceInvitation:
    with session_factory() as s:
        return s.query(InvoiceInvitation).filter_by(invoice_id=ids.decode(inv["id"])).one()


def test_email_action_sends_to_invited_contacts_and_marks_sent(api, tenant, make_invoice, client_row, outbox,
                                                               session_factory, get_client):
    inv = make_invoice(line_items=[{"quantity": 2, "cost": "617.25"}])
    assert inv["status_id"] == "1" and outbox == []
    r = api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"message": "email sent"})

    # Only the contact with send_email has an invitation, so only they get mail.
    assert [m.to for m in outbox] == ["a@acme.co"]
    mail = outbox[0]
    invitation = invitation_of(session_factory, inv)
    link = f"https://ninja.test/client/invoice/{invitation.key}"
    assert mail.subject == "New invoice 0001 from Demo Company"
    assert mail.text == f"Your invoice 0001 for $1,234.50 from Demo Company is ready.\n\n{link}"
    assert f'<a href="{link}">View Invoice</a>' in mail.html
    assert (mail.from_address, mail.from_name, mail.headers) == (
        "billing@ninja.test", "Demo Company", {"X-Invitation": invitation.key})
    assert invitation.sent_date is not None

    shown = api.get(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers).json()["data"]
    assert (shown["status_id"], shown["balance"]) == ("2", 1234.5)
    assert shown["invitations"][0]["sent_date"] != ""
    assert get_client()["balance"] == 1234.5
    with session_factory() as s:
        emailed = s.query(Activity).filter_by(invoice_id=ids.decode(inv["id"]), activity_type_id=6).one()
        assert emailed.client_contact_id == ids.decode(client_row["contacts"][0]["id"])


def test_company_templates_fill_variables(api, tenant, make_invoice, outbox, session_factory):
    set_company(session_factory, tenant,
                email_subject_invoice="Invoice $invoice.number for $client.name: $balance due $due_date",
                email_template_invoice="Hi $contact.first_name <b>$amount</b> $view_link",
                date_format_id="1", reply_to_email="accounts@demo.test", bcc_email="copy@demo.test")
    due = company_today(tenant.company) + timedelta(days=3)
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}], due_date=due.isoformat())
    r = api.get(f"/api/v1/invoices/{inv['id']}/send_email", headers=tenant.headers)
    assert r.json() == {"message": "email sent"}
    mail = outbox[0]
    assert mail.subject == f"Invoice 0001 for Acme: $10.00 due {due.strftime('%d/%b/%Y')}"
    key = invitation_of(session_factory, inv).key
    assert mail.html == f'Hi  <b>$10.00</b> <a href="https://ninja.test/client/invoice/{key}">View Invoice</a>'
    assert (mail.reply_to, mail.bcc) == ("accounts@demo.test", ["copy@demo.test"])


def test_html_in_values_is_escaped_in_the_body_only(api, tenant, outbox, session_factory):
    client = api.post("/api/v1/clients", headers=tenant.headers,
                      json={"name": "Tom & Jerry", "contacts": [{"email": "t@j.co", "first_name": "T"}]}).json()["data"]
    set_company(session_factory, tenant, email_subject_invoice="$client.name", email_template_invoice="$client.name")
    inv = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert (outbox[0].subject, outbox[0].html) == ("Tom & Jerry", "Tom &amp; Jerry")


def test_email_type_chooses_the_reminder_template(api, tenant, make_invoice, outbox):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    api.get(f"/api/v1/invoices/{inv['id']}/email?email_type=reminder1", headers=tenant.headers)
    assert outbox[0].subject == "Reminder: Invoice 0001 from Demo Company"


def test_reminder_window_picks_the_reminder_template(api, tenant, make_invoice, outbox, session_factory):
    set_company(session_factory, tenant, schedule_reminder1="after_invoice_date", num_days_reminder1=2,
                email_subject_reminder1="First reminder for $number")
    date = company_today(tenant.company) - timedelta(days=2)
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}], date=date.isoformat())
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert outbox[0].subject == "First reminder for 0001"


def test_bulk_email_returns_the_invoices(api, tenant, make_invoice, outbox):
    first = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    second = make_invoice(line_items=[{"quantity": 1, "cost": 20}])
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                 json={"action": "email", "ids": [first["id"], second["id"]]})
    assert r.status_code == 200
    assert sorted((i["number"], i["status_id"]) for i in r.json()["data"]) == [("0001", "2"), ("0002", "2")]
    assert sorted(m.subject for m in outbox) == ["New invoice 0001 from Demo Company",
                                                 "New invoice 0002 from Demo Company"]


def test_send_email_toggle_on_create(api, tenant, make_invoice, outbox):
    inv = make_invoice("?send_email=true", line_items=[{"quantity": 1, "cost": 10}])
    assert inv["status_id"] == "2"
    assert [m.to for m in outbox] == ["a@acme.co"]
    make_invoice("?send_email=false", line_items=[{"quantity": 1, "cost": 10}])
    assert len(outbox) == 1


def test_deleted_invoice_is_not_emailed(api, tenant, make_invoice, outbox):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    api.delete(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers)
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "email", "ids": [inv["id"]]})
    assert outbox == []


def test_a_failed_delivery_is_recorded(api, app, tenant, make_invoice, session_factory):
    class Refusing:
        def send(self, mail):
            raise OSError("Connection refused")

    app.state.mailer = Refusing()
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    r = api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert r.json() == {"message": "email sent"}  # delivery is after the response, as upstream's queue
    with session_factory() as s:
        failed = s.query(Activity).filter_by(invoice_id=ids.decode(inv["id"]), activity_type_id=57).one()
        assert failed.notes == "Connection refused"
        log = s.query(SystemLog).filter_by(company_id=tenant.company.id).one()
        assert (log.category_id, log.event_id, log.type_id, log.log) == (2, 30, 303, "Connection refused")
    invitation = invitation_of(session_factory, inv)
    assert (invitation.email_status, invitation.email_error) == ("bounced", "Connection refused")
    # The invoice itself was sent: the failure does not undo the committed request.
    assert api.get(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers).json()["data"]["status_id"] == "2"


def test_pdf_attached_when_the_setting_asks(api, tenant, make_invoice, outbox, session_factory):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert outbox[0].attachments == []
    set_company(session_factory, tenant, pdf_email_attachment=True)
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    [(name, content, mime)] = outbox[1].attachments
    assert (name, mime, content[:5]) == ("Invoice_0001.pdf", "application/pdf", b"%PDF-")
    message = outbox[1].to_message()
    assert [part.get_filename() for part in message.iter_attachments()] == ["Invoice_0001.pdf"]


def test_line_breaks_never_reach_the_subject_header(api, tenant, make_invoice, outbox, session_factory):
    set_company(session_factory, tenant, email_subject_invoice="Invoice $number\r\nBcc: evil@x.test")
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert outbox[0].subject == "Invoice 0001 Bcc: evil@x.test"
    assert outbox[0].to_message()["Bcc"] is None
