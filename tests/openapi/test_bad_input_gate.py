"""Bad input: schemathesis' negative data (bodies and query values that break the spec's schemas)
to every operation that takes a body or list parameters. Each answer must be no 5xx, a
documented status, and, when it is a 4xx, upstream's error shape: `{"message": ...}` (with
`"errors": {field: [text...]}` for a 422), as `api-conventions.md` describes.

Bounded for CI (SQLite only, fixed seed, BAD_INPUT_EXAMPLES examples an operation). A long run:
    BAD_INPUT_EXAMPLES=100 .venv/bin/python -m pytest --db sqlite tests/openapi/test_bad_input_gate.py
"""

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from ninja_api.openapi import DEFAULT_PATH
from ninja_api.webhooks import delivery
from tests.openapi.test_fuzzing_gate import OUTSIDE

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "2"))

schema = schemathesis.openapi.from_path(str(DEFAULT_PATH))
schema.config.generation.update(modes=[GenerationMode.NEGATIVE])


def _takes_input(ctx) -> bool:
    raw = ctx.operation.definition.raw
    return "requestBody" in raw or any(p["in"] == "query" and p["name"] != "include"
                                       for p in raw.get("parameters", []))


def upstream_error_shape(ctx, response, case):
    """A refusal is upstream's JSON: a message, and for a 422 the failed fields' messages."""
    if not 400 <= response.status_code < 500:
        return None
    body = json.loads(response.content)
    if response.status_code == 422:
        assert set(body) == {"message", "errors"}, body
        assert isinstance(body["message"], str) and isinstance(body["errors"], dict), body
        assert body["errors"], "a 422 names the fields it refuses"
        for field, messages in body["errors"].items():
            assert isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages), \
                (field, messages)
    else:
        # Upstream's refusals: {"message": ...}, or its errorResponse {"error": ...} (403, 400).
        message = body.get("message", body.get("error")) if isinstance(body, dict) else body
        assert isinstance(message, (str, dict)) and message, body
    return True


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, upstream_error_shape]


@schema.include(func=_takes_input).exclude(path_regex=OUTSIDE).parametrize()
@seed(20240608)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck), database=None)
def test_bad_input_gets_upstreams_refusal(case, app, database_url, tenant, monkeypatch):
    if not database_url.startswith("sqlite"):
        pytest.skip("the gate runs on SQLite; the other databases run the behaviour tests")
    monkeypatch.setattr(delivery, "deliver_due", lambda *args, **kwargs: {})
    case.call_and_validate(app=app, headers=tenant.headers, checks=CHECKS, timeout=120)


class _Answer:
    def __init__(self, status_code: int, body: dict) -> None:
        self.status_code, self.content = status_code, json.dumps(body).encode()


def test_the_shape_check_refuses_what_upstream_never_sends():
    valid = {"message": "The given data was invalid.", "errors": {"name": ["The name field is required."]}}
    assert upstream_error_shape(None, _Answer(422, valid), None) is True
    for wrong in ({"message": "The given data was invalid.", "errors": {}}, {"detail": "x"},
                  {**valid, "errors": {"name": "The name field is required."}}):
        with pytest.raises(AssertionError):
            upstream_error_shape(None, _Answer(422, wrong), None)
    assert upstream_error_shape(None, _Answer(403, {"error": "Insufficient permissions"}), None) is True
    with pytest.raises(AssertionError):
        upstream_error_shape(None, _Answer(404, {"detail": "Not Found"}), None)
    assert upstream_error_shape(None, _Answer(200, {"data": []}), None) is None
