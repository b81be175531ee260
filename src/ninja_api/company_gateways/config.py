"""A company gateway's `config`: JSON text of the gateway's settings, as upstream keeps and renders it.

Upstream stores the text encrypted and renders it decrypted, so clients always see the text itself.
When a client sends a JSON object, upstream lays it over the catalogue gateway's default `fields`
and re-encodes it with PHP's `json_encode` (slashes escaped, non-ASCII as \\uXXXX); any other text
is kept as sent.
"""

import json

from ninja_api.statics.data import gateway as catalogue_gateway

EMPTY = "{}"  # what the factory stores: an empty object


def php_json(value) -> str:
    """PHP's json_encode without flags: compact, `/` escaped, whole floats without a fraction."""

    def plain(item):
        if isinstance(item, float) and item.is_integer() and abs(item) < 2 ** 53:
            return int(item)
        if isinstance(item, dict):
            return {k: plain(v) for k, v in item.items()}
        if isinstance(item, list):
            return [plain(v) for v in item]
        return item

    return json.dumps(plain(value), separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


def as_object(text) -> dict | None:
    """The JSON object the text holds, or None (not JSON, or JSON that is no object)."""
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def php_truthy(value) -> bool:
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def defaults_of(gateway_key: str) -> dict:
    found = catalogue_gateway(gateway_key)
    return dict(as_object((found or {}).get("fields", "")) or {})


def merged(gateway_key: str, sent) -> str:
    """The text to store for a sent config: an object laid over the gateway's defaults, or the text itself."""
    sent_object = as_object(sent)
    if sent_object is None:
        return sent
    config = defaults_of(gateway_key)
    config.update(sent_object)
    return php_json(config)


def with_values(text: str, **values) -> str:
    """The config with some keys set (when it holds an object; other text is left alone)."""
    config = as_object(text)
    if config is None:
        return text
    config.update(values)
    return php_json(config)


def test_mode(gateway_key: str, text: str | None) -> bool:
    """Upstream's isTestMode: a Stripe publishable key with `test` after its start, or a truthy `testMode`."""
    config = as_object(text)
    if config is None:
        return False
    found = catalogue_gateway(gateway_key) or {}
    if found.get("provider") == "Stripe" and "publishableKey" in config:
        key = config["publishableKey"]
        if isinstance(key, str) and key.find("test") > 0:
            return True
    return php_truthy(config.get("testMode"))
