"""Company gateway rules: upstream's Store/UpdateCompanyGatewayRequest, its factory, controller and
observer. Only the configuration is stored; no payment provider is ever called. Never commits.

Ours, where upstream fails with a server error instead: a missing `gateway_key` on create, a
`fees_and_limits` that is no map of objects, a `config` that is neither text nor an object, and
values of the wrong type for the flags, the card mask and the text columns are 422s; an update
without `config` leaves the config alone; a `gateway_key` sent on update must be of the catalogue.
"""

from sqlalchemy.orm import Session

from ninja_api.company_gateways import config, fees, repository
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_int, as_text, attribute
from ninja_api.models import CompanyGateway
from ninja_api.models.base import utcnow
from ninja_api.statics.data import gateway as catalogue_gateway

FLAGS = (
    "require_cvv", "require_billing_address", "require_shipping_address", "require_client_name",
    "require_postal_code", "require_client_phone", "require_contact_name", "require_contact_email",
    "require_custom_value1", "require_custom_value2", "require_custom_value3", "require_custom_value4",
    "update_details", "always_show_required_fields",
)
TEXTS = {"custom_value1": 191, "custom_value2": 191, "custom_value3": 191, "custom_value4": 191, "label": 255}
TOKEN_BILLING = ("off", "always", "optin", "optout")
# The CBA PowerBoard gateway: upstream turns on Visa and MasterCard in the config of a new one.
POWERBOARD = "b67581d804dbad1743b61c57285142ad"


def blank(session: Session, ctx: AuthContext) -> CompanyGateway:
    """CompanyGatewayFactory (unsaved): no address required, an empty config, required fields shown."""
    return CompanyGateway(company_id=ctx.company_id, user_id=ctx.user_id, gateway_key="",
                          require_billing_address=False, require_shipping_address=False,
                          config=config.EMPTY, always_show_required_fields=True)


# --- validation -------------------------------------------------------------------------------


def _check_gateway_key(errors: Errors, data: dict, creating: bool) -> None:
    if "gateway_key" not in data and not creating:
        return
    value = data.get("gateway_key")
    if value is None or value == "":
        errors.required("gateway_key")
    elif not (isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).isalnum()):
        errors.add("gateway_key", "The gateway key must only contain letters and numbers.")
    elif catalogue_gateway(str(value)) is None:
        errors.invalid_choice("gateway_key")


def validate(data: dict, creating: bool) -> None:
    errors = Errors()
    _check_gateway_key(errors, data, creating)
    if "fees_and_limits" in data and data["fees_and_limits"] is not None:
        value = data["fees_and_limits"]
        if fees.entries(value) is None:
            errors.must_be("fees_and_limits", "an array")
        else:
            message = fees.problem(value)
            if message:
                errors.add("fees_and_limits", message)
    if data.get("config") is not None and not isinstance(data["config"], (str, dict)):
        errors.must_be("config", "a string")
    if data.get("accepted_credit_cards") is not None:
        number = as_int(data["accepted_credit_cards"])
        if number is None or isinstance(data["accepted_credit_cards"], bool):
            errors.must_be("accepted_credit_cards", "an integer")
        elif not 0 <= number < 2 ** 32:
            errors.add("accepted_credit_cards", f"The accepted credit cards must be between 0 and {2 ** 32 - 1}.")
    for field in FLAGS:
        if data.get(field) is not None and as_bool(data[field]) is None:
            errors.add(field, f"The {attribute(field)} field must be true or false.")
    for field, limit in TEXTS.items():
        value = data.get(field)
        if value is None:
            continue
        if as_text(value) is None:
            errors.must_be(field, "a string")
        elif len(as_text(value)) > limit:
            errors.add(field, f"The {attribute(field)} must not be greater than {limit} characters.")
    value = data.get("token_billing")
    if value is not None and value != "disabled" and value not in TOKEN_BILLING:
        errors.invalid_choice("token_billing")
    errors.raise_if_any()


# --- saving -----------------------------------------------------------------------------------


def _fill(row: CompanyGateway, data: dict) -> None:
    """Upstream's fillable columns, from validated input."""
    if data.get("gateway_key") not in (None, ""):
        row.gateway_key = str(data["gateway_key"])
    if data.get("accepted_credit_cards") is not None:
        row.accepted_credit_cards = as_int(data["accepted_credit_cards"])
    for field in FLAGS:
        if field in data:
            setattr(row, field, bool(as_bool(data[field])) if data[field] is not None else False)
    for field in TEXTS:
        if field in data:
            setattr(row, field, as_text(data[field]))
    if data.get("token_billing") is not None:
        row.token_billing = "off" if data["token_billing"] == "disabled" else data["token_billing"]
    if data.get("fees_and_limits") is not None:
        row.fees_and_limits = fees.cleaned(data["fees_and_limits"])


def _config_for(data: dict, row: CompanyGateway, creating: bool) -> None:
    sent = data.get("config")
    if sent is None:
        return
    if creating or data.get("gateway_key") not in (None, ""):
        row.config = config.merged(row.gateway_key, sent)
    else:
        # Upstream lays a config over the defaults only when the update names the gateway.
        row.config = sent if isinstance(sent, str) else config.php_json(sent)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> CompanyGateway:
    data = dict(inp.data)
    validate(data, creating=True)
    row = blank(session, ctx)
    _fill(row, data)
    _config_for(data, row, creating=True)
    if not row.label:
        row.label = catalogue_gateway(row.gateway_key)["name"]
    if row.gateway_key == POWERBOARD:
        row.config = config.with_values(row.config, visa=True, mastercard=True)
    session.add(row)
    session.flush()
    # Upstream answers from the unsaved model: columns it did not set have no value yet.
    row.fresh_defaults = {name for name in ("require_cvv", "token_billing") if data.get(name) is None}
    return row


def validate_update(session: Session, ctx: AuthContext, row: CompanyGateway, inp: RequestInput) -> None:
    validate(dict(inp.data), creating=False)


def update(session: Session, ctx: AuthContext, row: CompanyGateway, inp: RequestInput) -> CompanyGateway:
    """Saves input `validate_update` has passed (a deleted gateway may be edited, as upstream)."""
    data = dict(inp.data)
    _fill(row, data)
    _config_for(data, row, creating=False)
    row.updated_at = utcnow()
    return row


# --- archive / restore / delete ---------------------------------------------------------------


def archive(session: Session, ctx: AuthContext, row: CompanyGateway, inp=None) -> None:
    """Archiving a gateway archives its clients' tokens."""
    if lifecycle.archive(row):
        repository.archive_tokens(session, ctx.company_id, row.id)


def restore(session: Session, ctx: AuthContext, row: CompanyGateway, inp=None) -> None:
    """Restoring a gateway brings its clients' tokens back."""
    if lifecycle.restore(row):
        repository.restore_tokens(session, ctx.company_id, row.id)


def delete(session: Session, ctx: AuthContext, row: CompanyGateway, inp=None) -> None:
    if lifecycle.delete(row):
        repository.archive_tokens(session, ctx.company_id, row.id)


def destroy(session: Session, ctx: AuthContext, row: CompanyGateway) -> None:
    """DELETE /company_gateways/{id} archives the gateway (upstream soft-deletes it, never marks it deleted)."""
    archive(session, ctx, row)
