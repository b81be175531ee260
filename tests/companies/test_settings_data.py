"""Company settings model: upstream v5.11.48 defaults, casts, coercion, validation."""

import json
from pathlib import Path

import pytest

from ninja_api.companies import settings as S

DATA_FILE = Path(S.__file__).with_name("settings_data.json")

# --------------------------------------------------------------------------
# defaults
# --------------------------------------------------------------------------


def test_key_count_and_order():
    d = S.company_defaults()
    assert len(d) == 254
    assert list(d)[:6] == [
        "auto_archive_invoice",
        "qr_iban",
        "besr_id",
        "lock_invoices",
        "enable_client_portal_tasks",
        "show_all_tasks_client_portal",
    ]
    assert list(d)[-4:] == [
        "email_template_payment_failed",
        "enable_client_profile_update",
        "preference_product_notes_for_html_view",
        "unlock_invoice_documents_after_payment",
    ]
    keys = list(d)
    # a few relative positions from the upstream declaration order
    assert keys.index("translations") == keys.index("quote_footer") + 1
    assert keys.index("counter_number_applied") < keys.index("invoice_number_pattern")
    assert keys.index("country_id") == keys.index("email") + 1
    assert S.SETTINGS_KEYS == tuple(keys)


def test_data_file_layout():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert list(raw)[:2] == ["defaults", "casts"]
    assert list(raw["casts"]) == list(raw["defaults"])
    assert set(raw["casts"].values()) <= {"string", "bool", "int", "float", "object", "array"}


@pytest.mark.parametrize(
    "key,value",
    [
        ("currency_id", "1"),
        ("country_id", "840"),
        ("language_id", "1"),
        ("timezone_id", "1"),
        ("date_format_id", "1"),
        ("portal_design_id", "1"),
        ("payment_type_id", "0"),
        ("reset_counter_frequency_id", "0"),
        ("endless_reminder_frequency_id", "0"),
        ("default_expense_payment_type_id", "0"),
        ("gmail_sending_user_id", "0"),
        ("counter_padding", 4),
        ("invoice_design_id", "Wpmbk5ezJn"),
        ("quote_design_id", "Wpmbk5ezJn"),
        ("credit_design_id", "Wpmbk5ezJn"),
        ("purchase_order_design_id", "Wpmbk5ezJn"),
        ("statement_design_id", ""),
        ("delivery_note_design_id", ""),
        ("counter_number_applied", "when_saved"),
        ("quote_number_applied", "when_saved"),
        ("inclusive_taxes", False),
        ("entity_send_time", 6),
        ("payment_terms", ""),
        ("valid_until", ""),
        ("military_time", False),
        ("lock_invoices", "off"),
        ("auto_bill", "off"),
        ("auto_bill_date", "on_due_date"),
        ("use_credits_payment", "off"),
        ("use_unapplied_payment", "off"),
        ("auto_convert_quote", True),
        ("auto_email_invoice", True),
        ("send_reminders", True),
        ("enable_client_portal", True),
        ("client_manual_payment_notification", True),
        ("client_online_payment_notification", True),
        ("email_sending_method", "default"),
        ("email_style", "light"),
        ("mailgun_endpoint", "api.mailgun.net"),
        ("email_alignment", "center"),
        ("page_size", "A4"),
        ("page_layout", "portrait"),
        ("page_numbering_alignment", "C"),
        ("font_size", 16),
        ("primary_font", "Roboto"),
        ("secondary_font", "Roboto"),
        ("primary_color", "#298AAB"),
        ("secondary_color", "#7081e0"),
        ("e_invoice_type", "EN16931"),
        ("e_quote_type", "OrderX_Comfort"),
        ("show_all_tasks_client_portal", "invoiced"),
        ("payment_flow", "smooth"),
        ("task_round_up", True),
        ("task_round_to_nearest", 1),
        ("show_email_footer", True),
        ("enable_email_markup", True),
        ("allow_billable_task_items", True),
        ("sync_invoice_quote_columns", True),
        ("show_pdfhtml_on_mobile", True),
        ("enable_client_profile_update", True),
        ("preference_product_notes_for_html_view", True),
        ("default_task_rate", 0),
        ("tax_rate1", 0),
        ("tax_name1", ""),
        ("invoice_taxes", 0),
        ("reminder_send_time", 0),
        ("num_days_reminder1", 0),
        ("schedule_reminder1", ""),
        ("recurring_number_prefix", ""),
        ("reset_counter_date", ""),
        ("shared_invoice_quote_counter", False),
        ("name", ""),
        ("translations", {}),
    ],
)
def test_default_values(key, value):
    d = S.company_defaults()
    assert d[key] == value
    assert type(d[key]) is type(value)


def test_counters_and_patterns():
    d = S.company_defaults()
    entities = [
        "invoice", "recurring_invoice", "quote", "client", "credit", "task", "expense",
        "recurring_expense", "recurring_quote", "vendor", "ticket", "payment", "project",
        "purchase_order",
    ]
    for e in entities:
        assert d[f"{e}_number_pattern"] == ""
        assert d[f"{e}_number_counter"] == 1 and type(d[f"{e}_number_counter"]) is int
    assert len([k for k in d if k.endswith("_number_counter")]) == len(entities)


def test_pdf_variables_default():
    pv = S.company_defaults()["pdf_variables"]
    assert list(pv)[:3] == ["client_details", "vendor_details", "purchase_order_details"]
    assert len(pv) == 18
    assert pv["product_columns"] == [
        "$product.item", "$product.description", "$product.unit_cost", "$product.quantity",
        "$product.discount", "$product.tax", "$product.line_total",
    ]
    assert pv["statement_details"] == ["$statement_date", "$balance"]
    assert pv["total_columns"][-1] == "$outstanding"


def test_defaults_are_json_types_matching_casts():
    d = S.company_defaults()
    py = {str: "string", bool: "bool", int: "int", dict: "object"}
    for k, v in d.items():
        assert v is not None, k
        t = py[type(v)]
        if S.SETTINGS_CASTS[k] == "float":
            assert v == 0 and t == "int", k  # upstream literal 0, renders as 0
        else:
            assert t == S.SETTINGS_CASTS[k], k


def test_company_defaults_is_deep_copy():
    a = S.company_defaults()
    a["pdf_variables"]["client_details"].append("$x")
    a["translations"]["invoice"] = "Tax Invoice"
    b = S.company_defaults()
    assert "$x" not in b["pdf_variables"]["client_details"]
    assert b["translations"] == {}


def test_client_settings_defaults():
    c = S.client_settings_defaults()
    assert c == {"entity": "App\\Models\\Client", "industry_id": "", "size_id": ""}
    assert list(c) == ["entity", "industry_id", "size_id"]
    c["size_id"] = "3"
    assert S.client_settings_defaults()["size_id"] == ""


# --------------------------------------------------------------------------
# casts
# --------------------------------------------------------------------------


def test_casts():
    c = S.SETTINGS_CASTS
    assert len(c) == 254
    for k in c:
        if k.endswith("_id"):
            assert c[k] == "string", k
        if k.endswith("_number_counter"):
            assert c[k] == "int", k
    assert c["translations"] == "object" and c["pdf_variables"] == "object"
    for k in ("default_task_rate", "tax_rate1", "late_fee_amount1", "late_fee_percent3",
              "late_fee_endless_amount", "client_portal_under_payment_minimum",
              "client_initiated_payments_minimum", "quote_late_fee_amount1"):
        assert c[k] == "float", k
    assert sum(1 for v in c.values() if v == "float") == 16
    assert c["inclusive_taxes"] == "bool" and c["counter_padding"] == "int"
    assert c["payment_terms"] == "string" and c["valid_until"] == "string"
    # upstream's own table: every key except translations, upstream spellings
    assert "translations" not in S.UPSTREAM_CASTS and len(S.UPSTREAM_CASTS) == 253
    assert S.UPSTREAM_CASTS["counter_padding"] == "integer"
    assert S.UPSTREAM_CASTS["font_size"] == "int"
    assert S.UPSTREAM_CASTS["endless_reminder_frequency_id"] == "integer"


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------


def test_defaults_are_valid():
    assert S.validate_settings(S.company_defaults()) == {}
    assert S.validate_settings(S.company_defaults(), level="client") == {}
    assert S.validate_settings({}) == {}


@pytest.mark.parametrize(
    "values,message",
    [
        ({"currency_id": "abc"}, "currency_id is not a valid integer ( abc )"),
        ({"currency_id": None}, "currency_id is not a valid integer (  )"),
        ({"currency_id": True}, "currency_id is not a valid integer ( 1 )"),
        ({"country_id": "8.5"}, "country_id is not a valid integer ( 8.5 )"),
        ({"invoice_number_counter": "x"}, "invoice_number_counter is not a valid integer ( x )"),
        ({"payment_terms": "abc"}, "payment_terms is not a valid integer ( abc )"),
        ({"valid_until": "1.5"}, "valid_until is not a valid integer ( 1.5 )"),
        ({"counter_padding": 4.5}, "counter_padding is not a valid integer ( 4.5 )"),
        ({"font_size": "big"}, "font_size is not a valid int ( big )"),
        ({"name": 5}, "name is not a valid string ( 5 )"),
        ({"invoice_design_id": 2}, "invoice_design_id is not a valid string ( 2 )"),
        ({"gmail_sending_user_id": 7}, "gmail_sending_user_id is not a valid string ( 7 )"),
        ({"inclusive_taxes": "false"}, "inclusive_taxes is not a valid bool ( false )"),
        ({"inclusive_taxes": 0}, "inclusive_taxes is not a valid bool ( 0 )"),
        ({"send_reminders": "no"}, "send_reminders is not a valid bool ( no )"),
        ({"auto_bill_standard_invoices": [1]},
         "auto_bill_standard_invoices is not a valid bool ( Array )"),
    ],
)
def test_company_validation_failures(values, message):
    assert S.validate_settings(values) == {"settings": [message]}


def test_company_validation_reports_first_key_alphabetically():
    bad = {"timezone_id": "x", "currency_id": "y", "auto_bill": 3}
    assert S.validate_settings(bad) == {"settings": ["auto_bill is not a valid string ( 3 )"]}


@pytest.mark.parametrize(
    "values",
    [
        {"currency_id": "2"},
        {"currency_id": 2},
        {"currency_id": "-3"},
        {"currency_id": 5.0},
        {"currency_id": "1e3"},
        {"payment_terms": ""},
        {"payment_terms": None},
        {"payment_terms": "30"},
        {"payment_terms": 0},
        {"valid_until": "14"},
        {"default_task_rate": "not a number"},  # float keys never fail
        {"tax_rate1": "abc"},
        {"inclusive_taxes": True},
        {"inclusive_taxes": False},
        {"inclusive_taxes": None},
        {"inclusive_taxes": "yes"},
        {"inclusive_taxes": "on"},
        {"inclusive_taxes": 1},
        {"inclusive_taxes": "1"},
        {"name": True},  # only ints fail the company string check
        {"name": 1.5},
        {"name": ""},
        {"font_size": "12"},
        {"font_size": ""},
        {"gmail_sending_user_id": "abc"},
        {"besr_id": "123 456"},
        {"pdf_variables": "whatever"},
        {"translations": 5},
        {"unknown_key": {"a": 1}},
    ],
)
def test_company_validation_passes(values):
    assert S.validate_settings(values) == {}


@pytest.mark.parametrize(
    "values,message",
    [
        ({"currency_id": "abc"}, "currency_id is not a valid integer"),
        ({"gmail_sending_user_id": "abc"}, "gmail_sending_user_id is not a valid integer"),
        ({"payment_receipt_design_id": "Wpmbk5ezJn"},
         "payment_receipt_design_id is not a valid integer"),
        ({"payment_terms": "net 30"}, "payment_terms is not a valid integer"),
        ({"name": 5}, "name is not a valid string"),
        ({"name": True}, "name is not a valid string"),
        ({"send_reminders": "off"}, "send_reminders is not a valid bool"),
        ({"send_reminders": 0}, "send_reminders is not a valid bool"),
        ({"entity_send_time": "7.5"}, "entity_send_time is not a valid int"),
    ],
)
def test_client_validation_failures(values, message):
    assert S.validate_settings(values, level="client") == {"settings": [message]}


@pytest.mark.parametrize(
    "values",
    [
        {"currency_id": ""},
        {"currency_id": None},
        {"send_reminders": False},
        {"invoice_design_id": "Wpmbk5ezJn"},
        {"pdf_variables": 5, "translations": 5},
        {"entity": "App\\Models\\Client", "industry_id": "", "size_id": "", "currency_id": "1"},
    ],
)
def test_client_validation_passes(values):
    assert S.validate_settings(values, level="client") == {}


def test_validation_rejects_unknown_level():
    with pytest.raises(ValueError):
        S.validate_settings({}, level="account")


# --------------------------------------------------------------------------
# coercion
# --------------------------------------------------------------------------


def test_client_coercion():
    out = S.coerce_settings(
        {
            "entity": "App\\Models\\Client",
            "currency_id": 1,
            "language_id": "2",
            "country_id": "abc",
            "payment_terms": 30,
            "valid_until": "",
            "invoice_number_counter": "12",
            "quote_number_counter": 3.0,
            "default_task_rate": "12.5",
            "tax_rate1": 10,
            "send_reminders": "true",
            "enable_reminder1": "false",
            "enable_reminder2": False,
            "name": 5,
            "website": "x.com",
            "font_size": "14",
            "invoice_design_id": "Wpmbk5ezJn",
            "counter_padding": "3",
            "entity_send_time": 3.9,
        }
    )
    assert out == {
        "entity": "App\\Models\\Client",
        "currency_id": "1",
        "language_id": "2",
        "payment_terms": "30",
        "valid_until": "",
        "invoice_number_counter": 12,
        "quote_number_counter": 3,
        "default_task_rate": 12.5,
        "tax_rate1": 10.0,
        "send_reminders": True,
        "enable_reminder2": False,
        "website": "x.com",
        "font_size": 14,
        "counter_padding": 3,
    }
    assert type(out["tax_rate1"]) is float


def test_client_coercion_ids_and_terms_are_strings():
    out = S.coerce_settings(
        {"currency_id": 5.0, "payment_terms": "-1", "timezone_id": None, "size_id": None}
    )
    # size_id is not a company settings key: upstream leaves it alone
    assert out == {"currency_id": "5", "payment_terms": "-1", "size_id": None}


def test_coercion_does_not_mutate_input():
    sent = {"currency_id": 1, "name": 5}
    S.coerce_settings(sent)
    S.coerce_settings(sent, level="company")
    assert sent == {"currency_id": 1, "name": 5}


def test_company_coercion():
    out = S.coerce_settings(
        {
            "currency_id": 3,
            "client_number_counter": "a",
            "quote_number_counter": 1.2,
            "invoice_design_id": "Wpmbk5ezJn",
            "quote_design_id": 2,
            "gmail_sending_user_id": 4,
            "payment_terms": 30,
            "reset_counter_date": 1,
            "default_task_rate": "a",
            "tax_rate2": "10.0",
            "tax_rate3": "10.5",
            "show_accept_invoice_terms": "TRUE",
            "enable_client_portal_tasks": "FALSE",
            "inclusive_taxes": False,
        },
        level="company",
    )
    assert out == {
        "currency_id": "3",
        "client_number_counter": 0,
        "quote_number_counter": 1,
        "invoice_design_id": "Wpmbk5ezJn",
        "default_task_rate": 0.0,
        "tax_rate2": 10.0,
        "tax_rate3": 10.5,
        "show_accept_invoice_terms": True,
        "inclusive_taxes": False,
        "pdf_variables": {},
    }


# --------------------------------------------------------------------------
# company PUT rebuild
# --------------------------------------------------------------------------


def test_rebuild_resets_unsent_keys_to_defaults():
    current = S.company_defaults()
    current["invoice_number_counter"] = 57
    current["name"] = "Old"
    full = S.company_defaults()
    out = S.rebuild_company_settings({"name": "Acme", "pdf_variables": full["pdf_variables"]}, current)
    expected = S.company_defaults()
    expected["name"] = "Acme"
    assert out == expected
    assert out["invoice_number_counter"] == 1
    assert list(out) == list(S.SETTINGS_KEYS)


def test_rebuild_full_object_round_trips():
    sent = S.company_defaults()
    sent["translations"] = {"invoice": "Tax Invoice"}
    sent["invoice_number_counter"] = 9
    sent["tax_rate1"] = 7.5
    out = S.rebuild_company_settings(sent)
    assert out == sent
    assert list(out) == list(sent)


def test_rebuild_null_becomes_empty_string():
    out = S.rebuild_company_settings(
        {"reset_counter_date": None, "currency_id": None, "invoice_number_counter": None,
         "tax_rate1": None, "translations": {"invoice": None}}
    )
    assert out["reset_counter_date"] == ""
    assert out["currency_id"] == ""
    assert out["invoice_number_counter"] == 0
    assert out["tax_rate1"] == 0.0
    assert out["translations"] == {"invoice": ""}


def test_rebuild_drops_wrong_types_to_default():
    out = S.rebuild_company_settings(
        {"reset_counter_date": 1, "payment_terms": 30, "enable_reminder1": "false",
         "invoice_design_id": 5, "name": "X"}
    )
    d = S.company_defaults()
    assert out["reset_counter_date"] == ""
    assert out["payment_terms"] == ""
    assert out["enable_reminder1"] is False
    assert out["invoice_design_id"] == d["invoice_design_id"]
    assert S.rebuild_company_settings({"reset_counter_date": "1/1/2000"})["reset_counter_date"] == "1/1/2000"


def test_rebuild_quirks_pdf_variables_translations_unknown_keys():
    out = S.rebuild_company_settings({"name": "A", "zzz": 1, "translations": {}})
    assert out["pdf_variables"] == {}  # not sent -> {} (not the default columns)
    assert out["translations"] == []  # PHP decodes {} to an empty array
    assert list(out)[-1] == "zzz" and out["zzz"] == 1
    assert len(out) == 255


def test_rebuild_with_nothing_sent_keeps_current():
    current = S.company_defaults()
    current["name"] = "Keep"
    assert S.rebuild_company_settings({}, current) == current
    assert S.rebuild_company_settings(None, current) is not current
    assert S.rebuild_company_settings(None) == S.company_defaults()


def test_sanitize_company_settings_input():
    out = S.sanitize_company_settings_input(
        {"email_style_custom": "<p>{{ $x }}</p>@php echo 1; @endphp<script>", "company_logo": "cdn.x.com/a.png"}
    )
    assert out["email_style_custom"] == "<p> $x </p> echo 1; ript>"
    assert out["company_logo"] == "https://cdn.x.com/a.png"
    assert S.sanitize_company_settings_input({"company_logo": "HTTP://a/b"})["company_logo"] == "HTTP://a/b"
    assert S.sanitize_company_settings_input({"company_logo": "ab"})["company_logo"] == "ab"


def test_react_style_full_put_after_request_normalisation():
    # the request layer turns "" into None before the settings code sees it
    sent = {k: (None if v == "" else v) for k, v in S.company_defaults().items()}
    assert S.validate_settings(sent) == {}
    out = S.rebuild_company_settings(sent)
    d = S.company_defaults()
    assert list(out) == list(d)
    for k in d:
        if S.SETTINGS_CASTS[k] == "float":
            assert out[k] == 0 and type(out[k]) is float
        elif k == "translations":
            assert out[k] == []
        else:
            assert out[k] == d[k] and type(out[k]) is type(d[k]), k
