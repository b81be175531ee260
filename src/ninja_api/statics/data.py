"""Reference data (currencies, countries, ...) with upstream's ids, loaded once."""

import json
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from ninja_api.http.rendering import declares


def _shape() -> dict:
    from ninja_api.openapi.shapes import value_schema  # only the spec's generation needs it

    return value_schema(statics())


@declares(_shape)
@lru_cache(maxsize=1)
def statics_bytes() -> bytes:
    return resources.files("ninja_api.data").joinpath("statics_en.json").read_bytes()


@lru_cache(maxsize=1)
def statics() -> dict:
    return json.loads(statics_bytes())


@lru_cache(maxsize=1)
def country_ids() -> frozenset[int]:
    return frozenset(int(c["id"]) for c in statics()["countries"])


@lru_cache(maxsize=1)
def countries_by_iso() -> dict[str, int]:
    found: dict[str, int] = {}
    for country in statics()["countries"]:
        for key in ("iso_3166_2", "iso_3166_3"):
            if country.get(key):
                found[country[key].upper()] = int(country["id"])
    return found


@lru_cache(maxsize=1)
def currencies_by_code() -> dict[str, str]:
    return {c["code"].upper(): str(c["id"]) for c in statics()["currencies"]}


@lru_cache(maxsize=1)
def languages_by_locale() -> dict[str, str]:
    return {l["locale"]: str(l["id"]) for l in statics()["languages"]}


@lru_cache(maxsize=None)
def _by_id(collection: str) -> dict[str, dict]:
    return {str(item["id"]): item for item in statics()[collection]}


def currency(currency_id: str) -> dict | None:
    return _by_id("currencies").get(str(currency_id))


def currency_code(currency_id) -> str:
    return (currency(str(currency_id)) or {}).get("code", "USD")


@lru_cache(maxsize=1)
def timezone_names() -> dict[str, str]:
    return {str(t["id"]): t["name"] for t in statics()["timezones"]}


def country(country_id: str) -> dict | None:
    return _by_id("countries").get(str(country_id))


def date_format(date_format_id: str) -> str:
    found = _by_id("date_formats").get(str(date_format_id))
    return found["format"] if found else "Y-m-d"


def exchange_rate(from_currency: str, to_currency: str) -> Decimal:
    """How many `to` units one `from` unit buys, from the statics' rates per US dollar (1 when unknown)."""
    source, target = currency(from_currency), currency(to_currency)
    if not source or not target or not source.get("exchange_rate"):
        return Decimal(1)
    rate = Decimal(str(target["exchange_rate"])) / Decimal(str(source["exchange_rate"]))
    return rate.quantize(Decimal("0.000001"))


@lru_cache(maxsize=1)
def _gateways_by_key() -> dict[str, dict]:
    return {g["key"]: g for g in statics()["gateways"]}


def gateway(key) -> dict | None:
    """The payment gateway of the catalogue with this `key` (what clients send as `gateway_key`)."""
    return _gateways_by_key().get(key) if isinstance(key, str) else None
