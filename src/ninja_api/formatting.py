"""Money and dates as a client reads them: currency symbol, separators, precision."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ninja_api.statics.data import country, currency


def _grouped(digits: str, separator: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def number(value: Decimal, precision: int, decimal_separator: str = ".", thousand_separator: str = ",") -> str:
    """PHP's number_format: rounded half away from zero, grouped by thousands."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = _grouped(whole, thousand_separator)
    if precision > 0:
        text += decimal_separator + fraction.ljust(precision, "0")
    return sign + text


def money(value: Decimal, currency_id: str, country_id: str | None = None, *, show_code: bool = False) -> str:
    """Upstream's formatMoney: the country's separators and symbol placement win over the currency's."""
    found = currency(str(currency_id)) or currency("1")
    thousand, decimal = found["thousand_separator"], found["decimal_separator"]
    swap = bool(found.get("swap_currency_symbol"))
    place = country(str(country_id)) if country_id else None
    if place:
        thousand = place.get("thousand_separator") or thousand
        decimal = place.get("decimal_separator") or decimal
        swap = swap or bool(place.get("swap_currency_symbol"))
    text = number(value, int(found["precision"]), decimal, thousand)
    code, symbol = found["code"], found["symbol"]
    if show_code:
        return f"{code} {text}" if code == "CHF" else f"{text} {code}"
    if swap:
        return f"{text} {symbol.strip()}"
    if text.startswith("-"):
        return f"-{symbol}{text[1:]}"
    return f"{symbol}{text}"


def day(value: date | None, date_format: str = "Y-m-d") -> str:
    """A date in one of upstream's PHP date formats (the ones its settings offer)."""
    if value is None:
        return ""
    replacements = {"d": f"{value.day:02d}", "j": str(value.day), "m": f"{value.month:02d}", "n": str(value.month),
                    "Y": f"{value.year:04d}", "y": f"{value.year % 100:02d}", "M": value.strftime("%b"),
                    "F": value.strftime("%B"), "D": value.strftime("%a"), "l": value.strftime("%A")}
    return "".join(replacements.get(ch, ch) for ch in date_format)
