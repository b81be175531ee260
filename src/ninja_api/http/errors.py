"""Upstream's error bodies and statuses, raised as exceptions and rendered in one place."""

from collections.abc import Mapping


class ApiError(Exception):
    def __init__(self, status: int, body: Mapping, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(body.get("message") if isinstance(body, Mapping) else str(body))
        self.status = status
        self.body = dict(body) if isinstance(body, Mapping) else body  # upstream answers some with a bare string
        self.headers = dict(headers or {})


def model_not_found(model_label: str) -> ApiError:
    return ApiError(400, {"message": f"No query results for model [App\\Models\\{model_label}]."})


def record_not_found(value: str) -> ApiError:
    return ApiError(400, {"message": f"Record with value {value} not found"})


def unauthorized() -> ApiError:
    return ApiError(401, {"message": "This action is unauthorized."})


def invalid_token() -> ApiError:
    return ApiError(403, {"message": "Invalid token", "errors": {}})


def record_deleted() -> ApiError:
    return ApiError(
        400,
        {"message": "Record is deleted and cannot be edited. Restore the record to enable editing"},
    )


def bad_request(message: str) -> ApiError:
    return ApiError(400, {"message": message})


class ValidationFailed(ApiError):
    """422 with Laravel's message bag: every field maps to a list of messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__(422, {"message": "The given data was invalid.", "errors": dict(errors)})
        self.errors = dict(errors)


def invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed({field: [message]})
