"""How a document entity (invoice, credit, quote ...) declares itself to the shared document core.

Every billing document has line items, totals from the calc core, a number, invitations, statuses,
a PDF and mail. What differs between them is data: which tables, which counter, which settings
keys, which activity ids. A `DocumentKind` holds that data; the modules of `billing/` take one.
"""

from dataclasses import dataclass, field

from ninja_api.billing.party import CLIENT, Party


@dataclass(frozen=True)
class Activities:
    """Upstream's activity type ids for one document entity (0: upstream records none)."""

    create: int
    update: int
    archive: int
    delete: int
    restore: int
    mark_sent: int = 0
    email: int = 0


@dataclass(frozen=True)
class DocumentKind:
    entity: str  # "invoice": the counter, the settings prefix, the portal link, `entity_type`
    label: str  # "Invoice": upstream's model name (errors, file names, PDF title)
    model: type
    invitation_model: type
    parent_key: str  # the invitation's and the activity's column naming the document: "invoice_id"
    ledger_type: str  # company_ledgerable_type of the ledger rows the document writes
    activities: Activities
    party: Party = CLIENT
    # Ids the request may set beyond the shared ones (a purchase order's optional client).
    id_fields: tuple[str, ...] = ()
    # Statuses a request may set itself (purchase orders); other documents' statuses follow their actions.
    status_ids: tuple[int, ...] = ()
    # Request fields beyond the shared ones (each is also writable on update).
    bool_fields: tuple[str, ...] = ()
    # Columns that hold a date and time upstream (rendered and parsed alike, stored as DATETIME).
    datetime_columns: frozenset[str] = field(default_factory=frozenset)
    # Recurring documents never owe anything themselves: their balance is always their amount.
    balance_follows_amount: bool = False
    # Documents generated from a recurring one (recurring_id set) number with `recurring_number_prefix`.
    prefixes_recurring: bool = False

    @property
    def contact_key(self) -> str:
        return self.party.contact_key
