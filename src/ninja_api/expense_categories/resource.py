"""The expense category entity as the shared machinery sees it."""

from ninja_api.expense_categories.schemas import serialize_expense_category
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains
from ninja_api.http.resource import Resource
from ninja_api.models import ExpenseCategory

expense_category_resource = Resource(
    name="expense_categories",
    label="ExpenseCategory",
    model=ExpenseCategory,
    serialize=serialize_expense_category,
    permission="expense",
    has_assigned_user=False,
    filters={"name": contains(ExpenseCategory.name), "filter": contains(ExpenseCategory.name)},
    actions=default_actions(),
    strict_actions=False,
    action_required=False,
    operation_ids={"blank": "getExpenseCategoryCreate"},
)
