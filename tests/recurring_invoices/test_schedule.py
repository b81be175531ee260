"""The schedule arithmetic: frequencies, due dates, send moments, statuses (no database)."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Client, Company
from ninja_api.recurring import schedule


def settings_for(company_tz="34", **client_settings) -> ClientSettings:
    company = Company(id=1, settings={"timezone_id": company_tz, "entity_send_time": 6, "payment_terms": "14"},
                      stop_on_unpaid_recurring=False)
    return ClientSettings(None, company, Client(settings=client_settings))


@pytest.mark.parametrize("frequency, day, following", [
    (1, date(2024, 12, 31), date(2025, 1, 1)),
    (2, date(2024, 2, 26), date(2024, 3, 4)),
    (3, date(2024, 2, 20), date(2024, 3, 5)),
    (4, date(2024, 2, 1), date(2024, 2, 29)),
    (5, date(2024, 1, 31), date(2024, 2, 29)),
    (5, date(2023, 1, 31), date(2023, 2, 28)),
    (6, date(2024, 12, 31), date(2025, 2, 28)),
    (7, date(2024, 11, 30), date(2025, 2, 28)),
    (8, date(2024, 10, 31), date(2025, 2, 28)),
    (9, date(2024, 8, 31), date(2025, 2, 28)),
    (10, date(2024, 2, 29), date(2025, 3, 1)),
    (11, date(2024, 2, 29), date(2026, 3, 1)),
    (12, date(2023, 5, 5), date(2026, 5, 5)),
    (13, date(2024, 1, 1), None),
    ("5", date(2024, 1, 15), date(2024, 2, 15)),
])
def test_every_frequency(frequency, day, following):
    assert schedule.advance(day, frequency) == following


@pytest.mark.parametrize("rule, day, due", [
    ("terms", date(2024, 1, 20), date(2024, 2, 3)),
    ("", date(2024, 1, 20), date(2024, 2, 3)),
    ("0", date(2024, 1, 20), date(2024, 2, 3)),
    (None, date(2024, 1, 20), date(2024, 2, 3)),
    ("on_receipt", date(2024, 1, 20), date(2024, 1, 20)),
    ("25", date(2024, 1, 20), date(2024, 1, 25)),
    ("10", date(2024, 1, 20), date(2024, 2, 10)),
    ("20", date(2024, 1, 20), date(2024, 2, 20)),  # the same day moves a month on
    ("31", date(2024, 1, 31), date(2024, 2, 29)),
    ("31", date(2024, 2, 29), date(2024, 3, 31)),
    ("30", date(2024, 2, 29), date(2024, 3, 29)),  # clamped to the 29th first, as upstream
    ("30", date(2024, 1, 31), date(2024, 2, 29)),
    ("45", date(2024, 4, 3), date(2024, 4, 30)),
    ("-3", date(2024, 4, 3), date(2024, 5, 1)),
    ("nonsense", date(2024, 4, 3), None),
])
def test_due_dates(rule, day, due):
    assert schedule.due_date(settings_for(), rule, day) == due


def test_no_payment_terms_no_due_date():
    assert schedule.due_date(settings_for(payment_terms=""), "terms", date(2024, 1, 1)) == date(2024, 1, 15)
    company = Company(id=1, settings={"payment_terms": ""}, stop_on_unpaid_recurring=False)
    assert schedule.due_date(ClientSettings(None, company, Client(settings={})), "terms", date(2024, 1, 1)) is None


def test_send_moments():
    # 06:00 in the company's timezone; the client's send time wins; 0 means midnight UTC.
    assert schedule.send_moment(settings_for(), date(2024, 7, 1)) == datetime(2024, 7, 1, 6)
    assert schedule.send_moment(settings_for("37"), date(2024, 1, 10)) == datetime(2024, 1, 10, 5)
    assert schedule.send_moment(settings_for("37"), date(2024, 7, 10)) == datetime(2024, 7, 10, 4)
    assert schedule.send_moment(settings_for("15", entity_send_time=20), date(2024, 1, 10)) == datetime(2024, 1, 11, 1)
    assert schedule.send_moment(settings_for("37", entity_send_time=0), date(2024, 1, 10)) == datetime(2024, 1, 10)


def test_statuses():
    now = datetime(2024, 1, 1)

    def status(status_id, cycles, next_send=None, new=False):
        doc = SimpleNamespace(status_id=status_id, remaining_cycles=cycles, next_send_date=next_send)
        return schedule.calculated_status(doc, now, new=new)

    assert status(schedule.DRAFT, 0) == schedule.COMPLETED
    assert status(schedule.ACTIVE, None) == schedule.COMPLETED
    assert status(schedule.ACTIVE, 3, datetime(2024, 2, 1), new=True) == schedule.PENDING
    assert status(schedule.ACTIVE, 3, datetime(2024, 2, 1)) == schedule.ACTIVE
    assert status(schedule.COMPLETED, 2) == schedule.ACTIVE
    assert status(schedule.PAUSED, -1) == schedule.PAUSED
    assert [schedule.remaining_after_send(n) for n in (-1, 0, 1, 5, None)] == [-1, 0, 0, 4, 0]


def test_listed_dates_with_a_negative_offset():
    # Sydney: 06:00 local is the evening before in UTC, so upstream adds a day before moving on.
    doc = SimpleNamespace(status_id=schedule.ACTIVE, remaining_cycles=3, next_send_date=datetime(2024, 1, 30, 19),
                          next_send_date_client=datetime(2024, 1, 31), frequency_id=5, due_date_days="on_receipt")
    assert [d["send_date"] for d in schedule.listed_dates(doc, settings_for("105"))] == \
        ["2024-01-31", "2024-02-29", "2024-03-31"]
