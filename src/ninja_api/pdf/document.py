"""A billing document as an HTML page for WeasyPrint: our own design, the document's stored numbers."""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.billing.party import CLIENT, Party
from ninja_api.billing.settings import ClientSettings, settings_for
from ninja_api.billing import repository as documents
from ninja_api.billing.totals import totals_of
from ninja_api.models import Company
from ninja_api.statics.data import country, date_format

STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #888; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #222; }
header { display: flex; justify-content: space-between; margin-bottom: 10mm; }
h1 { font-size: 20pt; margin: 0 0 3mm 0; letter-spacing: 1px; }
.muted { color: #666; }
table { border-collapse: collapse; width: 100%; }
.meta td { padding: 1mm 0 1mm 6mm; text-align: right; }
.parties { margin-bottom: 8mm; }
.items th { background: #f1f1f1; text-align: left; padding: 2mm; font-weight: bold; }
.items td { padding: 2mm; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
.num { text-align: right; white-space: nowrap; }
.totals { width: 45%; margin-left: auto; margin-top: 5mm; }
.totals td { padding: 1.2mm 2mm; }
.totals .due td { font-weight: bold; border-top: 2px solid #222; font-size: 11pt; }
.notes { margin-top: 8mm; white-space: pre-wrap; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #555; white-space: pre-wrap; }
"""


def _lines(*values) -> str:
    return "<br>".join(escape(str(v)) for v in values if v)


def _address(name, address1, address2, city, state, postal_code, country_id) -> str:
    place = country(str(country_id)) if country_id else None
    locality = " ".join(v for v in (postal_code, city, state) if v)
    return _lines(name, address1, address2, locality, place["name"] if place else "")


@dataclass(frozen=True)
class Sources:
    """The rows a document's page is drawn from; `page_html` reads nothing else."""

    company: Company
    doc: object
    party: object  # the client or vendor row
    settings: ClientSettings
    contact: object | None


def sources_of(session: Session, company: Company, doc, party: Party = CLIENT) -> Sources:
    row = session.get(party.model, getattr(doc, party.key))
    contact = next(iter(documents.party_contacts(session, party, row.id)), None)
    return Sources(company, doc, row, settings_for(session, company, row), contact)


def _row_values(row) -> tuple:
    if row is None:
        return ()
    return (type(row).__name__, *(getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs))


def page_key(src: Sources, label: str, party: Party) -> bytes:
    """A digest of every value the page can show: the same key, the same page. Every column of
    each source row counts (repr tells 1 from "1" and 1.0 from 1.00), not only those drawn today,
    so that the key cannot fall behind the page. The code drawing it is the process's own."""
    rows = (src.company, src.doc, src.party, src.settings.group, src.contact)
    return hashlib.sha256(repr((label, party.key, *(_row_values(r) for r in rows))).encode()).digest()


def document_html(session: Session, company: Company, invoice, label: str = "Invoice", party: Party = CLIENT) -> str:
    """`label` names the document ("Invoice", "Credit"...) in its title and headings; `party` whom it is for."""
    return page_html(sources_of(session, company, invoice, party), label, party)


def page_html(src: Sources, label: str, party: Party) -> str:
    company, invoice, client, settings, contact = src.company, src.doc, src.party, src.settings, src.contact
    money = settings.money
    fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
    cs = company.settings or {}
    _, totals = totals_of(invoice, settings.precision)

    company_block = _address(cs.get("name"), cs.get("address1"), cs.get("address2"), cs.get("city"),
                             cs.get("state"), cs.get("postal_code"), cs.get("country_id"))
    company_block += "<br>" + _lines(cs.get("email"), cs.get("phone"), cs.get("website"),
                                     cs.get("vat_number") and f"VAT: {cs.get('vat_number')}")
    client_block = _address(client.name, client.address1, client.address2, client.city, client.state,
                            client.postal_code, client.country_id)
    if contact is not None:
        client_block += "<br>" + _lines(" ".join(p for p in (contact.first_name, contact.last_name) if p),
                                        contact.email)
    if client.vat_number:
        client_block += "<br>" + _lines(f"VAT: {client.vat_number}")

    # A draft's balance is still 0; what the client will owe is its amount.
    due = invoice.balance if invoice.status_id != 1 else invoice.amount - (invoice.paid_to_date or 0)
    meta = [(f"{label} Number", invoice.number or ""), ("PO Number", invoice.po_number or ""),
            (f"{label} Date", formatting.day(invoice.date, fmt)), ("Due Date", formatting.day(invoice.due_date, fmt)),
            ("Balance Due", money(due))]
    meta_rows = "".join(f"<tr><td class=muted>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in meta if v)

    rows = []
    for item in invoice.line_items or []:
        taxes = ", ".join(f"{item.get(f'tax_name{n}')} {Decimal(str(item.get(f'tax_rate{n}') or 0)).normalize():f}%"
                          for n in (1, 2, 3) if item.get(f"tax_name{n}"))
        rows.append(
            "<tr>"
            f"<td>{escape(str(item.get('product_key') or ''))}</td>"
            f"<td>{escape(str(item.get('notes') or ''))}"
            f"{'<br><span class=muted>' + escape(taxes) + '</span>' if taxes else ''}</td>"
            f"<td class=num>{money(item.get('cost'))}</td>"
            f"<td class=num>{escape(formatting.number(Decimal(str(item.get('quantity') or 0)), 2).rstrip('0').rstrip('.') or '0')}</td>"
            f"<td class=num>{money(item.get('line_total'))}</td>"
            "</tr>"
        )

    total_rows = [("Subtotal", money(totals.sub_total))]
    if totals.total_discount:
        total_rows.append(("Discount", money(-totals.total_discount)))
    for n in (1, 2, 3, 4):
        value = getattr(invoice, f"custom_surcharge{n}")
        if value:
            label = (company.custom_fields or {}).get(f"surcharge{n}") or f"Surcharge {n}"
            total_rows.append((str(label).split("|")[0], money(value)))
    for group in (*totals.tax_map, *totals.total_tax_map):
        total_rows.append((f"{group.name} {group.rate.normalize():f}%", money(group.total)))
    total_rows.append(("Total", money(invoice.amount)))
    if invoice.paid_to_date:
        total_rows.append(("Paid to Date", money(invoice.paid_to_date)))
    totals_html = "".join(f"<tr><td class=muted>{escape(k)}</td><td class=num>{escape(v)}</td></tr>"
                          for k, v in total_rows)
    totals_html += f"<tr class=due><td>Balance Due</td><td class=num>{escape(money(due))}</td></tr>"

    notes = "".join(f"<div class=notes><b>{title}</b><br>{escape(text)}</div>"
                    for title, text in (("Notes", invoice.public_notes), ("Terms", invoice.terms)) if text)
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{escape(label)} {escape(invoice.number or '')}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<header><div>{company_block}</div><div><h1>{escape(label.upper())}</h1><table class=meta>{meta_rows}</table></div></header>"
        f"<div class=parties><span class=muted>{escape(party.label)}</span><br>{client_block}</div>"
        "<table class=items><thead><tr><th>Item</th><th>Description</th><th class=num>Unit Cost</th>"
        f"<th class=num>Quantity</th><th class=num>Line Total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<table class=totals>{totals_html}</table>{notes}"
        f"<footer>{escape(invoice.footer or '')}</footer></body></html>"
    )
