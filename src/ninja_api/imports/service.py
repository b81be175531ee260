"""CSV imports (`/preimport`, `/import`) of bank statements; never commits.

Upstream imports in a queued job and mails the outcome; here the rows are stored inside the
request, so the transactions are listed as soon as it answers. Only `bank_transaction` files are
imported so far: the other entities upstream imports answer a 422 that says so.
"""

import secrets

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.bank_transactions import repository as transactions
from ninja_api.bank_transactions import rules
from ninja_api.billing.settings import company_today
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput, is_true
from ninja_api.imports import repository, statements
from ninja_api.models import BankIntegration, BankTransaction
from ninja_api.statics.data import currencies_by_code

ENTITY = "bank_transaction"
MAX_FILES = 6
MAX_BYTES = 10 * 1024 * 1024


def _files(inp: RequestInput) -> dict[str, str]:
    """{entity: text} of the `files[entity]` parts."""
    found = {}
    for key, uploads in inp.files.items():
        if not key.startswith("files[") or not key.endswith("]"):
            continue
        entity = key[len("files["):-1]
        data = uploads[0].file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ValidationFailed({f"files.{entity}": [f"The files.{entity} must not be greater than 10240 kilobytes."]})
        try:
            found[entity] = data.decode("utf-8")
        except UnicodeDecodeError:
            found[entity] = data.decode("latin-1")
    return found


def _check_entities(entities) -> None:
    unknown = [e for e in entities if e != ENTITY]
    if unknown:
        raise ValidationFailed({"import_type": [f"Importing {', '.join(sorted(unknown))} is not supported."]})


def preimport(session: Session, ctx: AuthContext, inp: RequestInput) -> dict:
    errors = {}
    files = _files(inp)
    if not files:
        errors["files"] = ["The files field is required."]
    elif len(files) > MAX_FILES:
        errors["files"] = [f"The files must not have more than {MAX_FILES} items."]
    if inp.get("import_type") in (None, ""):
        errors["import_type"] = ["The import type field is required."]
    if errors:
        raise ValidationFailed(errors)
    _check_entities(files)
    hash_ = secrets.token_hex(16)
    mappings = {}
    for entity, text in files.items():
        repository.keep(session, ctx.company_id, hash_, entity, text)
        table = statements.rows(text)
        headers = table[0] if table else []
        mappings[entity] = {"available": statements.IMPORTABLE, "headers": table[:2],
                            "hints": statements.hints(headers)}
    return {"hash": hash_, "mappings": mappings}


def _mapping(column_map) -> dict[int, str] | None:
    entry = column_map.get(ENTITY) if isinstance(column_map, dict) else None
    mapping = entry.get("mapping") if isinstance(entry, dict) else None
    if isinstance(mapping, list):
        mapping = dict(enumerate(mapping))
    if not isinstance(mapping, dict):
        return None
    found = {}
    for key, field in mapping.items():
        if str(key).isdigit() and isinstance(field, str) and field in statements.IMPORTABLE:
            found[int(key)] = field
    return found


def run_import(session: Session, ctx: AuthContext, inp: RequestInput) -> int:
    """Stores the statement's rows as transactions of the named account; how many were stored."""
    data = inp.data
    errors = {}
    if data.get("import_type") in (None, ""):
        errors["import_type"] = ["The import type field is required."]
    hash_ = data.get("hash")
    if hash_ is not None and not isinstance(hash_, str):
        raise ValidationFailed({"hash": ["The hash must be a string."]})
    files = {} if hash_ else _files(inp)
    if not hash_ and not files:
        errors["files"] = ["The files field is required when hash is not present."]
    column_map = data.get("column_map")
    if hash_ and not isinstance(column_map, dict):
        errors["column_map"] = ["The column map field is required when hash is present."]
    if hash_ and data.get("skip_header") is None:
        errors["skip_header"] = ["The skip header field is required when hash is present."]
    account = None
    if isinstance(column_map, dict) and ENTITY in column_map:
        key = ids.decode(data["bank_integration_id"]) if isinstance(data.get("bank_integration_id"), str) else None
        if data.get("bank_integration_id") in (None, ""):
            errors["bank_integration_id"] = ["The bank integration id field is required when column map.bank "
                                             "transaction is present."]
        elif key is None or not transactions.live_in_company(session, BankIntegration, ctx.company_id, key):
            errors["bank_integration_id"] = ["The selected bank integration id is invalid."]
        account = key
    if errors:
        raise ValidationFailed(errors)
    if data.get("import_type") != "csv":
        raise ValidationFailed({"import_type": ["Only csv imports are supported."]})
    uploads = repository.take(session, ctx.company_id, hash_) if hash_ else files
    _check_entities(set(uploads) | set(column_map or {}))
    mapping = _mapping(column_map)
    if ENTITY not in uploads or mapping is None or account is None:
        return 0
    table = statements.rows(uploads[ENTITY])
    if is_true(data.get("skip_header")):
        table = table[1:]
    stored = _store(session, ctx, account, table, mapping)
    rules.process_unmatched(session, ctx)
    return stored


def _store(session: Session, ctx: AuthContext, account: int, table: list[list[str]], mapping: dict[int, str]) -> int:
    codes = currencies_by_code()
    today = company_today(ctx.company)
    company_currency = int((ctx.company.settings or {}).get("currency_id") or 1)
    stored = 0
    for row in table:
        record = statements.mapped(row, mapping)
        if record is None:
            continue
        fields = statements.transaction(record, codes, today)
        fields["currency_id"] = fields["currency_id"] or company_currency
        session.add(BankTransaction(company_id=ctx.company_id, user_id=ctx.user_id, bank_integration_id=account,
                                    status_id=1, is_deleted=False, **fields))
        stored += 1
    session.flush()
    return stored
