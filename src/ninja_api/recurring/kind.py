"""How a recurring entity declares itself: its own document kind, and the kind it generates.

Recurring invoices and recurring quotes are the same machine (a schedule over a document); what
differs is data: their tables, counters and activity ids (`document`), what each cycle produces
(`target`), and a few rendering details upstream's two transformers disagree on.
"""

from dataclasses import dataclass

from ninja_api.billing.kind import DocumentKind


@dataclass(frozen=True)
class RecurringKind:
    document: DocumentKind  # the recurring entity: "recurring_invoice"
    target: DocumentKind  # what every cycle generates: INVOICE
    entity_type: str  # the JSON `entity_type`: "recurringInvoice"
    # Where a new recurring document takes its design from when none is sent.
    design_setting: str
    # Recurring invoices render the UTC moment as `next_send_datetime` and `e_invoice`/`location_id`.
    renders_send_moment: bool = True
    # `recurring_dates` only with `?show_dates=true` (recurring invoices) or always (quotes).
    dates_on_request: bool = True

    @property
    def model(self):
        return self.document.model

    @property
    def entity(self) -> str:
        return self.document.entity
