"""The bank transaction rule entity as the shared machinery sees it."""

from ninja_api.bank_transaction_rules.schemas import serialize_bank_transaction_rule
from ninja_api.bank_transactions import repository
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains
from ninja_api.http.resource import Include, Resource
from ninja_api.models import BankTransactionRule, Client, ExpenseCategory, Vendor


def _client_resource():
    from ninja_api.clients.resource import client_resource

    return client_resource


def _vendor_resource():
    from ninja_api.vendors.resource import vendor_resource

    return vendor_resource


def _category_resource():
    from ninja_api.expense_categories.resource import expense_category_resource

    return expense_category_resource


bank_transaction_rule_resource = Resource(
    name="bank_transaction_rules",
    label="BankTransactionRule",
    model=BankTransactionRule,
    serialize=serialize_bank_transaction_rule,
    permission="bank_transaction",
    has_assigned_user=False,
    admin_create=True,
    includes=[
        Include("client", _client_resource,
                lambda s, rows, ctx: repository.related(s, Client, rows, "client_id"), many=False),
        Include("vendor", _vendor_resource,
                lambda s, rows, ctx: repository.related(s, Vendor, rows, "vendor_id"), many=False),
        Include("expense_category", _category_resource,
                lambda s, rows, ctx: repository.related(s, ExpenseCategory, rows, "category_id"), many=False),
    ],
    silent_relations=frozenset({"company", "user"}),
    filters={"filter": contains(BankTransactionRule.name), "name": contains(BankTransactionRule.name)},
    actions=default_actions(),
)
