"""What document rules read from the company and client: precision, today, settings."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.cascade import resolve
from ninja_api.clients import repository as clients
from ninja_api.models import Client, Company, GroupSetting, Vendor
from ninja_api.statics.data import currency, exchange_rate, timezone_names


class ClientSettings:
    """Settings resolved for one client (client → group → company → default)."""

    def __init__(self, session: Session | None, company: Company, client: Client | None,
                 group: GroupSetting | None = None) -> None:
        """Looks the client's group up, unless the caller loaded it (session None). Without a
        client (a recurring expense of nobody) these are the company's settings."""
        self.company = company
        self.client = client
        self.group = group
        if session is not None and client is not None and client.group_settings_id:
            self.group = clients.group_in_company(session, company.id, client.group_settings_id)

    def get(self, key: str, default=""):
        return resolve(key, self.company, self.group, self.client, default)

    @property
    def currency_id(self) -> str:
        return str(self.get("currency_id", "1") or "1")

    @property
    def precision(self) -> int:
        found = currency(self.currency_id)
        return int(found["precision"]) if found else 2

    def today(self) -> date:
        return today_in(str(self.get("timezone_id", "1") or "1"))

    def day_of(self, moment: datetime) -> date:
        """The client's calendar day at `moment` (naive UTC)."""
        name = timezone_names().get(str(self.get("timezone_id", "1") or "1"), "UTC")
        try:
            zone = ZoneInfo(name)
        except ZoneInfoNotFoundError:
            zone = ZoneInfo("UTC")
        return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).date()

    def exchange_rate(self) -> Decimal:
        """Client-currency units per company unit (1 in the company's own currency)."""
        company_currency = str((self.company.settings or {}).get("currency_id") or "1")
        if company_currency == self.currency_id:
            return Decimal(1)
        return exchange_rate(company_currency, self.currency_id)

    def money(self, value) -> str:
        """An amount as this client reads it (currency, country separators, currency code)."""
        country_id = str(self.client.country_id or self.get("country_id") or "")
        return formatting.money(Decimal(str(value or 0)), self.currency_id, country_id,
                                show_code=self.flag("show_currency_code"))

    def flag(self, key: str) -> bool:
        value = self.get(key, False)
        return value is True or value in ("1", "true", 1)


class VendorSettings(ClientSettings):
    """A vendor's documents read the company's settings, in the vendor's own currency."""

    def __init__(self, company: Company, vendor: Vendor) -> None:
        self.company = company
        self.vendor = vendor
        self.client = None
        self.group = None

    def get(self, key: str, default=""):
        if key == "currency_id" and self.vendor.currency_id:
            return str(self.vendor.currency_id)
        return resolve(key, self.company, None, None, default)

    def money(self, value) -> str:
        country_id = str(self.vendor.country_id or self.get("country_id") or "")
        return formatting.money(Decimal(str(value or 0)), self.currency_id, country_id,
                                show_code=self.flag("show_currency_code"))


def settings_for(session: Session | None, company: Company, party) -> ClientSettings:
    """The settings a document of this party (a client or a vendor row) is calculated with."""
    if isinstance(party, Vendor):
        return VendorSettings(company, party)
    return ClientSettings(session, company, party)


def settings_by_client(session: Session, company: Company, by_id: dict[int, Client]) -> dict[int, ClientSettings]:
    """Each client's settings, their groups loaded in one query (a group of another company is ignored)."""
    groups = clients.groups_by_id(session, {c.group_settings_id for c in by_id.values() if c.group_settings_id})
    found = {}
    for cid, client in by_id.items():
        group = groups.get(client.group_settings_id)
        found[cid] = ClientSettings(None, company, client, group if group and group.company_id == company.id else None)
    return found


def today_in(timezone_id: str) -> date:
    name = timezone_names().get(timezone_id, "UTC")
    try:
        return datetime.now(ZoneInfo(name)).date()
    except ZoneInfoNotFoundError:
        return datetime.now(ZoneInfo("UTC")).date()


def company_today(company: Company) -> date:
    return today_in(str((company.settings or {}).get("timezone_id") or "1"))
