"""User-designed templates: HTML whose `<ninja>` blocks hold Twig-style markup.

Designs are written by users and run on the server, so the blocks render in Jinja's sandbox with
only the tags, filters and functions upstream's Twig sandbox allows. Twig and Jinja share their
syntax for these (`{% for %}`, `{% if %}`, `{% set %}`, `{{ a.b|filter(x) }}`, `~`, `loop.*`);
the Twig-only filters are written here.
"""

import html
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jinja2 import ChainableUndefined, TemplateError, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ninja_api import formatting
from ninja_api.statics.data import currencies_by_code, currency

_BLOCK = re.compile(r"<ninja>(.*?)</ninja>", re.IGNORECASE | re.DOTALL)
PARTS = ("includes", "header", "body", "footer")


class TemplateFailed(Exception):
    """The design's markup could not be compiled or rendered; the message says where."""


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value if value not in (None, "", False) else 0))
    except InvalidOperation:
        return Decimal(0)


def _format_currency(value, code: str = "USD") -> str:
    """Twig's format_currency in the English locale: symbol first, two-way grouping."""
    found = currency(currencies_by_code().get(str(code).upper(), "")) or {}
    precision = int(found.get("precision", 2))
    text = formatting.number(_decimal(value), precision)
    symbol = found.get("symbol") or str(code).upper()
    return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"


def _format_number(value, *args, **kwargs) -> str:
    """English grouping, at most three decimals and no trailing zeros, as ICU's default pattern."""
    number = _decimal(value).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    text = formatting.number(number, 3)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_percent_number(value, *args, **kwargs) -> str:
    return _format_number(_decimal(value) * 100) + "%"


def _number_format(value, decimals: int = 0, decimal_point: str = ".", thousands: str = ",") -> str:
    return formatting.number(_decimal(value), int(decimals), decimal_point, thousands)


def _as_date(value) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value)
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _date(value, fmt: str = "F j, Y") -> str:
    """Twig's date filter: PHP format letters; text that is not a date stays as it is."""
    moment = _as_date(value) if value not in (None, "") else datetime.now()
    if moment is None:
        return str(value)
    clock = {"H": f"{moment.hour:02d}", "G": str(moment.hour), "i": f"{moment.minute:02d}",
             "s": f"{moment.second:02d}", "A": moment.strftime("%p"), "a": moment.strftime("%p").lower()}
    return "".join(clock.get(ch) or formatting.day(moment.date(), ch) for ch in fmt)


def _sum(rows, column: str | None = None):
    if not isinstance(rows, Iterable) or isinstance(rows, (str, Mapping)):
        return 0
    values = (row.get(column) if isinstance(row, Mapping) else row for row in rows)
    return sum((_decimal(v) for v in values), Decimal(0))


def _merge(left, right):
    if isinstance(left, Mapping):
        return {**left, **dict(right or {})}
    return list(left or []) + list(right or [])


def _translate(key) -> str:
    # Upstream looks the key up in its translation catalogue; its English labels are the
    # key's words capitalised, which is what this gives.
    return " ".join(word.capitalize() for word in str(key).split("_"))


def _img(src, style: str = "") -> Markup:
    return Markup('<img src="{}" style="{}">').format(src, style)


class _Empty(ChainableUndefined):
    """A name the data lacks renders as nothing, as in Twig's non-strict mode."""

    def __str__(self) -> str:
        return ""


@pass_context
def _cycle(context, values, position: int):
    values = list(values or [])
    return values[int(position) % len(values)] if values else ""


class _Sandbox(ImmutableSandboxedEnvironment):
    def unsafe_undefined(self, obj, attribute):
        # Twig's sandbox stops the template; a silent blank would hide the attempt.
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} is not allowed")


def _environment() -> ImmutableSandboxedEnvironment:
    env = _Sandbox(autoescape=True, undefined=_Empty, loader=None)
    allowed = ("escape", "e", "upper", "lower", "capitalize", "length", "join", "first", "map", "default")
    env.filters = {name: env.filters[name] for name in allowed if name in env.filters}
    env.filters.update({
        "format_currency": _format_currency, "format_number": _format_number,
        "format_percent_number": _format_percent_number, "number_format": _number_format,
        "date": _date, "sum": _sum, "merge": _merge,
    })
    env.globals = {"range": range, "cycle": _cycle, "t": _translate, "img": _img, "date": _as_date}
    env.tests["empty"] = lambda value: not value
    return env


_ENV = _environment()


def _render_block(source: str, data: Mapping) -> str:
    # Designs are edited as HTML, so an operator inside a block may arrive as `&gt;`.
    try:
        return _ENV.from_string(html.unescape(source)).render(data)
    except TemplateError as exc:
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise TemplateFailed(f"{exc.message or type(exc).__name__}{where}") from exc
    except Exception as exc:  # whatever the user's markup does at run time (1/0, 'a' + 1, include)
        raise TemplateFailed(f"{type(exc).__name__}: {exc}") from exc


def compose(design: Mapping) -> str:
    return "".join(str(design.get(part) or "") for part in PARTS)


def render(design: Mapping, data: Mapping, variables: Mapping[str, str] | None = None) -> str:
    """The design's HTML with its blocks rendered from `data` and `$variables` replaced."""
    document = _BLOCK.sub(lambda m: _render_block(m.group(1), data), compose(design))
    for name in sorted(variables or {}, key=len, reverse=True):
        # Longest first, so `$invoice.number` is not read as `$invoice` then `.number`.
        document = document.replace(name, str(escape(variables[name])))
    return document
