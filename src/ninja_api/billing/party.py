"""Who a document is addressed to: a client (invoices, quotes, credits ...) or a vendor (purchase orders).

The document core reads the party's row, its contacts and its settings through this, so that a
purchase order is the same kind of document as an invoice with another party."""

from dataclasses import dataclass

from ninja_api.models import Client, ClientContact, Vendor, VendorContact


@dataclass(frozen=True)
class Party:
    key: str  # the document's column naming the party: "client_id"
    model: type
    contact_model: type
    contact_key: str  # the invitation's column naming the contact: "client_contact_id"
    portal: str  # the portal a contact's invitation link opens: "client"
    label: str  # how the PDF heads the party's address
    # A document without live invitations invites every contact (vendors), or only those that
    # receive e-mail, else the first (clients).
    invite_all: bool = False
    # A client's documents take its currency's exchange rate; a vendor's keep the one the request sends.
    rated_by_currency: bool = True

    def contact_parent(self):
        return getattr(self.contact_model, self.key)


CLIENT = Party(key="client_id", model=Client, contact_model=ClientContact, contact_key="client_contact_id",
               portal="client", label="Bill To")
VENDOR = Party(key="vendor_id", model=Vendor, contact_model=VendorContact, contact_key="vendor_contact_id",
               portal="vendor", label="Vendor", invite_all=True, rated_by_currency=False)
