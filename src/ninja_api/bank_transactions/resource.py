"""The bank transaction entity as the shared machinery sees it."""

from sqlalchemy import Select, or_

from ninja_api import ids
from ninja_api.bank_transactions import matching, service
from ninja_api.bank_transactions.schemas import serialize_bank_transaction
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike, status_words
from ninja_api.http.resource import Resource
from ninja_api.models import BankTransaction


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(BankTransaction.description, value)) if value else query


def _client_status(query: Select, value, ctx) -> Select:
    """unmatched / matched / converted, or deposits / withdrawals by base type (upstream ORs the two)."""
    words = status_words(value)
    if words is None:
        return query
    statuses = [s for w, s in (("unmatched", service.UNMATCHED), ("matched", service.MATCHED),
                               ("converted", service.CONVERTED)) if w in words]
    kinds = [k for w, k in (("deposits", "CREDIT"), ("withdrawals", "DEBIT")) if w in words]
    clauses = []
    if statuses:
        clauses.append(BankTransaction.status_id.in_(statuses))
    if kinds:
        clauses.append(BankTransaction.base_type.in_(kinds))
    return query.where(or_(*clauses)) if clauses else query


def _bank_integration_ids(query: Select, value, ctx) -> Select:
    if not value:
        return query
    keys = [k for k in (ids.decode(part.strip()) for part in value.split(",")) if k is not None]
    return query.where(BankTransaction.bank_integration_id.in_(keys or [-1]))


bank_transaction_resource = Resource(
    name="bank_transactions",
    label="BankTransaction",
    model=BankTransaction,
    serialize=serialize_bank_transaction,
    permission="bank_transaction",
    has_assigned_user=False,
    filters={"filter": _search, "name": _search, "client_status": _client_status,
             "bank_integration_ids": _bank_integration_ids},
    actions={**default_actions(), "unlink": matching.unlink},
    set_actions={"convert_matched": matching.convert_matched},
    unchecked_ids=frozenset({"category_id"}),
    silent_relations=frozenset({"company", "user", "bank_integration", "vendor", "expense", "payment"}),
)
