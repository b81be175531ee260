"""Field rules declared once: the validator checks them (with Laravel's messages) and the OpenAPI
document states them as JSON Schema constraints, so the two cannot disagree."""

from dataclasses import dataclass

from ninja_api.http.validation import Errors, as_int, as_text, attribute

ALWAYS, ON_CREATE = "always", "create"


@dataclass(frozen=True)
class Rule:
    field: str
    # ALWAYS: every save must send it; ON_CREATE: a create must, an update may leave it out.
    # Either way a null is refused (the column is NOT NULL).
    required: str | None = None
    kind: str = "text"  # text | integer
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    # The values it may take; "" counts as not sent (Laravel turns empty strings into nulls).
    enum: tuple[str, ...] | None = None

    def check(self, data: dict, errors: Errors, creating: bool) -> None:
        value = data.get(self.field)
        if self.enum is not None and value == "":
            value = None
        if value is None:
            sent = self.field in data
            if self.required == ALWAYS or (self.required == ON_CREATE and (creating or sent)):
                errors.required(self.field)
            return
        name = attribute(self.field)
        if self.enum is not None:
            if not isinstance(value, str) or value not in self.enum:
                errors.invalid_choice(self.field)
        elif self.kind == "text":
            text = as_text(value)
            if text is None:
                errors.must_be(self.field, "a string")
            elif self.max_length is not None and len(text) > self.max_length:
                errors.add(self.field, f"The {name} must not be greater than {self.max_length} characters.")
        else:
            number = as_int(value)
            if number is None:
                errors.must_be(self.field, "an integer")
            elif self.minimum is not None and number < self.minimum:
                errors.add(self.field, f"The {name} must be at least {self.minimum}.")
            elif self.maximum is not None and number > self.maximum:
                errors.add(self.field, f"The {name} must not be greater than {self.maximum}.")

    def json_schema(self) -> dict:
        """The constraints OpenAPI can state (the JSON type is the serializer's)."""
        out: dict = {}
        if self.enum is not None:
            out["enum"] = list(self.enum)
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


def check(rules: tuple[Rule, ...], data: dict, errors: Errors, creating: bool) -> None:
    for rule in rules:
        rule.check(data, errors, creating)
