"""The bulk `template` action: render the chosen design for the selected rows into one PDF.

Upstream queues the rendering and answers with a hash at once; the PDF is then fetched from
`/templates/preview/{hash}`. Rendering here is quick enough to do inside the request, so the
preview exists as soon as the answer does, and a design that cannot render is a 422 instead of
a preview that never arrives.
"""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.clients import repository as clients_repository
from ninja_api.designs import repository as designs
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.validation import as_bool
from ninja_api.jobs import registry
from ninja_api.billing import emails
from ninja_api.billing.schemas import portal_link
from ninja_api.billing import repository as documents
from ninja_api.payments import repository as payments_repository
from ninja_api.invoices.kind import INVOICE
from ninja_api.billing.settings import ClientSettings, company_today, settings_by_client
from ninja_api.mail.to_user import queue_for_user
from ninja_api.models import Client, Invoice
from ninja_api.models.base import utcnow
from ninja_api.pdf.render import merged, to_pdf
from ninja_api.statics.data import currency_code
from ninja_api.templates import data, engine, repository

STATEMENT_MARK = "##statement##"
AGING_BUCKETS = ("Current", "0-30", "30-60", "60-90", "90-120", "120+")


def _design(session: Session, ctx: AuthContext, inp: RequestInput):
    if "send_email" in inp.data and as_bool(inp.get("send_email")) is None:
        raise ValidationFailed({"send_email": ["The send email field must be true or false."]})
    raw = inp.get("template_id")
    if raw in (None, ""):
        raise ValidationFailed({"template_id": ["The template id field is required."]})
    if not isinstance(raw, str):
        raise ValidationFailed({"template_id": ["The template id must be a string."]})
    design_id = ids.decode(raw)
    design = designs.visible(session, ctx.company_id, design_id) if design_id is not None else None
    if design is None:
        raise ValidationFailed({"template_id": ["The selected template id is invalid."]})
    return design


def _payment_blocks(session: Session, ctx: AuthContext, payments: list, clients: dict[int, Client],
                    settings: dict[int, ClientSettings]) -> dict[int, dict]:
    pivots = payments_repository.paymentables_by_payment(session, [p.id for p in payments]) if payments else {}
    numbers = repository.invoice_numbers(session, ctx.company_id,
                                         {p.paymentable_id for rows in pivots.values() for p in rows})
    return {p.id: data.payment_block(p, clients[p.client_id], settings[p.client_id], pivots.get(p.id, []), numbers)
            for p in payments if p.client_id in clients}


def _invoice_blocks(session: Session, ctx: AuthContext, invoices: list[Invoice], clients: dict[int, Client],
                    settings: dict[int, ClientSettings]) -> list[dict]:
    by_invoice = payments_repository.payments_by_invoice(session, [i.id for i in invoices]) if invoices else {}
    payments = list({p.id: p for rows in by_invoice.values() for p in rows}.values())
    rendered = _payment_blocks(session, ctx, payments, clients, settings)
    return [data.invoice_block(i, clients[i.client_id], settings[i.client_id],
                               [rendered[p.id] for p in by_invoice.get(i.id, []) if p.id in rendered])
            for i in invoices]


def _invoice_variables(session: Session, ctx: AuthContext, invoice: Invoice, client: Client,
                       settings: ClientSettings) -> dict[str, str]:
    """The first invoice's `$variables`, as its first invitation's contact reads them."""
    invitations = documents.invitations_of(session, INVOICE, [invoice.id]).get(invoice.id, [])
    contacts = {c.id: c for c in documents.live_contacts(session, client.id)}
    invitation = next((i for i in invitations if i.client_contact_id in contacts), None)
    if invitation is None:
        return {}
    link = portal_link(ctx, INVOICE, invitation)
    return emails.variables_of(ctx, INVOICE, invoice, client, contacts[invitation.client_contact_id], settings, link)


def _invoices(session: Session, ctx: AuthContext, rows: list[Invoice]):
    clients = repository.clients_by_id(session, ctx.company_id, {r.client_id for r in rows})
    settings = settings_by_client(session, ctx.company, clients)
    rows = [r for r in rows if r.client_id in clients]
    first = rows[0]
    variables = _invoice_variables(session, ctx, first, clients[first.client_id], settings[first.client_id])
    return ({"invoices": _invoice_blocks(session, ctx, rows, clients, settings)},
            {"currency_code": currency_code(settings[first.client_id].currency_id)}, variables)


def _clients(session: Session, ctx: AuthContext, rows: list[Client]):
    clients = {c.id: c for c in rows}
    settings = settings_by_client(session, ctx.company, clients)
    contacts = clients_repository.contacts_by_client(session, list(clients))
    blocks = [data.client_block(c, settings[c.id], contacts.get(c.id, [])) for c in rows]
    return {"clients": blocks}, {"currency_code": currency_code(settings[rows[0].id].currency_id)}, {}


def _aging(session: Session, client: Client, settings: ClientSettings, today: date) -> dict[str, str]:
    totals = dict.fromkeys(AGING_BUCKETS, Decimal(0))
    for due, balance in repository.open_invoices(session, client):
        late = (today - due).days if due is not None else -1
        if late < 0:
            bucket = "Current"
        else:
            bucket = next((b for b, limit in zip(AGING_BUCKETS[1:5], (30, 60, 90, 120)) if late <= limit), "120+")
        totals[bucket] += balance
    return {bucket: settings.money(total) for bucket, total in totals.items()}


def _statement(session: Session, ctx: AuthContext, client: Client, settings: ClientSettings):
    """A client statement for the year so far: invoices, payments and the aging of what is open."""
    today = company_today(ctx.company)
    start = date(today.year, 1, 1)
    clients, by_client = {client.id: client}, {client.id: settings}
    invoices = repository.statement_invoices(session, client, start, today)
    payments = repository.statement_payments(session, client, start, today)
    rendered = _payment_blocks(session, ctx, payments, clients, by_client)
    fmt_start, fmt_end = data.day(start, settings), data.day(today, settings)
    blocks = {
        "invoices": _invoice_blocks(session, ctx, invoices, clients, by_client),
        "payments": [rendered[p.id] for p in payments],
        "credits": [],
        "aging": _aging(session, client, settings, today),
    }
    variables = {"$start_date": fmt_start, "$end_date": fmt_end, "$client.name": client.name or "",
                 "$client_name": client.name or "", "$company.name": str((ctx.company.settings or {}).get("name") or "")}
    globals_ = {"currency_code": currency_code((ctx.company.settings or {}).get("currency_id") or "1"), "show_payments": True, "show_aging": True,
                "show_credits": False}
    return blocks, globals_, variables


def _html(session: Session, ctx: AuthContext, entity: str, rows: list, design) -> list[str]:
    parts = design.design or {}
    if entity == "clients" and STATEMENT_MARK in engine.compose(parts):
        clients = {c.id: c for c in rows}
        settings = settings_by_client(session, ctx.company, clients)
        pages = []
        for client in rows:
            blocks, globals_, variables = _statement(session, ctx, client, settings[client.id])
            pages.append(engine.render(parts, {**globals_, **blocks}, variables))
        return pages
    build = _clients if entity == "clients" else _invoices
    blocks, globals_, variables = build(session, ctx, rows)
    return [engine.render(parts, {**globals_, **blocks}, variables)]


def _pdf(pages: list[str]) -> bytes:
    return to_pdf(pages[0]) if len(pages) == 1 else merged(pages)


PAGES_PDF = "templates.pdf"


@registry.named(PAGES_PDF)
def _attached_pdf(session: Session, args: dict) -> list[tuple[str, bytes, str]]:
    """A mailed template: its pages were rendered in the request (errors answer there), the PDF here."""
    return [(args["name"], _pdf(args["pages"]), "application/pdf")]


def action(entity: str):
    """The set action for one entity's bulk route ("clients", "invoices")."""

    def template(session: Session, ctx: AuthContext, rows: list, inp: RequestInput) -> ApiResponse:
        design = _design(session, ctx, inp)
        try:
            pages = _html(session, ctx, entity, rows, design)
        except engine.TemplateFailed as exc:
            raise ValidationFailed({"template_id": [f"The template could not be rendered: {exc}"]}) from exc
        if as_bool(inp.get("send_email")):
            wording = f"Please see attached file to check your report. [{design.name}]"
            queue_for_user(session, ctx, subject=wording, text=wording,
                           attachments=[{"fn": PAGES_PDF, "name": "Template.pdf", "pages": pages}])
            return ApiResponse({"message": "email sent"})
        pdf = _pdf(pages)
        key = str(uuid.uuid4())
        repository.store_preview(session, ctx.company_id, ctx.user_id, key, pdf, utcnow())
        return ApiResponse({"message": key})

    return template
