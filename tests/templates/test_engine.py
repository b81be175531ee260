"""The template engine alone: blocks, Twig-style filters, the sandbox, `$variables`."""

from decimal import Decimal

import pytest

from ninja_api.templates import engine


def render(body: str, data: dict | None = None, variables: dict | None = None) -> str:
    return engine.render({"body": body}, data or {}, variables)


def test_parts_compose_in_upstream_order_and_only_blocks_are_rendered():
    design = {"footer": "<p>F</p>", "body": "<ninja>{{ 1 + 1 }}</ninja> {{ 3 }}", "header": "<h1>H</h1>",
              "includes": "<style>p{}</style>", "product": "ignored", "task": "ignored"}
    assert engine.render(design, {}) == "<style>p{}</style><h1>H</h1>2 {{ 3 }}<p>F</p>"


def test_loop_over_invoices_with_twig_filters():
    invoices = [{"number": "0001", "amount_raw": Decimal("1234.5")}, {"number": "0002", "amount_raw": Decimal("10")}]
    body = ("<ninja>{% for invoice in invoices %}{{ loop.index }}:{{ invoice.number }}="
            "{{ invoice.amount_raw|format_currency(currency_code) }};{% endfor %}"
            "total {{ invoices|sum('amount_raw')|number_format(2, ',', '.') }}</ninja>")
    assert render(body, {"invoices": invoices, "currency_code": "EUR"}) == \
        "1:0001=€1,234.50;2:0002=€10.00;total 1.244,50"


def test_number_filters_follow_twig():
    assert render("<ninja>{{ 1234.5678|format_number }} {{ 0.255|format_percent_number }} "
                  "{{ 3|format_number }} {{ -5.5|format_currency('USD') }}</ninja>") == "1,234.568 25.5% 3 -$5.50"


def test_date_filter_takes_php_formats():
    assert render("<ninja>{{ '2024-03-05'|date('d/m/Y') }} {{ '2024-03-05 14:07:09'|date('Y-m-d H:i') }} "
                  "{{ 'not a date'|date('Y') }}</ninja>") == "05/03/2024 2024-03-05 14:07 not a date"


def test_values_are_escaped_and_img_and_t_helpers_work():
    body = "<ninja>{{ name }} {{ img('https://x.test/a.png', 'width:10px') }} {{ t('balance_due') }}</ninja>"
    assert render(body, {"name": "<b>&</b>"}) == \
        '&lt;b&gt;&amp;&lt;/b&gt; <img src="https://x.test/a.png" style="width:10px"> Balance Due'


def test_html_entities_inside_a_block_are_read_as_operators():
    assert render("<ninja>{% if 2 &gt; 1 %}yes{% endif %}</ninja>") == "yes"


def test_missing_names_render_empty_and_merge_and_empty_test_work():
    body = "<ninja>[{{ nothing.here }}]{{ ([1]|merge([2]))|join('-') }}{% if [] is empty %} E{% endif %}</ninja>"
    assert render(body) == "[]1-2 E"


def test_variables_outside_blocks_are_replaced_longest_first_and_escaped():
    assert render("$invoice.number / $invoice / $client.name", variables={
        "$invoice": "X", "$invoice.number": "0007", "$client.name": "A & B"}) == "0007 / X / A &amp; B"


@pytest.mark.parametrize("body", [
    "<ninja>{{ ''.__class__.__mro__ }}</ninja>",            # attribute escape: the sandbox refuses it
    "<ninja>{% include 'x' %}</ninja>",                      # no loader: nothing to include
    "<ninja>{{ 'a'|wordcount }}</ninja>",                    # filters outside upstream's allow list
    "<ninja>{% for x in %}</ninja>",                         # syntax error
])
def test_unsafe_or_broken_blocks_fail_with_a_message(body):
    with pytest.raises(engine.TemplateFailed) as failure:
        render(body)
    assert str(failure.value)
