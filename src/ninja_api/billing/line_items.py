"""Line items as upstream stores them: every key present, in order, numbers exact.

Numbers are kept as decimal strings inside the stored JSON so they never pass through float;
the serializer turns them into JSON numbers.
"""

from decimal import Decimal

from ninja_api.calc import LineItemResult
from ninja_api.http.rendering import declares, money
from ninja_api.http.validation import as_decimal

NUMBERS = ("quantity", "net_cost", "cost", "product_cost", "discount", "tax_rate1", "tax_rate2", "tax_rate3",
           "line_total", "gross_line_total", "tax_amount")
FIELDS: tuple[tuple[str, object], ...] = (
    ("quantity", "0"), ("net_cost", "0"), ("cost", "0"), ("product_key", ""), ("product_cost", "0"), ("notes", ""),
    ("discount", "0"), ("is_amount_discount", False), ("tax_name1", ""), ("tax_rate1", "0"), ("tax_name2", ""),
    ("tax_rate2", "0"), ("tax_name3", ""), ("tax_rate3", "0"), ("sort_id", "0"), ("line_total", "0"),
    ("gross_line_total", "0"), ("tax_amount", "0"), ("date", ""), ("custom_value1", ""), ("custom_value2", ""),
    ("custom_value3", ""), ("custom_value4", ""), ("type_id", "1"), ("tax_id", "1"), ("task_id", ""),
    ("expense_id", ""), ("unit_code", "C62"),
)
_KNOWN = {name for name, _ in FIELDS}
_SANITISED = ("notes", "product_key", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
_SCRIPTY = ("</sc", "onerror", "prompt(", "alert(")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


def _number(value) -> str:
    number = as_decimal(value)
    # Upstream casts with (float): anything non-numeric becomes 0.
    return format(number if number is not None else Decimal(0), "f")


def clean(items) -> list[dict]:
    if not isinstance(items, list):
        return []
    cleaned = []
    for item in items:
        if not isinstance(item, dict):
            continue
        out: dict = {}
        for name, default in FIELDS:
            value = item.get(name)
            if name in NUMBERS:
                out[name] = _number(value) if value is not None else default
            elif name == "is_amount_discount":
                out[name] = value in (True, 1, "1", "true")
            elif value is None:
                out[name] = default
            else:
                out[name] = _text(value)
        if out["type_id"] == "0":
            out["type_id"] = "1"
        if item.get("tax_id") == "" or ("tax_id" in item and item["tax_id"] is None):
            out["tax_id"] = "2" if out["type_id"] == "2" else "1"
        for name in _SANITISED:
            for bad in _SCRIPTY:
                out[name] = out[name].replace(bad, "<-")
        for key, value in item.items():
            if key not in _KNOWN and key not in ("id", "_id"):
                out[key] = value
        cleaned.append(out)
    return cleaned


def apply_results(items: list[dict], results: tuple[LineItemResult, ...], inclusive: bool, precision: int) -> list[dict]:
    updated = []
    for item, result in zip(items, results):
        item = dict(item)
        item["line_total"] = format(result.line_total, "f")
        item["gross_line_total"] = format(result.gross_line_total, "f")
        item["tax_amount"] = format(result.tax_amount, "f")
        item["is_amount_discount"] = result.is_amount_discount
        cost = Decimal(item["cost"])
        quantity = Decimal(item["quantity"])
        if inclusive and quantity:
            net = ((result.line_total - result.tax_amount) / quantity).quantize(Decimal(1).scaleb(-precision))
            item["net_cost"] = format(net, "f")
        else:
            item["net_cost"] = format(cost, "f")
        updated.append(item)
    return updated


def _item_schema() -> dict:
    """Every stored key, typed as `render` sends it; keys a client added are kept as sent."""
    def typed(name: str) -> dict:
        if name in NUMBERS:
            return {"type": "number"}
        return {"type": "boolean"} if name == "is_amount_discount" else {"type": "string"}

    return {"type": "object", "properties": {name: typed(name) for name, _ in FIELDS},
            "required": [name for name, _ in FIELDS], "additionalProperties": True}


@declares({"type": "array", "items": _item_schema()})
def render(items: list[dict] | None) -> list[dict]:
    out = []
    for item in items or []:
        rendered = dict(item)
        for name in NUMBERS:
            if name in rendered:
                rendered[name] = money(Decimal(str(rendered[name])))
        out.append(rendered)
    return out
