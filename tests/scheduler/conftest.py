from datetime import date, datetime, time

import pytest

from ninja_api import ids
from ninja_api.billing.settings import ClientSettings
from ninja_api.mail.transport import MemoryTransport
from ninja_api.models import Client, Company, RecurringInvoice, RecurringQuote
from ninja_api.recurring import schedule
from ninja_api.scheduler import jobs
from tests.job_env import env_for

MONROVIA = "34"  # UTC+0 all year: a 06:00 send time is 06:00 UTC


@pytest.fixture
def company_settings(session_factory, tenant):
    def apply(**values):
        with session_factory() as s:
            company = s.get(Company, tenant.company.id)
            company.settings = {**company.settings, **values}
            s.commit()

    apply(timezone_id=MONROVIA, payment_terms="14")
    return apply


@pytest.fixture
def client_row(api, tenant, company_settings):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "contacts": [{"email": "a@acme.co"}, {"email": "b@acme.co", "send_email": False}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_recurring(api, tenant, client_row):
    def make(entity: str = "recurring_invoices", query: str = "?start=true", **body):
        body.setdefault("client_id", client_row["id"])
        body.setdefault("frequency_id", "5")
        r = api.post(f"/api/v1/{entity}{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


@pytest.fixture
def reschedule(session_factory):
    """Move a recurring row's next send to the client's `day` (the API only takes today or later)."""

    def move(row: dict, day: date, model=RecurringInvoice):
        with session_factory() as s:
            doc = s.get(model, ids.decode(row["id"]))
            client = s.get(Client, doc.client_id)
            settings = ClientSettings(s, s.get(Company, doc.company_id), client)
            doc.next_send_date_client = datetime.combine(day, time())
            doc.next_send_date = schedule.send_moment(settings, day)
            s.commit()
            return doc.next_send_date

    return move


@pytest.fixture
def transport():
    return MemoryTransport()


@pytest.fixture
def run_at(session_factory, transport):
    def run(moment: datetime) -> jobs.Report:
        with session_factory() as s:
            return jobs.run(s, moment, env_for(session_factory, transport))

    return run


@pytest.fixture
def recurring_quote_model():
    return RecurringQuote
