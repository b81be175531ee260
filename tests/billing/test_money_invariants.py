"""Money cannot drift: random sequences of invoice, payment, refund and credit operations through the API,
with the bookkeeping invariants checked after every step.

CI runs a fixed, derandomized set of sequences. For a long run with fresh randomness:

    NINJA_STATEFUL_EXAMPLES=2000 NINJA_STATEFUL_RANDOM=1 .venv/bin/python -m pytest tests/billing/test_money_invariants.py
"""

import os
import uuid
from decimal import Decimal

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import func, select

from ninja_api import ids
from ninja_api.models import Client, CompanyLedger, Credit, Invoice, Payment, Paymentable
from ninja_api.models.payment import CREDIT_TYPE
from ninja_api.payments.duplicates import recent_requests

EXAMPLES = int(os.environ.get("NINJA_STATEFUL_EXAMPLES", "25"))
RANDOM = os.environ.get("NINJA_STATEFUL_RANDOM") == "1"

CENTS = st.integers(min_value=1, max_value=50_000).map(lambda c: Decimal(c) / 100)
FRACTION = st.sampled_from([Decimal("0.1"), Decimal("0.25"), Decimal("0.5"), Decimal("0.99"), Decimal(1)])


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def machine(api, tenant, app, session_factory):
    class Money(RuleBasedStateMachine):
        """One client per sequence; every rule goes through the public API like a real client."""

        def __init__(self):
            super().__init__()
            r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Stateful"})
            assert r.status_code == 200, r.text
            self.client = r.json()["data"]["id"]
            self.invoices: list[str] = []
            self.payments: list[str] = []
            self.credits: list[str] = []

        # --- helpers ---------------------------------------------------------------------------

        def call(self, method, path, body=None):
            recent_requests(app).clear()
            r = api.request(method, f"/api/v1/{path}", headers=tenant.headers, json=body)
            assert r.status_code in (200, 400, 422), (method, path, body, r.status_code, r.text)
            return r

        def rows(self, model, hashed):
            with session_factory() as s:
                return [s.get(model, ids.decode(h)) for h in hashed]

        def payable(self):
            return [i for i in self.rows(Invoice, self.invoices) if not i.is_deleted and i.status_id in (1, 2, 3)
                    and (i.balance if i.status_id != 1 else i.amount) > 0]

        # --- invoices ----------------------------------------------------------------------------

        @rule(cost=CENTS, quantity=st.integers(1, 3), sent=st.booleans())
        def create_invoice(self, cost, quantity, sent):
            r = self.call("POST", "invoices" + ("?mark_sent=true" if sent else ""),
                          {"client_id": self.client, "line_items": [{"quantity": quantity, "cost": str(cost)}]})
            assert r.status_code == 200, r.text
            self.invoices.append(r.json()["data"]["id"])

        @precondition(lambda self: self.invoices)
        @rule(data=st.data(), cost=CENTS)
        def edit_invoice(self, data, cost):
            invoice = data.draw(st.sampled_from(self.invoices))
            (row,) = self.rows(Invoice, [invoice])
            # Upstream lets an edit take a paid invoice below what was paid (its balance goes negative);
            # the sequences keep every total at or above the payments on it.
            cost = max(cost, row.paid_to_date)
            self.call("PUT", f"invoices/{invoice}", {"line_items": [{"quantity": 1, "cost": str(cost)}]})

        @precondition(lambda self: self.invoices)
        @rule(data=st.data(), action=st.sampled_from(["mark_sent", "cancel", "delete", "restore", "archive",
                                                       "mark_paid"]))
        def invoice_action(self, data, action):
            invoice = data.draw(st.sampled_from(self.invoices))
            self.call("POST", "invoices/bulk", {"ids": [invoice], "action": action})

        # --- payments ----------------------------------------------------------------------------

        @rule(data=st.data(), share=FRACTION, extra=st.sampled_from([Decimal(0), Decimal(0), Decimal("7.5")]))
        def pay(self, data, share, extra):
            payable = self.payable()
            lines = []
            if payable:
                invoice = data.draw(st.sampled_from(payable))
                owed = invoice.balance if invoice.status_id != 1 else invoice.amount
                lines = [{"invoice_id": ids.encode(invoice.id), "amount": str(max(_cents(owed * share), Decimal("0.01")))}]
            amount = sum((Decimal(line["amount"]) for line in lines), Decimal(0)) + extra
            if amount <= 0:
                return
            r = self.call("POST", "payments", {"client_id": self.client, "amount": str(amount), "invoices": lines,
                                               "idempotency_key": uuid.uuid4().hex})
            assert r.status_code == 200, r.text
            self.payments.append(r.json()["data"]["id"])

        @precondition(lambda self: self.payments)
        @rule(data=st.data(), share=FRACTION)
        def apply_unapplied(self, data, share):
            payment = data.draw(st.sampled_from(self.payments))
            (row,) = self.rows(Payment, [payment])
            left = row.amount - row.applied
            payable = self.payable()
            if row.is_deleted or left <= 0 or not payable:
                return
            invoice = data.draw(st.sampled_from(payable))
            owed = invoice.balance if invoice.status_id != 1 else invoice.amount
            amount = max(min(_cents(left * share), owed), Decimal("0.01"))
            self.call("PUT", f"payments/{payment}",
                      {"invoices": [{"invoice_id": ids.encode(invoice.id), "amount": str(amount)}]})

        @precondition(lambda self: self.payments)
        @rule(data=st.data(), share=FRACTION)
        def refund(self, data, share):
            payment = data.draw(st.sampled_from(self.payments))
            with session_factory() as s:
                pivots = list(s.scalars(select(Paymentable).where(
                    Paymentable.payment_id == ids.decode(payment), Paymentable.deleted_at.is_(None),
                    Paymentable.paymentable_type != CREDIT_TYPE)))
                row = s.get(Payment, ids.decode(payment))
            if row.is_deleted:
                return
            if pivots:
                pivot = data.draw(st.sampled_from(pivots))
                left = pivot.amount - pivot.refunded
                if left <= 0:
                    return
                amount = max(_cents(left * share), Decimal("0.01"))
                body = {"id": payment, "amount": str(amount), "date": "2026-12-01",
                        "invoices": [{"invoice_id": ids.encode(pivot.paymentable_id), "amount": str(amount)}]}
            else:
                left = row.amount - row.refunded
                if left <= 0:
                    return
                body = {"id": payment, "amount": str(max(_cents(left * share), Decimal("0.01"))), "date": "2026-12-01"}
            self.call("POST", "payments/refund", body)

        @precondition(lambda self: self.payments)
        @rule(data=st.data())
        def delete_payment(self, data):
            self.call("DELETE", f"payments/{data.draw(st.sampled_from(self.payments))}")

        # --- credits -----------------------------------------------------------------------------

        @rule(cost=CENTS)
        def create_credit(self, cost):
            r = self.call("POST", "credits?mark_sent=true",
                          {"client_id": self.client, "line_items": [{"quantity": 1, "cost": str(cost)}]})
            assert r.status_code == 200, r.text
            self.credits.append(r.json()["data"]["id"])

        @precondition(lambda self: self.credits)
        @rule(data=st.data(), share=FRACTION)
        def apply_credit(self, data, share):
            credits = [c for c in self.rows(Credit, self.credits) if not c.is_deleted and c.balance > 0]
            payable = [i for i in self.payable() if i.status_id != 1]
            if not credits or not payable:
                return
            credit, invoice = data.draw(st.sampled_from(credits)), data.draw(st.sampled_from(payable))
            amount = max(min(_cents(credit.balance * share), invoice.balance), Decimal("0.01"))
            r = self.call("POST", "payments", {
                "client_id": self.client, "idempotency_key": uuid.uuid4().hex,
                "invoices": [{"invoice_id": ids.encode(invoice.id), "amount": str(amount)}],
                "credits": [{"credit_id": ids.encode(credit.id), "amount": str(amount)}],
            })
            if r.status_code == 200:
                self.payments.append(r.json()["data"]["id"])

        @precondition(lambda self: self.credits)
        @rule(data=st.data(), action=st.sampled_from(["delete", "restore", "archive"]))
        def credit_action(self, data, action):
            self.call("POST", "credits/bulk", {"ids": [data.draw(st.sampled_from(self.credits))], "action": action})

        # --- what must always hold ---------------------------------------------------------------

        @invariant()
        def books_balance(self):
            key = ids.decode(self.client)
            with session_factory() as s:
                client = s.get(Client, key)
                invoices = list(s.scalars(select(Invoice).where(Invoice.client_id == key)))
                credits = list(s.scalars(select(Credit).where(Credit.client_id == key)))
                payments = list(s.scalars(select(Payment).where(Payment.client_id == key)))
                pivots = list(s.scalars(select(Paymentable).where(
                    Paymentable.payment_id.in_([p.id for p in payments] or [0]))))
                last_ledger = s.scalar(select(CompanyLedger).where(CompanyLedger.client_id == key)
                                       .order_by(CompanyLedger.id.desc()).limit(1))
                ledger_sum = s.scalar(select(func.coalesce(func.sum(CompanyLedger.adjustment), 0))
                                      .where(CompanyLedger.client_id == key))

            owed = sum((i.balance for i in invoices if i.status_id in (2, 3) and not i.is_deleted), Decimal(0))
            assert client.balance == owed
            # What the client paid, as upstream counts it: per live payment, what stays on live invoices
            # (credits included) plus what it holds unapplied less the refunds of that unapplied money.
            # Invoice refunds are taken from credits first, then from money.
            paid = Decimal(0)
            for p in payments:
                if p.is_deleted:
                    continue
                mine = [q for q in pivots if q.payment_id == p.id]
                on_invoices = [q for q in mine if q.paymentable_type != CREDIT_TYPE]
                kept = sum((q.amount - q.refunded for q in on_invoices if q.deleted_at is None), Decimal(0))
                refunded_on_invoices = sum((q.refunded for q in on_invoices), Decimal(0))
                credits_back = sum((q.refunded for q in mine if q.paymentable_type == CREDIT_TYPE), Decimal(0))
                paid += kept + (p.amount - p.applied) - (p.refunded - (refunded_on_invoices - credits_back))
            assert client.paid_to_date == paid
            assert client.credit_balance == sum((c.balance for c in credits if not c.is_deleted), Decimal(0))
            if last_ledger is not None:
                assert last_ledger.balance == client.balance
                assert Decimal(str(ledger_sum)) == client.balance
            for invoice in invoices:
                assert Decimal(0) <= invoice.balance <= invoice.amount, (invoice.number, invoice.balance, invoice.amount)
            for payment in payments:
                assert Decimal(0) <= payment.applied <= payment.amount
                assert Decimal(0) <= payment.refunded <= payment.amount

    return Money


def test_money_invariants_hold_over_random_sequences(api, tenant, app, session_factory):
    run_state_machine_as_test(
        machine(api, tenant, app, session_factory),
        settings=settings(max_examples=EXAMPLES, stateful_step_count=25, deadline=None, database=None,
                          derandomize=not RANDOM, suppress_health_check=list(HealthCheck)),
    )
