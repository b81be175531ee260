"""Company gateways: a company's stored configuration of one payment gateway of the catalogue.

Only the configuration is kept; this server never talks to a payment provider.
"""

from sqlalchemy import Boolean, Index, Integer, String, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, LongText


class CompanyGateway(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "company_gateways"
    __table_args__ = (Index("ix_company_gateways_company_id_deleted_at", "company_id", "deleted_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The `key` of a gateway of the statics catalogue.
    gateway_key: Mapped[str] = mapped_column(String(191), nullable=False)
    # Bitmask of the card brands shown (1 Visa, 2 MasterCard, 4 AmEx, 8 Diners, 16 Discover).
    accepted_credit_cards: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    require_cvv: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), nullable=False)
    require_billing_address: Mapped[bool | None] = mapped_column(Boolean, default=True, server_default=true())
    require_shipping_address: Mapped[bool | None] = mapped_column(Boolean, default=True, server_default=true())
    update_details: Mapped[bool | None] = mapped_column(Boolean, default=False, server_default=false())
    # The gateway's settings as JSON text, kept as the client sent it (upstream encrypts the column).
    config: Mapped[str] = mapped_column(LongText(), nullable=False)
    # {gateway type id: fees and limits}.
    fees_and_limits: Mapped[dict | None] = mapped_column(JSONText)
    custom_value1: Mapped[str | None] = mapped_column(String(191))
    custom_value2: Mapped[str | None] = mapped_column(String(191))
    custom_value3: Mapped[str | None] = mapped_column(String(191))
    custom_value4: Mapped[str | None] = mapped_column(String(191))
    # off, always, optin or optout.
    token_billing: Mapped[str] = mapped_column(String(191), default="off", server_default="off", nullable=False)
    label: Mapped[str | None] = mapped_column(String(255))
    require_client_name: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    require_postal_code: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    require_client_phone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    require_contact_name: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    require_contact_email: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                        nullable=False)
    require_custom_value1: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                        nullable=False)
    require_custom_value2: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                        nullable=False)
    require_custom_value3: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                        nullable=False)
    require_custom_value4: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                        nullable=False)
    always_show_required_fields: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(),
                                                              nullable=False)
