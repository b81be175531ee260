"""Who the job acts as: the recurring row's user with their token, else the company owner."""

from datetime import date, datetime

from ninja_api import ids
from ninja_api.models import Activity, Company, CompanyToken, CompanyUser, Invoice, RecurringInvoice
from ninja_api.models.base import utcnow
from ninja_api.scheduler.actor import actor_for


def test_the_rows_user_or_else_the_owner(session, tenant):
    company = session.get(Company, tenant.company.id)
    ctx = actor_for(session, company, tenant.user.id)
    assert (ctx.user_id, ctx.company_id, ctx.token.token, ctx.is_admin) == (tenant.user.id, company.id, tenant.token, True)
    assert actor_for(session, company, 999999).user_id == tenant.user.id
    session.query(CompanyUser).filter_by(company_id=company.id).update({"is_locked": True})
    assert actor_for(session, company, tenant.user.id) is None


def test_activities_of_generated_invoices_name_the_actor(api, tenant, make_recurring, reschedule, run_at,
                                                          session_factory):
    row = make_recurring(line_items=[{"quantity": 1, "cost": 3}])
    reschedule(row, date(2025, 1, 1))
    run_at(datetime(2025, 1, 1, 6))
    with session_factory() as s:
        invoice = s.query(Invoice).filter_by(company_id=tenant.company.id).one()
        created = s.query(Activity).filter_by(invoice_id=invoice.id, activity_type_id=4).one()
        token = s.query(CompanyToken).filter_by(token=tenant.token).one()
        assert (created.user_id, created.token_id, created.recurring_invoice_id) == \
            (tenant.user.id, token.id, ids.decode(row["id"]))
        assert invoice.user_id == tenant.user.id


def test_a_company_nobody_can_act_for_is_reported(api, tenant, make_recurring, reschedule, run_at, session_factory):
    row = make_recurring()
    due = reschedule(row, date(2025, 1, 1))
    with session_factory() as s:
        s.query(CompanyToken).filter_by(company_id=tenant.company.id).update({"deleted_at": utcnow()})
        s.commit()
    report = run_at(datetime(2025, 1, 1, 6))
    assert report.failed == [("recurring_invoice", ids.decode(row["id"]),
                              "no active user with a token can act for this company")]
    with session_factory() as s:
        assert s.get(RecurringInvoice, ids.decode(row["id"])).next_send_date == due
