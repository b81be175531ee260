"""Queries about bank integrations, scoped to one company."""

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ninja_api.http.validation import as_int
from ninja_api.models import BankIntegration

BIGINT_MAX = 2 ** 63 - 1


def by_account_id(session: Session, company_id: int, account_id: str) -> BankIntegration | None:
    """The company's first integration (any state) whose aggregator account id is `account_id`:
    Yodlee's numeric bank_account_id or Nordigen's account id."""
    matches = [BankIntegration.nordigen_account_id == account_id]
    number = as_int(account_id)
    if number is not None and abs(number) <= BIGINT_MAX:
        matches.append(BankIntegration.bank_account_id == number)
    return session.scalar(select(BankIntegration).where(
        BankIntegration.company_id == company_id, or_(*matches),
    ).order_by(BankIntegration.id).limit(1))
