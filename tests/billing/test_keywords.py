"""Date keywords in document text, read as upstream's processReservedKeywords reads them."""

from datetime import date, datetime

import pytest

from ninja_api.billing.keywords import expand, expand_at
from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Client, Company

DAY = date(2024, 3, 31)


@pytest.mark.parametrize("text, resolved", [
    ("Hosting :MONTH :YEAR", "Hosting March 2024"),
    (":MONTH+1 and :MONTH-1", "April and February"),
    (":MONTH+10", "January"),
    (":MONTH-3", "December"),
    (":YEAR+1 / :YEAR-1", "2025 / 2023"),
    (":QUARTER", "Q1"),
    (":QUARTER+1", "2"),  # arithmetic on the quarter gives its bare number, as upstream
    (":MONTHYEAR", "March 2024"),
    (":MONTHYEAR+1 and :MONTHYEAR-3", "April 2024 and December 2023"),
    ("[MONTHYEAR|MONTHYEAR+2] :YEAR", "March 2024 to May 2024 2024"),
    ("[MONTHYEAR|MONTHYEAR] :YEAR", "March 2024 to March 2024 2024"),
    ("[MONTHYEAR|MONTHYEAR-1] :YEAR", "March 2024 to  2024"),
    ("[MONTHYEAR|MONTHYEAR+2]", "[MONTHYEAR|MONTHYEAR+2]"),  # no ':' keyword: upstream returns early
    (":WEEK", "31/Mar/2024 to 06/Apr/2024"),
    (":WEEK_BEFORE | :WEEK_AHEAD", "24/Mar/2024 to 30/Mar/2024 | 07/Apr/2024 to 13/Apr/2024"),
    # Months never overflow: 31 March less a month is 29 February.
    (":MONTH_BEFORE", "29/Feb/2024 to 30/Mar/2024"),
    (":MONTH_AFTER", "31/Mar/2024 to 29/Apr/2024"),
    (":YEAR_BEFORE", "31/Mar/2023 to 30/Mar/2024"),
    (":YEAR_AFTER", "31/Mar/2024 to 30/Mar/2025"),
    # Upstream's token reading: ":MONTH-" then ":MONTH+1", the dash consumed.
    (":MONTH-:MONTH+1", "MarchApril"),
    (":MONTH - :MONTH+1", "March - April"),
    ("at 10:30, :MONTH.", "at 10:30, March."),
    (":month stays", ":month stays"),
    (":MONTHLY", "MarchLY"),
    ("<p>:MONTH</p>", "<p>March</p>"),
    ("", ""),
])
def test_keywords(text, resolved):
    assert expand_at(text, DAY, "d/M/Y") == resolved


def test_dates_use_the_client_timezone_and_date_format(session, tenant):
    company = session.get(Company, tenant.company.id)
    client = Client(company_id=company.id, user_id=tenant.user.id,
                    settings={"timezone_id": "105", "date_format_id": "5"})  # Sydney, "M j, Y"
    settings = ClientSettings(None, company, client)
    # 20:00 UTC on 31 March is 1 April in Sydney.
    assert expand(":MONTH, :WEEK", settings, datetime(2024, 3, 31, 20)) == "April, Apr 1, 2024 to Apr 7, 2024"
    assert expand(None, settings, datetime(2024, 3, 31)) == ""
