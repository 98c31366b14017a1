"""Property tests of the JSON API against its own OpenAPI schema (schemathesis).

Every operation gets up to 25 generated requests, valid and invalid; each response
must match the schema (status code, content type, body) and none may be a 5xx.
(Parametrised by hand: schemathesis' lazy pytest fixture does not run on pytest 9.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from armstrace.web import create_app

from .conftest import SECRET

# Query fields read as names (`armstrace.filters`): an unknown name is a 422.
NAME_FIELDS = ("supplier", "recipient", "weapon")
OPERATIONS = [
    ("GET", "/api/documents"),
    ("GET", "/api/documents/{document_id}"),
    ("GET", "/api/records"),
    ("GET", "/api/deals"),
    ("GET", "/api/deals/{deal_id}"),
    ("GET", "/api/search"),
    ("GET", "/api/states/{iso3}"),
    ("GET", "/api/weapons/{name}"),
    ("GET", "/api/network"),
    ("GET", "/api/log"),
    ("POST", "/api/records/{record_id}/review"),
]


@pytest.fixture(scope="module")
def api_schema(register_db: Path) -> Any:
    app = create_app(str(register_db), secret_key=SECRET)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_every_operation_is_tested(api_schema: Any) -> None:
    found = [(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()]

    assert sorted(found) == sorted(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_follows_its_schema(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        # `since` after `until` (`from_year` after `to_year`) is refused with 422 (a
        # cross-field rule OpenAPI cannot state), and so is a party or weapon name that
        # names nothing the catalogues or the register know (`armstrace.filters`): for
        # those requests only, schema-valid data may be rejected.
        query = case.query or {}
        reversed_range = any(
            low in query and high in query and _after(query[low], query[high])
            for low, high in (("since", "until"), ("from_year", "to_year")))
        names = [field for field in NAME_FIELDS if query.get(field)]
        response = case.call_and_validate(
            excluded_checks=[positive_data_acceptance] if reversed_range or names else [])
        if reversed_range:
            assert response.status_code == 422
        elif response.status_code == 422 and names:
            assert {error["loc"][-1] for error in response.json()["detail"]} <= set(names)

    check()


def _after(low: Any, high: Any) -> bool:
    """Return whether a range's start is after its end (dates as text, years as numbers)."""
    if isinstance(low, int) and isinstance(high, int):
        return low > high
    return str(low) > str(high)
