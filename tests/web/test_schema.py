"""Property-based check of the REST API against its own OpenAPI schema: no input yields a server error.

Schemathesis generates requests for every operation of /api/v1/openapi.json (valid and, through the
schema's constraints, edge-case values) and runs them against the app in-process. A few examples per
operation keep the run bounded; `derandomize` makes it reproducible.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def test_no_server_errors_on_any_operation(app):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    tried = []
    for op in operations:

        @SETTINGS
        @given(case=op.as_strategy())
        def run(case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        run()
        tried.append(f"{op.method.upper()} {op.path}")
    assert "POST /api/v1/extract" in tried and "GET /api/v1/pairs/{a}/{b}" in tried
