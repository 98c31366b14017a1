"""The API's page for people (`/docs`): the OpenAPI description rendered by our own template.

FastAPI's own documentation pages load Swagger UI or ReDoc from a CDN; this register loads
nothing from the web, so the same description (`/api/openapi.json`) is turned here into
plain view models: each operation with its parameters, body, answers and whether a token
may sign it, and each schema with its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from armstrace.web.dependencies import Reader, render, settings_of

router = APIRouter(include_in_schema=False)

_REF = "#/components/schemas/"


@dataclass(frozen=True)
class FieldDoc:
    """A parameter of an operation or a field of a schema."""

    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass(frozen=True)
class OperationDoc:
    """One operation: method, path, what it does, what it takes and answers."""

    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[FieldDoc, ...]
    body: str | None
    responses: tuple[tuple[str, str], ...]
    token: bool

    @property
    def anchor(self) -> str:
        """Return the id of the operation's section on the page."""
        return f"{self.method.lower()}-{self.path.strip('/').replace('/', '-')}".replace(
            "{", "").replace("}", "")


@dataclass(frozen=True)
class SchemaDoc:
    """One schema of the description, with its fields."""

    name: str
    description: str
    fields: tuple[FieldDoc, ...]


@router.get("/docs", response_class=HTMLResponse)
def api_page(request: Request, reader: Reader) -> HTMLResponse:
    """Show the JSON API for people: every operation, its parameters, body and answers."""
    description = request.app.openapi()
    # The example's address: the one configured, never the request's Host header.
    base_url = settings_of(request).base_url or "http://127.0.0.1:8000/"
    return render(request, "api.html", {
        "title": "API", "info": description.get("info", {}), "base_url": base_url,
        "operations": operations_of(description), "schemas": schemas_of(description),
    })


def operations_of(description: dict[str, Any]) -> list[OperationDoc]:
    """Return the description's operations, in the order of its paths."""
    found = []
    for path, methods in description.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            text = operation.get("description", "")
            found.append(OperationDoc(
                method=method.upper(), path=path,
                # The docstring's first line: FastAPI's summary is the function's name.
                summary=text.split("\n\n")[0].replace("\n", " ") or operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=tuple(FieldDoc(
                    name=parameter["name"], where=parameter.get("in", ""),
                    required=bool(parameter.get("required")),
                    type=type_text(parameter.get("schema", {})),
                    description=parameter.get("description", ""))
                    for parameter in operation.get("parameters", ())),
                body=type_text(body["schema"]) if body else None,
                responses=tuple((code, answer.get("description", ""))
                                for code, answer in operation.get("responses", {}).items()),
                token=bool(operation.get("security")),
            ))
    return found


def schemas_of(description: dict[str, Any]) -> list[SchemaDoc]:
    """Return the description's schemas with their fields, by name."""
    schemas = description.get("components", {}).get("schemas", {})
    found = []
    for name in sorted(schemas):
        schema = schemas[name]
        required = set(schema.get("required", ()))
        found.append(SchemaDoc(name=name, description=schema.get("description", ""),
                               fields=tuple(FieldDoc(
                                   name=field, where="", required=field in required,
                                   type=type_text(value),
                                   description=value.get("description", ""))
                                   for field, value in schema.get("properties", {}).items())))
    return found


def type_text(schema: dict[str, Any]) -> str:
    """Return a schema's type in words: `string (at most 200)`, `list of Deal`, `one of: …`."""
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(_REF)
    if "anyOf" in schema:
        kinds = [type_text(option) for option in schema["anyOf"]]
        return " or ".join(kind for kind in kinds if kind != "null") + (
            " or null" if "null" in kinds else "")
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"list of {type_text(schema.get('items', {}))}"
    limits = [f"{label} {schema[key]}" for key, label in (
        ("minimum", "from"), ("maximum", "to"), ("maxLength", "at most"))
        if key in schema]
    shown = schema.get("format", kind)
    return f"{shown} ({', '.join(limits)})" if limits else shown
