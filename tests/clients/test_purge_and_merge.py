"""Purge and merge of clients that own documents, payments and history.

Upstream: ClientController::purge → ClientRepository::purge (force-deletes everything the client
owns; foreign keys take invitations and paymentables along), and Services/Client/Merge.
"""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import (
    Activity,
    Base,
    Client,
    ClientContact,
    ClientGatewayToken,
    CompanyLedger,
    Credit,
    CreditInvitation,
    Invoice,
    InvoiceInvitation,
    Payment,
    Paymentable,
    Quote,
    QuoteInvitation,
    SystemLog,
    Task,
)
from ninja_api.models.payment import CREDIT_TYPE, INVOICE_TYPE
from tests.auth.helpers import add_member
from tests.clients.helpers import create_client, stable

PASSWORD = {"X-API-PASSWORD": "Password0"}
UNAUTHORIZED = {"message": "This action is unauthorized."}

# Tables holding a client's rows directly, and the ones hanging off them.
DIRECT = (ClientContact, ClientGatewayToken, Invoice, Quote, Credit, Payment, Activity, CompanyLedger, SystemLog)
# What merge re-homes (upstream leaves the ledger and system logs to the foreign-key cascade).
MOVED = (ClientContact, ClientGatewayToken, Invoice, Quote, Credit, Payment, Activity)


def headers(tenant) -> dict:
    return {**tenant.headers, **PASSWORD}


def build(api, tenant, session_factory, name: str, contacts: list[dict], tag: str) -> int:
    """A client with a sent invoice of 100 (through the API), 40 paid on it by a payment, 10 more
    paid with a credit of 25, a sent quote of 50, activities, ledger rows, a system log and a
    gateway token; payment_balance 5. Returns the client's id."""
    client = create_client(api, tenant, name=name, contacts=contacts)
    r = api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers,
                 json={"client_id": client["id"], "line_items": [{"quantity": 1, "cost": 100}]})
    assert r.status_code == 200, r.text
    client_id, invoice_id = ids.decode(client["id"]), ids.decode(r.json()["data"]["id"])
    with session_factory() as s:
        row = s.get(Client, client_id)
        invoice = s.get(Invoice, invoice_id)
        contact_ids = [c.id for c in s.scalars(select(ClientContact).where(ClientContact.client_id == client_id))]
        common = {"company_id": tenant.company.id, "user_id": tenant.user.id, "client_id": client_id}
        payment = Payment(**common, status_id=4, amount=Decimal("40"), applied=Decimal("40"), currency_id=1,
                          date=dt.date(2024, 1, 10), number=f"P-{tag}", is_manual=True)
        by_credit = Payment(**common, status_id=4, amount=Decimal("0"), applied=Decimal("0"), currency_id=1,
                            date=dt.date(2024, 1, 11), number=f"P-{tag}-2", is_manual=True)
        quote = Quote(**common, number=f"Q-{tag}", status_id=2, amount=Decimal("50"), balance=Decimal("50"),
                      line_items=[])
        credit = Credit(**common, number=f"C-{tag}", status_id=3, amount=Decimal("25"), balance=Decimal("15"),
                        paid_to_date=Decimal("10"), line_items=[])
        s.add_all([payment, by_credit, quote, credit])
        s.flush()
        s.add_all([
            Paymentable(payment_id=payment.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                        amount=Decimal("40")),
            Paymentable(payment_id=by_credit.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                        amount=Decimal("10")),
            Paymentable(payment_id=by_credit.id, paymentable_id=credit.id, paymentable_type=CREDIT_TYPE,
                        amount=Decimal("10")),
        ])
        for n, contact_id in enumerate(contact_ids):
            s.add(QuoteInvitation(company_id=tenant.company.id, user_id=tenant.user.id, client_contact_id=contact_id,
                                  quote_id=quote.id, key=f"q{tag}{n}".ljust(32, "x")))
            s.add(CreditInvitation(company_id=tenant.company.id, user_id=tenant.user.id,
                                   client_contact_id=contact_id, credit_id=credit.id, key=f"c{tag}{n}".ljust(32, "x")))
        invoice.balance, invoice.paid_to_date, invoice.status_id = Decimal("50"), Decimal("50"), 3
        row.balance -= Decimal("50")
        row.paid_to_date += Decimal("50")
        row.credit_balance = Decimal("15")
        row.payment_balance = Decimal("5")
        activity = {"company_id": tenant.company.id, "user_id": tenant.user.id, "client_id": client_id}
        s.add_all([
            Activity(**activity, activity_type_id=10, payment_id=payment.id, invoice_id=invoice.id),
            Activity(**activity, activity_type_id=18, quote_id=quote.id),
            Activity(**activity, activity_type_id=14, credit_id=credit.id),
            CompanyLedger(company_id=tenant.company.id, client_id=client_id, adjustment=Decimal("-50"),
                          balance=row.balance, notes="paid", company_ledgerable_id=payment.id,
                          company_ledgerable_type="App\\Models\\Payment"),
            SystemLog(company_id=tenant.company.id, client_id=client_id, category_id=1, event_id=10, type_id=300,
                      log={"tag": tag}),
            ClientGatewayToken(company_id=tenant.company.id, client_id=client_id, token=f"tok-{tag}",
                               company_gateway_id=1, gateway_type_id=1),
        ])
        s.commit()
    return client_id


def snapshot(session_factory) -> dict[str, dict]:
    """Every row of every table, by primary key."""
    with session_factory() as s:
        return {
            table.name: {tuple(row._mapping[c] for c in table.primary_key.columns): dict(row._mapping)
                         for row in s.execute(table.select())}
            for table in Base.metadata.sorted_tables
        }


def rows_of(session_factory, client_id: int) -> dict[str, set]:
    """The primary keys of the client's rows, table by table, found explicitly."""
    with session_factory() as s:
        found = {"clients": {(client_id,)}}
        for model in DIRECT:
            found[model.__tablename__] = {(i,) for i in s.scalars(select(model.id).where(model.client_id == client_id))}
        for child, column, parent in (
            (InvoiceInvitation, InvoiceInvitation.invoice_id, Invoice),
            (QuoteInvitation, QuoteInvitation.quote_id, Quote),
            (CreditInvitation, CreditInvitation.credit_id, Credit),
            (Paymentable, Paymentable.payment_id, Payment),
        ):
            parents = select(parent.id).where(parent.client_id == client_id)
            found[child.__tablename__] = {(i,) for i in s.scalars(select(child.id).where(column.in_(parents)))}
        return found


def without(rows: dict[str, dict], *owned: dict[str, set]) -> dict[str, dict]:
    return {
        table: {pk: row for pk, row in by_pk.items() if not any(pk in o.get(table, ()) for o in owned)}
        for table, by_pk in rows.items()
    }


def client_columns_pointing_at(session_factory, client_id: int) -> dict[str, int]:
    """Rows left in any table with a client_id column that still name the client."""
    with session_factory() as s:
        left = {}
        for table in Base.metadata.sorted_tables:
            if "client_id" in table.c:
                count = len(s.execute(select(table.c.client_id).where(table.c.client_id == client_id)).all())
                if count:
                    left[table.name] = count
        return left


# --- purge --------------------------------------------------------------------------------------


def test_purge_removes_the_client_and_everything_it_owns(api, tenant, other_tenant, session_factory):
    target = build(api, tenant, session_factory, "Target", [{"email": "t1@x.co"}, {"email": "t2@x.co"}], "t")
    build(api, tenant, session_factory, "Neighbour", [{"email": "n@x.co"}], "n")
    build(api, other_tenant, session_factory, "Elsewhere", [{"email": "e@x.co"}], "e")
    owned = rows_of(session_factory, target)
    assert all(owned[table] for table in owned), owned  # every kind of row really exists
    assert len(owned["paymentables"]) == 3 and len(owned["invoice_invitations"]) == 2
    before = snapshot(session_factory)

    r = api.post(f"/api/v1/clients/{ids.encode(target)}/purge", headers=headers(tenant))

    assert (r.status_code, r.json()) == (200, {"message": "Success"})
    after = snapshot(session_factory)
    # Exactly the client's rows are gone; every other row, in every table, is as it was.
    assert after == without(before, owned)
    assert client_columns_pointing_at(session_factory, target) == {}
    r = api.get(f"/api/v1/clients/{ids.encode(target)}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})


def test_purge_removes_pivot_rows_naming_its_documents_from_other_payments(api, tenant, session_factory):
    # Upstream never writes one, but a pivot row points at its invoice or credit by type and id
    # only: it must not outlive the document.
    target = build(api, tenant, session_factory, "Target", [{"email": "t@x.co"}], "t")
    neighbour = build(api, tenant, session_factory, "Neighbour", [{"email": "n@x.co"}], "n")
    with session_factory() as s:
        payment_id = s.scalars(select(Payment.id).where(Payment.client_id == neighbour)).first()
        invoice_id = s.scalar(select(Invoice.id).where(Invoice.client_id == target))
        credit_id = s.scalar(select(Credit.id).where(Credit.client_id == target))
        stray = [Paymentable(payment_id=payment_id, paymentable_id=invoice_id, paymentable_type=INVOICE_TYPE),
                 Paymentable(payment_id=payment_id, paymentable_id=credit_id, paymentable_type=CREDIT_TYPE)]
        s.add_all(stray)
        s.commit()
        stray_ids = {(p.id,) for p in stray}
    neighbours = rows_of(session_factory, neighbour)["paymentables"]
    r = api.post(f"/api/v1/clients/{ids.encode(target)}/purge", headers=headers(tenant))
    assert r.status_code == 200, r.text
    assert set(snapshot(session_factory)["paymentables"]) == neighbours - stray_ids


def test_purge_lets_go_of_other_clients_rows_that_only_refer_to_its_documents(api, tenant, session_factory):
    # A nullable foreign key is a reference, not ownership: the neighbour's task billed on the
    # target's invoice stays, unlinked; the target's own task goes.
    target = build(api, tenant, session_factory, "Target", [{"email": "t@x.co"}], "t")
    neighbour = build(api, tenant, session_factory, "Neighbour", [{"email": "n@x.co"}], "n")
    with session_factory() as s:
        invoice_id = s.scalar(select(Invoice.id).where(Invoice.client_id == target))
        common = {"company_id": tenant.company.id, "user_id": tenant.user.id, "invoice_id": invoice_id}
        theirs, own = Task(**common, client_id=neighbour, number="T-n"), Task(**common, client_id=target, number="T-t")
        s.add_all([theirs, own])
        s.commit()
        theirs_id, own_id = theirs.id, own.id
    r = api.post(f"/api/v1/clients/{ids.encode(target)}/purge", headers=headers(tenant))
    assert r.status_code == 200, r.text
    with session_factory() as s:
        assert s.get(Task, own_id) is None
        task = s.get(Task, theirs_id)
        assert (task.client_id, task.invoice_id, task.number) == (neighbour, None, "T-n")


def test_purge_of_a_client_without_dependents_and_of_a_deleted_client(api, tenant, session_factory):
    bare = create_client(api, tenant, name="Bare")
    assert api.post(f"/api/v1/clients/{bare['id']}/purge", headers=headers(tenant)).json() == {"message": "Success"}
    trashed = build(api, tenant, session_factory, "Trashed", [{"email": "d@x.co"}], "d")
    api.delete(f"/api/v1/clients/{ids.encode(trashed)}", headers=tenant.headers)
    r = api.post(f"/api/v1/clients/{ids.encode(trashed)}/purge", headers=headers(tenant))
    assert (r.status_code, r.json()) == (200, {"message": "Success"})
    assert client_columns_pointing_at(session_factory, trashed) == {}
    assert {t: rows for t, rows in snapshot(session_factory).items() if t in ("clients", "paymentables")} == {
        "clients": {}, "paymentables": {}}


def test_purge_failures_change_nothing(api, tenant, other_tenant, session_factory):
    mine = build(api, tenant, session_factory, "Mine", [{"email": "m@x.co"}], "m")
    theirs = build(api, other_tenant, session_factory, "Theirs", [{"email": "o@x.co"}], "o")
    member = add_member(session_factory, tenant, "ed@example.com", "e" * 64, permissions="edit_client,view_client")
    before = snapshot(session_factory)

    r = api.post(f"/api/v1/clients/{ids.encode(theirs)}/purge", headers=headers(tenant))
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    r = api.post(f"/api/v1/clients/{ids.encode(mine)}/purge", headers={**member["headers"], **PASSWORD})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    r = api.post("/api/v1/clients/zzzzzzzzzz/purge", headers=headers(tenant))
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})
    r = api.post(f"/api/v1/clients/{ids.encode(10**6)}/purge", headers=headers(tenant))
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})
    r = api.post(f"/api/v1/clients/{ids.encode(mine)}/purge", headers=tenant.headers | {"X-API-PASSWORD": "nope"})
    assert r.status_code == 412

    assert snapshot(session_factory) == before


# --- merge --------------------------------------------------------------------------------------


def _money(session_factory, client_id: int) -> tuple:
    with session_factory() as s:
        c = s.get(Client, client_id)
        return c.balance, c.paid_to_date, c.credit_balance, c.payment_balance


def test_merge_moves_everything_and_adds_up_the_balances(api, tenant, other_tenant, session_factory):
    keep = build(api, tenant, session_factory, "Keep", [{"email": "k@x.co"}], "k")
    gone = build(api, tenant, session_factory, "Gone",
                 [{"email": "g@x.co"}, {"email": "k@x.co", "first_name": "Twin"}, {"email": ""}], "g")
    bystander = build(api, tenant, session_factory, "Bystander", [{"email": "b@x.co"}], "b")
    build(api, other_tenant, session_factory, "Elsewhere", [{"email": "e@x.co"}], "e")
    with session_factory() as s:
        # Distinct figures per client, so that every sum is visible.
        s.get(Client, keep).balance = Decimal("50.10")
        s.get(Client, keep).paid_to_date = Decimal("0.20")
        g = s.get(Client, gone)
        g.balance, g.paid_to_date, g.credit_balance, g.payment_balance = (
            Decimal("1234.56"), Decimal("0.01"), Decimal("99.99"), Decimal("7.77"))
        s.commit()
    keep_money, gone_money = _money(session_factory, keep), _money(session_factory, gone)
    keep_rows, gone_rows = rows_of(session_factory, keep), rows_of(session_factory, gone)
    with session_factory() as s:
        last_keep_ledger = s.scalars(select(CompanyLedger.balance).where(CompanyLedger.client_id == keep)
                                     .order_by(CompanyLedger.id.desc())).first()
        gone_contacts = {c.email: c.id for c in s.scalars(select(ClientContact).where(ClientContact.client_id == gone))}
    before = snapshot(session_factory)

    r = api.post(f"/api/v1/clients/{ids.encode(keep)}/{ids.encode(gone)}/merge", headers=headers(tenant))

    assert r.status_code == 200, r.text
    data = r.json()["data"]
    # Upstream adds balance and paid to date. Credit and payment balances are recomputed from the
    # rows that moved (upstream leaves them): two credits of 15 each, and no unapplied money.
    balance, paid = keep_money[0] + gone_money[0], keep_money[1] + gone_money[1]
    assert _money(session_factory, keep) == (balance, paid, Decimal(30), Decimal(0))
    assert (balance, paid) == (Decimal("1284.66"), Decimal("0.21"))
    assert (data["balance"], data["paid_to_date"], data["credit_balance"], data["payment_balance"]) == (
        1284.66, 0.21, 30, 0)
    # Contacts: the primary's stays primary; a repeated e-mail and a blank one are trashed.
    assert [(c["email"], c["is_primary"]) for c in data["contacts"]] == [("k@x.co", True), ("g@x.co", False)]
    assert stable(data) == stable(api.get(f"/api/v1/clients/{ids.encode(keep)}", headers=tenant.headers).json()["data"])

    after = snapshot(session_factory)
    assert client_columns_pointing_at(session_factory, gone) == {}
    assert after["clients"].get((gone,)) is None
    r = api.get(f"/api/v1/clients/{ids.encode(gone)}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})

    # Every row of the mergeable client now belongs to the primary, otherwise unchanged.
    for model in MOVED:
        table = model.__tablename__
        for pk in gone_rows[table]:
            old, new = before[table][pk], after[table][pk]
            assert new["client_id"] == keep, (table, pk)
            changed = {k for k in old if old[k] != new[k]} - {"client_id", "updated_at"}
            if model is ClientContact:
                expected = {"is_primary"} if old["is_primary"] else set()
                if old["email"] in ("", "k@x.co"):
                    expected.add("deleted_at")
                assert changed == expected, (old["email"], changed)
            else:
                assert changed == set(), (table, pk, changed)
    # Invitations and paymentables ride along with their documents and contacts, untouched.
    for table in ("invoice_invitations", "quote_invitations", "credit_invitations", "paymentables"):
        assert gone_rows[table] and all(after[table][pk] == before[table][pk] for pk in gone_rows[table])
    trashed = {after["client_contacts"][(i,)]["email"] for i in gone_contacts.values()
               if after["client_contacts"][(i,)]["deleted_at"] is not None}
    assert trashed == {"k@x.co", ""}

    # The mergeable client's ledger and system logs go with it (upstream's cascade); the primary
    # gets one ledger row for the balance it took on.
    for table in ("company_ledgers", "system_logs"):
        assert not any(pk in after[table] for pk in gone_rows[table])
    new_ledger = [row for pk, row in after["company_ledgers"].items() if pk not in before["company_ledgers"]]
    assert [(row["client_id"], row["adjustment"], row["balance"], row["notes"], row["activity_id"], row["user_id"])
            for row in new_ledger] == [
        (keep, Decimal("1234.56"), last_keep_ledger + Decimal("1234.56"), "Balance update after merging Gone", 61,
         tenant.user.id)]

    # Nobody else's rows changed: not the primary's own, not the bystander's, not the other company's.
    primary_row, merge_ledger = {"clients": {(keep,)}}, {"company_ledgers": {(row["id"],) for row in new_ledger}}
    assert without(after, gone_rows, primary_row, merge_ledger) == without(before, gone_rows, primary_row)
    assert keep_rows["invoices"] and rows_of(session_factory, bystander)["invoices"]


def test_merged_client_can_then_be_purged(api, tenant, session_factory):
    keep = build(api, tenant, session_factory, "Keep", [{"email": "k@x.co"}], "k")
    gone = build(api, tenant, session_factory, "Gone", [{"email": "g@x.co"}], "g")
    r = api.post(f"/api/v1/clients/{ids.encode(keep)}/{ids.encode(gone)}/merge", headers=headers(tenant))
    assert r.status_code == 200, r.text
    r = api.post(f"/api/v1/clients/{ids.encode(keep)}/purge", headers=headers(tenant))
    assert (r.status_code, r.json()) == (200, {"message": "Success"})
    rows = snapshot(session_factory)
    for table in Base.metadata.sorted_tables:
        if "client_id" in table.c or table.name in ("invoice_invitations", "quote_invitations",
                                                    "credit_invitations", "paymentables"):
            assert rows[table.name] == {}, table.name


def test_a_nameless_mergeable_client_is_named_by_its_contact_in_the_ledger(api, tenant, session_factory):
    keep = create_client(api, tenant, name="Keep")
    gone = create_client(api, tenant, contacts=[{"first_name": "Ann", "last_name": "Lee", "email": "ann@x.co"}])
    r = api.post(f"/api/v1/clients/{keep['id']}/{gone['id']}/merge", headers=headers(tenant))
    assert r.status_code == 200, r.text
    with session_factory() as s:
        ledger = s.scalars(select(CompanyLedger).where(CompanyLedger.client_id == ids.decode(keep["id"]))).one()
        assert (ledger.notes, ledger.adjustment, ledger.balance) == (
            "Balance update after merging Ann Lee", Decimal(0), Decimal(0))


@pytest.mark.parametrize("case", ["itself", "their_primary", "their_mergeable", "unknown_mergeable",
                                  "unknown_primary", "not_admin"])
def test_merge_failures_change_nothing(api, tenant, other_tenant, session_factory, case):
    mine = build(api, tenant, session_factory, "Mine", [{"email": "m@x.co"}], "m")
    also = build(api, tenant, session_factory, "Also", [{"email": "a@x.co"}], "a")
    theirs = build(api, other_tenant, session_factory, "Theirs", [{"email": "o@x.co"}], "o")
    member = add_member(session_factory, tenant, "ed@example.com", "e" * 64, permissions="edit_client,view_client")
    before = snapshot(session_factory)
    mine_h, also_h, theirs_h = ids.encode(mine), ids.encode(also), ids.encode(theirs)
    sent_headers, expected = {
        "itself": (headers(tenant), (mine_h, mine_h, 400,
                                     {"message": "Attempting to merge the same client is not possible."})),
        "their_primary": (headers(tenant), (theirs_h, mine_h, 401, UNAUTHORIZED)),
        "their_mergeable": (headers(tenant), (mine_h, theirs_h, 400, {"message": "Client not found"})),
        "unknown_mergeable": (headers(tenant), (mine_h, "zzzzzzzzzz", 400, {"message": "Client not found"})),
        "unknown_primary": (headers(tenant), ("zzzzzzzzzz", mine_h, 400,
                                              {"message": "No query results for model [App\\Models\\Client]."})),
        "not_admin": ({**member["headers"], **PASSWORD}, (mine_h, also_h, 401, UNAUTHORIZED)),
    }[case]
    primary, mergeable, status, body = expected
    r = api.post(f"/api/v1/clients/{primary}/{mergeable}/merge", headers=sent_headers)
    assert (r.status_code, r.json()) == (status, body)
    assert snapshot(session_factory) == before
