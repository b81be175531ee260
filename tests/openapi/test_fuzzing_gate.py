"""The fuzzing gate: schemathesis sends generated requests to every operation of the spec, with a
company's token, and each answer must be no 5xx, a documented status and content type, and a
body that matches the stated schema (errors too, in upstream's shape).

Bounded for CI (SQLite only, a fixed seed, FUZZ_EXAMPLES examples an operation). A long run:
    FUZZ_EXAMPLES=200 .venv/bin/python -m pytest --db sqlite tests/openapi/test_fuzzing_gate.py
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from ninja_api.webhooks import delivery
from ninja_api.openapi import DEFAULT_PATH

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
# Operations that reach the world outside (mail, bank aggregators, a release server, a webhook's
# target) or a job of minutes (imports): their own tests fake the other side.
OUTSIDE = "|".join((
    r"/email", r"/self-update", r"/bank_integrations/(refresh_accounts|get_transactions|remove_account)",
    r"/webhooks/.*(retry|resend)", r"/import", r"/preimport", r"/reports", r"/support/messages",
))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The operations come from the committed document (one test each); the requests go to the test's
# app, on the test's database.
schema = schemathesis.openapi.from_path(str(DEFAULT_PATH))


@schema.exclude(path_regex=OUTSIDE).parametrize()
@seed(20240607)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck), database=None)
def test_every_operation_answers_as_the_spec_says(case, app, database_url, tenant, monkeypatch):
    if not database_url.startswith("sqlite"):
        pytest.skip("the gate runs on SQLite; the other databases run the behaviour tests")
    # Mail goes to the app's memory transport; webhook deliveries (to generated URLs) go nowhere.
    monkeypatch.setattr(delivery, "deliver_due", lambda *args, **kwargs: {})
    # A loaded CI machine (2 cores, several suites) has answered in more than schemathesis' 10 s.
    case.call_and_validate(app=app, headers=tenant.headers, checks=CHECKS, timeout=120)
