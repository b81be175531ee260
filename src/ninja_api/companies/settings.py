"""Company settings model: defaults, key types, coercion, validation, PUT rebuild.

Behaviour follows upstream Invoice Ninja v5.11.48 (the company settings data
mapper, the two settings "savers" and the two settings validation rules). The
data (key order, default values, cast names) lives in ``settings_data.json``
next to this module; this module only holds the behaviour.

Inputs are the values *as the request layer hands them over*, i.e. after the
global normalisation (strings trimmed, ``""`` turned into ``None``). JSON
values are read the way PHP sees a decoded JSON body: a ``dict`` or ``list``
is a PHP array, never a PHP object.

Two code paths exist upstream and they differ on purpose:

* ``level="company"``: company store/update (``settings`` of ``/companies``).
* ``level="client"`` (or ``"group"``): client and group settings.
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

__all__ = [
    "SETTINGS_CASTS",
    "SETTINGS_KEYS",
    "UPSTREAM_CASTS",
    "client_settings_defaults",
    "coerce_settings",
    "company_defaults",
    "rebuild_company_settings",
    "sanitize_company_settings_input",
    "settings_error",
    "validate_settings",
]

_DATA: dict[str, Any] = json.loads(
    Path(__file__).with_name("settings_data.json").read_text(encoding="utf-8")
)

_DEFAULTS: dict[str, Any] = _DATA["defaults"]

#: Every company settings key, in upstream order.
SETTINGS_KEYS: tuple[str, ...] = tuple(_DEFAULTS)

#: Effective JSON type of every key as stored and rendered:
#: "string" | "bool" | "int" | "float" | "object" | "array".
#: (``*_id`` keys are strings, ``*_number_counter`` keys are ints.)
SETTINGS_CASTS: dict[str, str] = dict(_DATA["casts"])

#: Upstream's own cast table (cast names as upstream spells them: "int" and
#: "integer" both occur). Only these keys are ever type-checked or coerced;
#: ``translations`` is not among them. Iteration order is upstream's.
UPSTREAM_CASTS: dict[str, str] = dict(_DATA["upstream_casts"])

_STRING_CASTS = frozenset(_DATA["string_casts"])
_STRING_IDS = frozenset(_DATA["string_ids"])
_CLIENT_DEFAULTS: dict[str, Any] = _DATA["client_defaults"]
_EMAIL_STYLE_TOKENS: tuple[str, ...] = tuple(_DATA["email_style_custom_removed_tokens"])
_SORTED_CAST_KEYS = tuple(sorted(UPSTREAM_CASTS))

_LEVELS = ("company", "client", "group")


def company_defaults() -> dict[str, Any]:
    """The ``settings`` object of a brand-new company (a fresh deep copy)."""
    return copy.deepcopy(_DEFAULTS)


def client_settings_defaults() -> dict[str, Any]:
    """The sparse settings a new client starts from (before currency is added)."""
    return copy.deepcopy(_CLIENT_DEFAULTS)


# --------------------------------------------------------------------------
# PHP value semantics (only what the settings code relies on)
# --------------------------------------------------------------------------

_WS = " \t\n\r\v\f"
_NUM = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMERIC_RE = re.compile(rf"[{_WS}]*{_NUM}[{_WS}]*\Z")
_LEADING_RE = re.compile(rf"[{_WS}]*({_NUM})")
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_DIGITS_RE = re.compile(r"[0-9]+\Z")
_INT_MIN = -(2**63)
_INT_MAX = 2**63 - 1


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_numeric(v: Any) -> bool:
    """PHP 8 ``is_numeric``."""
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and _NUMERIC_RE.match(v) is not None


def _float_to_int(f: float) -> int:
    if math.isnan(f) or math.isinf(f):
        return 0
    i = int(f)
    if _INT_MIN <= i <= _INT_MAX:
        return i
    i %= 2**64  # out of range: PHP wraps around
    return i - 2**64 if i > _INT_MAX else i


def _numeric_str_value(s: str) -> int | float:
    """Value of a numeric (or leading-numeric) string, as PHP reads it."""
    s = s.strip(_WS)
    if _INT_RE.match(s):
        i = int(s)
        if _INT_MIN <= i <= _INT_MAX:
            return i
    return float(s)


def _to_int(v: Any) -> int:
    """PHP ``(int)`` / ``settype(..., 'integer')``."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return _float_to_int(v)
    if isinstance(v, str):
        m = _LEADING_RE.match(v)
        if m is None:
            return 0
        n = _numeric_str_value(m.group(1))
        if isinstance(n, int):
            return n
        if math.isinf(n) or n >= 2**63:
            return _INT_MAX  # strings saturate
        if n < _INT_MIN:
            return _INT_MIN
        return _float_to_int(n)
    if isinstance(v, (list, dict)):
        return 1 if v else 0
    return 0


def _to_float(v: Any) -> float:
    """PHP ``floatval``."""
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        m = _LEADING_RE.match(v)
        return float(m.group(1)) if m else 0.0
    if isinstance(v, (list, dict)):
        return 1.0 if v else 0.0
    return 0.0


def _float_str(f: float) -> str:
    """PHP 8 float to string conversion (``precision`` = 14)."""
    if math.isnan(f):
        return "NAN"
    if math.isinf(f):
        return "INF" if f > 0 else "-INF"
    if f == 0:
        return "-0" if math.copysign(1.0, f) < 0 else "0"
    sign = "-" if f < 0 else ""
    mantissa, exponent = f"{abs(f):.13e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    decpt = int(exponent) + 1
    if decpt < -3 or decpt > 14:
        e = decpt - 1
        return f"{sign}{digits[0]}.{digits[1:] or '0'}E{'+' if e >= 0 else '-'}{abs(e)}"
    if decpt <= 0:
        return f"{sign}0.{'0' * -decpt}{digits}"
    if len(digits) <= decpt:
        return sign + digits + "0" * (decpt - len(digits))
    return f"{sign}{digits[:decpt]}.{digits[decpt:]}"


def _to_str(v: Any) -> str:
    """PHP string conversion / ``settype(..., 'string')``."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "1" if v else ""
    if v is None:
        return ""
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _float_str(v)
    return "Array"


def _to_bool(v: Any) -> bool:
    """PHP truthiness / ``settype(..., 'bool')``."""
    if isinstance(v, str):
        return v not in ("", "0")
    if isinstance(v, (list, dict)):
        return bool(v)
    return bool(v)


def _to_object(v: Any) -> dict[str, Any]:
    """PHP ``settype(..., 'object')`` of a request value."""
    if isinstance(v, dict):
        return v
    if isinstance(v, list):
        return {str(i): x for i, x in enumerate(v)}
    if v is None:
        return {}
    return {"scalar": v}


def _filter_bool(v: Any) -> bool:
    """``filter_var($v, FILTER_VALIDATE_BOOLEAN)`` (false on failure)."""
    if isinstance(v, bool):
        return v
    if v is None or isinstance(v, (list, dict)):
        return False
    return _to_str(v).strip(" \t\r\v\n").lower() in ("1", "true", "on", "yes")


def _strlen(v: Any) -> int:
    if isinstance(v, (list, dict)):
        # upstream raises a TypeError (HTTP 500) here; treat as non-empty
        return 1
    return len(_to_str(v).encode("utf-8"))


def _blank(v: Any) -> bool:
    """``!isset($v) || $v == ''`` with PHP 8 loose comparison."""
    return v is None or v is False or v == ""


def _settype(v: Any, cast: str) -> Any:
    if cast in ("int", "integer"):
        return _to_int(v)
    if cast == "float":
        return _to_float(v)
    if cast == "string":
        return _to_str(v)
    if cast == "bool":
        return _to_bool(v)
    if cast == "object":
        return _to_object(v)
    return v


def _int_check_loose(v: Any) -> bool:
    """Company saver: ``ctype_digit(strval(abs((int) $v)))``."""
    return _to_int(v) != _INT_MIN


def _int_check_strict(v: Any) -> bool:
    """Validators and client saver: ``is_numeric($v) && ctype_digit(strval(abs($v)))``."""
    if not _is_numeric(v):
        return False
    n = _numeric_str_value(v) if isinstance(v, str) else v
    if isinstance(n, int):
        return n != _INT_MIN
    return _DIGITS_RE.match(_float_str(abs(n))) is not None


def _str_check(v: Any) -> bool:
    """Savers and client validator: a string or null."""
    return v is None or isinstance(v, str)


def _str_check_company_rule(v: Any) -> bool:
    """Company validator: anything but an integer."""
    return not _is_int(v)


def _float_check(v: Any) -> bool:
    return not isinstance(v, str) and (isinstance(v, float) or _is_numeric(_to_str(v)))


def _check(cast: str, v: Any, *, string_check, int_check) -> bool:
    if cast in ("int", "integer"):
        return int_check(v)
    if cast == "float":
        return _float_check(v)
    if cast == "string":
        return string_check(v)
    if cast == "bool":
        return isinstance(v, bool) or _filter_bool(v)
    # "object": a decoded request value is never a PHP object
    return False


def _php_request(v: Any) -> Any:
    """Deep copy of a JSON value as PHP decodes it.

    ``{}`` becomes ``[]`` (an empty PHP array) and integers outside the
    64-bit range become floats.
    """
    if isinstance(v, dict):
        return {k: _php_request(x) for k, x in v.items()} if v else []
    if isinstance(v, list):
        return [_php_request(x) for x in v]
    if _is_int(v) and not _INT_MIN <= v <= _INT_MAX:
        return float(v)
    return v


def _as_settings_object(values: Any) -> dict[str, Any]:
    """``(object) $settings``."""
    if isinstance(values, dict):
        return dict(values)
    if isinstance(values, list):
        return {str(i): x for i, x in enumerate(values)}
    if values is None:
        return {}
    return {"scalar": values}


def _is_terms_key(key: str, s: dict[str, Any]) -> bool:
    return key in ("payment_terms", "valid_until") and key in s and _strlen(s[key]) >= 1


def _check_level(level: str) -> str:
    if level not in _LEVELS:
        raise ValueError(f"level must be one of {_LEVELS}, not {level!r}")
    return level


# --------------------------------------------------------------------------
# Coercion
# --------------------------------------------------------------------------


def _coerce_company(s: dict[str, Any]) -> dict[str, Any]:
    for key, cast in UPSTREAM_CASTS.items():
        if key in _STRING_CASTS:
            if key in s:
                if _str_check(s[key]):
                    s[key] = _to_str(s[key])
                else:
                    del s[key]
            continue
        if key.endswith("_id") or key.endswith("number_counter"):
            if key in s:
                v = s[key]
                ok = _str_check(v) if key in _STRING_IDS else _int_check_loose(v)
                if not ok:
                    del s[key]
                elif key.endswith("_id"):
                    s[key] = _to_str(v)
                else:
                    s[key] = _to_int(v)
            continue
        if key == "pdf_variables":
            # upstream creates the key when it is missing: it ends up as {}
            s[key] = _to_object(s.get(key))
            continue
        if cast == "float" and key in s:
            s[key] = _to_float(s[key])
        if key not in s or _blank(s[key]):
            continue
        if _check(cast, s[key], string_check=_str_check, int_check=_int_check_loose):
            s[key] = _settype(s[key], cast)
        else:
            del s[key]
    return s


def _coerce_client(s: dict[str, Any]) -> dict[str, Any]:
    for key, cast in UPSTREAM_CASTS.items():
        if cast == "float" and key in s:
            s[key] = _to_float(s[key])
        terms = _is_terms_key(key, s)
        if key.endswith("_id") or key.endswith("number_counter") or terms:
            if key in s:
                v = s[key]
                if not _int_check_strict(v):
                    del s[key]
                elif key.endswith("_id") or terms:
                    s[key] = _to_str(v)
                else:
                    s[key] = _to_int(v)
            continue
        if key not in s or _blank(s[key]):
            continue
        if _check(cast, s[key], string_check=_str_check, int_check=_int_check_strict):
            s[key] = _settype(s[key], cast)
        else:
            del s[key]
    return s


def coerce_settings(values: dict[str, Any], *, level: str = "client") -> dict[str, Any]:
    """Upstream's type coercion of a sent settings object (returns a new dict).

    ``level="client"``/``"group"`` (the default): keys ending in ``_id`` and
    ``*_number_counter``, plus ``payment_terms``/``valid_until`` when
    non-empty, must look like integers (``"30"``, ``30``, ``30.0``, ``"-3"``);
    ids and terms are stored as strings, counters as ints, anything else is
    dropped. This includes the hashed design ids, which the client path
    drops (upstream quirk). Float keys become floats (``"abc"`` -> ``0.0``),
    bool keys accept ``true``/``1``/``"1"``/``"true"``/``"on"``/``"yes"``
    (dropped otherwise, except ``false`` which is kept as is), string keys
    drop ints, floats and ``true``. ``None``/``""``/``false`` values of
    plain keys are left untouched, as are keys upstream has no cast for.

    ``level="company"``: the company saver's variant. Integer-typed keys
    accept anything scalar (``(int)`` cast; ``_id`` keys keep the string
    form, so ``"abc"`` survives: the validator is what rejects it), the
    hashed design ids and ``besr_id``/``gmail_sending_user_id`` etc. must be
    strings, ``payment_terms``/``valid_until`` are plain string keys (an
    int is dropped) and ``pdf_variables`` is always present afterwards (an
    object; ``{}`` when it was not sent).
    """
    level = _check_level(level)
    s = _as_settings_object(_php_request(values))
    return _coerce_company(s) if level == "company" else _coerce_client(s)


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def _first_error_company(s: dict[str, Any]) -> tuple[str, str, Any] | None:
    for key in _SORTED_CAST_KEYS:
        cast = UPSTREAM_CASTS[key]
        if cast == "float" and key in s:
            s[key] = _to_float(s[key])
        if key in _STRING_CASTS:
            if key in s and not _str_check_company_rule(s[key]):
                return key, "string", s[key]
            continue
        if key.endswith("_id") or key.endswith("number_counter") or _is_terms_key(key, s):
            if key in s:
                if key in _STRING_IDS:
                    if not _str_check_company_rule(s[key]):
                        return key, "string", s[key]
                elif not _int_check_strict(s[key]):
                    return key, "integer", s[key]
            continue
        if key == "pdf_variables":
            continue
        if key not in s or _blank(s[key]):
            continue
        if not _check(
            cast, s[key], string_check=_str_check_company_rule, int_check=_int_check_strict
        ):
            return key, cast, s[key]
    return None


def _first_error_client(s: dict[str, Any]) -> tuple[str, str, Any] | None:
    s.pop("translations", None)
    s.pop("pdf_variables", None)
    for key in list(s):
        v = s[key]
        if v is None or (not isinstance(v, (list, dict)) and _strlen(v) == 0):
            del s[key]
    for key in _SORTED_CAST_KEYS:
        cast = UPSTREAM_CASTS[key]
        if cast == "float" and key in s:
            s[key] = _to_float(s[key])
        if key in _STRING_CASTS:
            if key in s and not _str_check(s[key]):
                return key, "string", s[key]
            continue
        if key.endswith("_id") or key.endswith("number_counter") or _is_terms_key(key, s):
            if key in s and not _int_check_strict(s[key]):
                return key, "integer", s[key]
            continue
        if key not in s or _blank(s[key]):
            continue
        if not _check(cast, s[key], string_check=_str_check, int_check=_int_check_strict):
            return key, cast, s[key]
    return None


def settings_error(values: Any, *, level: str = "company") -> str | None:
    """The single error message upstream reports for ``values``, or None.

    Upstream stops at the first failing key, taking keys in alphabetical order.
    Company: ``"<key> is not a valid <type> ( <value as PHP prints it> )"``;
    client/group: ``"<key> is not a valid <type>"``. ``<type>`` is upstream's
    cast name (``integer`` for ids, counters and terms; ``int`` or ``integer``
    for other numbers, ``bool``, ``string``).
    """
    level = _check_level(level)
    s = _as_settings_object(_php_request(values))
    if level == "company":
        err = _first_error_company(s)
        if err is None:
            return None
        key, cast, value = err
        return f"{key} is not a valid {cast} ( {_to_str(value)} )"
    err = _first_error_client(s)
    if err is None:
        return None
    key, cast, _ = err
    return f"{key} is not a valid {cast}"


def validate_settings(values: Any, *, level: str = "company") -> dict[str, list[str]]:
    """Validation errors for a sent ``settings`` object, keyed like upstream.

    Returns ``{}`` when valid, else ``{"settings": [message]}`` (one message;
    the 422 body is ``{"message": "The given data was invalid.", "errors":
    <this>}``). ``level="company"`` is the company store/update rule,
    ``"client"``/``"group"`` the client and group rule (see
    :func:`settings_error`). Float keys never fail; bools must be ``true``,
    ``1``, ``"1"``, ``"true"``, ``"on"`` or ``"yes"`` (``false``/null/``""``
    are skipped, so ``"false"`` and ``0`` fail); string keys fail on ints.
    """
    message = settings_error(values, level=level)
    return {} if message is None else {"settings": [message]}


# --------------------------------------------------------------------------
# Company PUT
# --------------------------------------------------------------------------


def sanitize_company_settings_input(settings: dict[str, Any]) -> dict[str, Any]:
    """Request-side clean-up of company ``settings`` before validation.

    Self-hosted behaviour of the company store/update requests: blade and
    script tokens are removed from ``email_style_custom``; a ``company_logo``
    longer than 2 characters gets ``https://`` prepended unless it contains
    ``http``. (Hosted-only filtering is not applied.) Returns a new dict.
    """
    s = dict(settings)
    css = s.get("email_style_custom")
    if css is not None and not isinstance(css, (list, dict)):
        css = _to_str(css)
        for token in _EMAIL_STYLE_TOKENS:
            css = css.replace(token, "")
        s["email_style_custom"] = css
    logo = s.get("company_logo")
    if logo is not None and not isinstance(logo, (list, dict)) and _strlen(logo) > 2:
        logo = _to_str(logo)
        s["company_logo"] = logo if "http" in logo.lower() else f"https://{logo}"
    return s


def rebuild_company_settings(
    sent: Any, current: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The stored company settings after a store/update that sent ``sent``.

    Upstream rebuilds the object from the defaults plus the keys sent:

    * a falsy ``sent`` (absent, null, ``{}``) leaves the settings unchanged:
      a copy of ``current`` is returned (the defaults when ``current`` is None);
    * the sent values are coerced (``coerce_settings(level="company")``);
      values of the wrong type are dropped, so those keys take the default;
    * every key not sent is reset to its default (counters included), except
      ``pdf_variables``, which becomes ``{}`` when not sent;
    * ``None`` becomes ``""`` (top level and inside ``translations``);
    * unknown keys are kept, appended after the known ones in sent order;
    * an empty JSON object anywhere in a sent value is stored as ``[]`` (PHP
      decodes ``{}`` to an empty array), e.g. ``"translations": {}`` -> ``[]``.

    Validate first (:func:`validate_settings`); coercion assumes that passed.
    """
    if not _to_bool(sent):
        return copy.deepcopy(current) if current is not None else company_defaults()
    if not isinstance(sent, (dict, list)):
        sent = [sent]  # the request casts settings to an array first
    s = _coerce_company(_as_settings_object(_php_request(sent)))
    result = company_defaults()
    for key, value in s.items():
        result[key] = "" if value is None else value
    if "translations" in s:
        translations = s["translations"]
        if isinstance(translations, dict):
            translations = {k: "" if v is None else v for k, v in translations.items()}
        elif isinstance(translations, list):
            translations = ["" if v is None else v for v in translations]
        elif translations is None:
            translations = ""  # upstream fails with a server error here
        result["translations"] = translations
    return result
