"""A bank statement's CSV rows → bank transaction fields: upstream's BankTransactionMap and BankTransformer.

Pure: no I/O. Amounts are read as Decimal from what banks write ("1,234.56", "-12,50", "$ 3.00").
"""

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

# The fields a column may be mapped to, by index, as upstream offers them.
IMPORTABLE = [
    "transaction.transaction_id", "transaction.amount", "transaction.currency", "transaction.account_type",
    "transaction.category", "transaction.category_type", "transaction.date", "transaction.bank_account",
    "transaction.description", "transaction.base_type", "transaction.payment_type_Credit",
    "transaction.payment_type_Debit", "transaction.participant", "transaction.participant_name",
]
# What a header may say for each field (upstream's translated labels), for the preimport's hints.
LABELS = {
    "transaction.transaction_id": "transaction id", "transaction.amount": "amount",
    "transaction.currency": "currency", "transaction.account_type": "account type",
    "transaction.category": "category", "transaction.category_type": "category type", "transaction.date": "date",
    "transaction.bank_account": "bank account", "transaction.description": "description",
    "transaction.base_type": "type", "transaction.payment_type_Credit": "credit",
    "transaction.payment_type_Debit": "debit", "transaction.participant": "participant",
    "transaction.participant_name": "participant name",
}
DELIMITERS = (",", ";", "|", "\t")
# PHP's reading of a date: slashes are month first, dashes and dots day first.
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%y", "%d.%m.%y", "%Y%m%d")


def rows(text: str) -> list[list[str]]:
    """The CSV's rows, with the delimiter its first line uses most."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(cell.strip() for cell in row)]


def hints(headers: list[str]) -> list[int | None]:
    """For each header, the index of the field its words name (each field once), or None."""
    free = dict(enumerate(IMPORTABLE))
    found: list[int | None] = []
    # The longer labels first, so that "category type" is not taken by "type".
    order = sorted(free, key=lambda i: -len(LABELS[free[i]]))
    for header in headers:
        words = header.strip().lower().replace("_", " ")
        hit = next((i for i in order if i in free and LABELS[free[i]] in words), None)
        if hit is not None:
            del free[hit]
        found.append(hit)
    return found


def mapped(row: list[str], mapping: dict[int, str]) -> dict[str, str] | None:
    """{field: cell} of one row; None when the row lacks a mapped column (upstream skips it)."""
    if any(index >= len(row) for index in mapping):
        return None
    return {field: row[index] for index, field in sorted(mapping.items()) if field}


def number(text) -> Decimal | None:
    """A bank's way of writing an amount, or None when the cell holds none."""
    if text is None:
        return None
    cleaned = re.sub(r"[^0-9,.\-]", "", str(text))
    if not re.search(r"\d", cleaned):
        return None
    negative = cleaned.startswith("-") or str(text).strip().startswith("(")
    cleaned = cleaned.replace("-", "")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif "," in cleaned:
        decimal_mark = "," if re.search(r",\d{1,2}$", cleaned) else None
    else:
        decimal_mark = "."
    thousands = {",", "."} - {decimal_mark}
    for mark in thousands:
        cleaned = cleaned.replace(mark, "")
    if decimal_mark == ",":
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return -value if negative else value


def date(text) -> dt.date | None:
    value = (text or "").strip()[:10] if not re.match(r"^\d{8}$", (text or "").strip()) else text.strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def transaction(record: dict[str, str], currencies_by_code: dict[str, str], today: dt.date) -> dict:
    """The bank transaction columns of one mapped row (before the bank account and owner are set)."""
    amount = next((abs(n) for n in (number(record.get(k)) for k in (
        "transaction.amount", "transaction.payment_type_Credit", "transaction.payment_type_Debit")) if n is not None),
        Decimal(0))
    account_type = (record.get("transaction.account_type") or "").strip()
    category = number(record.get("transaction.category", record.get("transaction.category_id")))
    code = (record.get("transaction.currency") or "").strip().upper()
    return {
        "transaction_id": int(number(record.get("transaction.transaction_id")) or 0),
        "amount": amount,
        "currency_id": int(currencies_by_code[code]) if code in currencies_by_code else None,
        "account_type": account_type if len(account_type) > 1 else "bank",
        "category_id": int(category) if category and category > 0 else None,
        "category_type": (record.get("transaction.category_type") or "").strip(),
        "date": date(record.get("transaction.date")) or today,
        "bank_account_id": int(number(record.get("transaction.bank_account")) or 0),
        "description": record.get("transaction.description", ""),
        "base_type": base_type(record),
        "participant": (record.get("transaction.participant") or "").strip(),
        "participant_name": (record.get("transaction.participant_name") or "").strip(),
    }


def base_type(record: dict[str, str]) -> str:
    """CREDIT (money in) or DEBIT, from whichever column says it (upstream's order)."""
    if number(record.get("transaction.payment_type_Credit")):
        return "CREDIT"
    if number(record.get("transaction.payment_type_Debit")):
        return "DEBIT"
    said = (record.get("transaction.base_type") or "").strip().lower()
    if said in ("debit", "withdrawal"):
        return "DEBIT"
    if said in ("credit", "deposit"):
        return "CREDIT"
    if "transaction.category" in record:
        return "DEBIT"
    if "transaction.category_type" in record:
        return "CREDIT" if record["transaction.category_type"] == "Income" else "DEBIT"
    amount = number(record.get("transaction.amount"))
    return "CREDIT" if amount is not None and amount > 0 else "DEBIT"
