"""What happens to a new statement line: upstream's ProcessBankRules, with its gaps closed.

A credit (money in) that names an open invoice's number is matched to it; otherwise the company's
credit rules look for invoices or payments it may stand for. A debit (money out) is matched by
the debit rules to a vendor and category, and with `auto_convert` becomes an expense at once.
A line is only proposed (matched); `convert_matched` or `/match` carries the proposal out.

Where upstream differs: the first rule that matches wins (upstream lets later ones overwrite it,
and decides credit rules only on a `$client.email` criterion), and lines already matched or
converted are left alone when they are saved again.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.bank_transactions import repository
from ninja_api.bank_transactions.matching import CONVERTED, MATCHED, UNMATCHED, book_expense, listed_with
from ninja_api.http.auth import AuthContext
from ninja_api.http.validation import as_decimal
from ninja_api.models import BankTransaction, BankTransactionRule


def process(session: Session, ctx: AuthContext, row: BankTransaction) -> None:
    if row.status_id != UNMATCHED or row.is_deleted:
        return
    if row.base_type == "DEBIT":
        _debit(session, ctx, row)
    else:
        _credit(session, ctx, row)


def process_unmatched(session: Session, ctx: AuthContext) -> None:
    """After an import: every unmatched line of the company (upstream's BankMatchingService)."""
    for row in repository.unmatched(session, ctx.company_id):
        process(session, ctx, row)


# --- debits ---------------------------------------------------------------------------------------


def _debit(session: Session, ctx: AuthContext, row: BankTransaction) -> None:
    for rule in repository.active_rules(session, ctx.company_id, "DEBIT"):
        criteria = rule.rules if isinstance(rule.rules, list) else []
        hits = sum(1 for c in criteria if _debit_hit(row, c))
        if not _decided(rule, hits, len(criteria)):
            continue
        row.vendor_id = rule.vendor_id
        row.ninja_category_id = rule.category_id
        row.status_id = MATCHED
        row.bank_transaction_rule_id = rule.id
        if rule.auto_convert:
            expense = book_expense(session, ctx, row, rule.vendor_id, rule.category_id)
            row.expense_id = listed_with(row.expense_id, ids.encode(expense.id))
            row.status_id = CONVERTED
        return


def _debit_hit(row: BankTransaction, criterion: dict) -> bool:
    key, operator, value = criterion.get("search_key"), criterion.get("operator"), criterion.get("value")
    if key == "description":
        return text_matches(row.description or "", value or "", operator)
    if key == "amount":
        return number_matches(Decimal(row.amount or 0), as_decimal(value), operator)
    return False


def text_matches(seen: str, wanted: str, operator) -> bool:
    """Case and spaces do not count, as upstream compares."""
    seen = seen.replace(" ", "").lower()
    wanted = str(wanted).replace(" ", "").lower()
    if operator == "is":
        return seen == wanted
    if operator == "contains":
        return wanted in seen
    if operator == "starts_with":
        return seen.startswith(wanted)
    if operator == "is_empty":
        return seen == ""
    return False


def number_matches(seen: Decimal, wanted: Decimal | None, operator) -> bool:
    if wanted is None:
        wanted = Decimal(0)  # upstream's floatval of text
    return {">": seen > wanted, ">=": seen >= wanted, "=": seen == wanted, "<": seen < wanted,
            "<=": seen <= wanted}.get(operator, False)


def _decided(rule: BankTransactionRule, hits: int, count: int) -> bool:
    return (hits == count and count > 0) if rule.matches_on_all else hits > 0


# --- credits --------------------------------------------------------------------------------------


def _credit(session: Session, ctx: AuthContext, row: BankTransaction) -> None:
    named = repository.invoice_named_in(session, ctx.company_id, row.description or "")
    if named is not None:
        row.invoice_ids = ids.encode(named.id)
        row.status_id = MATCHED
        return
    for rule in repository.active_rules(session, ctx.company_id, "CREDIT"):
        criteria = rule.rules if isinstance(rule.rules, list) else []
        found = _CreditSearch(session, ctx.company_id, row)
        hits = sum(1 for c in criteria if found.hit(c))
        if not _decided(rule, hits, len(criteria)):
            continue
        invoice_id, payment_id = found.proposal()
        if invoice_id is None and payment_id is None:
            continue
        row.invoice_ids = ids.encode(invoice_id) if invoice_id is not None else None
        row.payment_id = payment_id
        row.status_id = MATCHED
        row.bank_transaction_rule_id = rule.id
        return


class _CreditSearch:
    """What each credit criterion found for one line; the line's description is the needle."""

    def __init__(self, session: Session, company_id: int, row: BankTransaction) -> None:
        self.session, self.company_id, self.row = session, company_id, row
        self.text = row.description or ""
        self.amount = Decimal(row.amount or 0)
        self.invoice = None
        self.po_invoices: list = []
        self.amount_invoices: list = []
        self.payments: list = []
        self.clients: list = []

    def hit(self, criterion: dict) -> bool:
        key, operator = criterion.get("search_key"), criterion.get("operator")
        s, company = self.session, self.company_id
        if key == "$invoice.number":
            self.invoice = repository.invoice_named_in(s, company, self.text)
            return self.invoice is not None
        if key == "$invoice.po_number":
            self.po_invoices = repository.invoices_with_po_number(s, company, self.text)
            return bool(self.po_invoices)
        if key == "$invoice.amount":
            self.amount_invoices = repository.invoices_by_amount(s, company, operator, self.amount)
            return bool(self.amount_invoices)
        if key == "$payment.amount":
            found = repository.unlinked_payments_by_amount(s, company, operator, self.amount)
        elif key == "$payment.transaction_reference":
            found = repository.unlinked_payments_by_reference(s, company, self.text, operator == "contains")
        elif key == "$client.id_number":
            clients = repository.clients_by_id_number(s, company, self.text, operator == "contains")
            self.clients += clients
            return bool(clients)
        elif key == "$client.email":
            clients = repository.clients_by_contact_email(s, company, self.text)
            self.clients += clients
            return bool(clients)
        else:
            return False
        self.payments += found
        return bool(found)

    def proposal(self) -> tuple[int | None, int | None]:
        """An invoice (by number, then PO number, then amount; one of a matching client first),
        else a payment (one of a matching client first)."""
        if self.invoice is not None:
            return self.invoice.id, None
        client_ids = {c.id for c in self.clients}
        for invoices in (self.po_invoices, self.amount_invoices):
            if invoices:
                own = next((i for i in invoices if i.client_id in client_ids), invoices[0])
                return own.id, None
        if self.payments:
            own = next((p for p in self.payments if p.client_id in client_ids), self.payments[0])
            return None, own.id
        return None, None
