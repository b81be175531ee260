"""Expense category rules: a name unique per company, a colour; never commits."""

from sqlalchemy.orm import Session

from ninja_api.expense_categories import repository
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import ExpenseCategory
from ninja_api.models.base import utcnow


def blank(session: Session, ctx: AuthContext) -> ExpenseCategory:
    # The factory's colour is empty, although the column defaults to '#fff'.
    return ExpenseCategory(company_id=ctx.company_id, user_id=ctx.user_id, name="", color="", is_deleted=False)


def _validate(session: Session, ctx: AuthContext, data: dict, category: ExpenseCategory | None) -> None:
    errors = Errors()
    name = data.get("name")
    if category is None and (name is None or (isinstance(name, str) and not name.strip())):
        errors.required("name")
    elif name:
        text = as_text(name)
        if text is None:
            errors.must_be("name", "a string")
        elif len(text) > 191:
            errors.add("name", "The name must not be greater than 191 characters.")
        elif repository.name_taken(session, ctx.company_id, text, None if category is None else category.id):
            errors.taken("name")
    color = data.get("color")
    if color is not None:
        if as_text(color) is None:
            errors.must_be("color", "a string")
        elif len(as_text(color)) > 191:
            errors.add("color", "The color must not be greater than 191 characters.")
    errors.raise_if_any()


def _fill(category: ExpenseCategory, data: dict) -> None:
    if "name" in data:
        category.name = as_text(data["name"])
    if "color" in data:
        category.color = as_text(data["color"]) if data["color"] is not None else ""


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> ExpenseCategory:
    data = dict(inp.data)
    _validate(session, ctx, data, None)
    category = blank(session, ctx)
    _fill(category, data)
    session.add(category)
    session.flush()
    return category


def update(session: Session, ctx: AuthContext, category: ExpenseCategory, inp: RequestInput) -> ExpenseCategory:
    data = dict(inp.data)
    _validate(session, ctx, data, category)
    _fill(category, data)
    category.updated_at = utcnow()
    session.flush()
    return category
