"""Sent-mail history in upstream's shape, kept in mail system logs under `log.history`.

Upstream fills that history from its mail providers' delivery webhooks (Postmark, Mailgun, Brevo);
a self-hosted install sending through SMTP records none. Here every document e-mail the mail
server accepted leaves one log with one `Sent` event, so the web app's history shows it.
"""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.rendering import declares
from ninja_api.jobs import registry
from ninja_api.mail.message import Mail
from ninja_api.models import SystemLog
from ninja_api.models.base import utcnow

MAIL_CATEGORY = 2
MAIL_SEND_EVENT = 30
GENERIC_TYPE = 900
# The entities a history can be asked for (upstream's EntityEmailHistoryRequest).
ENTITIES = {"invoice": "invoices", "quote": "quotes", "credit": "credits", "recurring_invoice": "recurring_invoices",
            "purchase_order": "purchase_orders"}


def history_of(mail: Mail, entity: str, entity_id: int, status: str, message: str = "") -> dict:
    return {
        "recipients": mail.to,
        "subject": mail.subject,
        "entity": entity,
        "entity_id": ids.encode(entity_id),
        "events": [{
            "bounce_id": "",
            "recipient": mail.to,
            "status": status,
            "delivery_message": message,
            "server": "",
            "server_ip": "",
            "date": utcnow().strftime("%Y-%m-%d %H:%M:%S"),
        }],
    }


SENT = "emails.sent"


def sent(company_id: int, user_id: int | None, client_id: int | None, entity: str,
         entity_id: int) -> tuple[str, dict]:
    """The mail job's follow-up once the mail server accepted the mail (see `record_sent`)."""
    return SENT, {"company_id": company_id, "user_id": user_id, "client_id": client_id, "entity": entity,
                  "entity_id": entity_id}


@registry.named(SENT)
def record_sent(session: Session, args: dict, mail: Mail) -> None:
    session.add(SystemLog(company_id=args["company_id"], user_id=args["user_id"], client_id=args["client_id"],
                          category_id=MAIL_CATEGORY, event_id=MAIL_SEND_EVENT, type_id=GENERIC_TYPE,
                          log={"history": history_of(mail, args["entity"], args["entity_id"], "Sent")}))


def _stored() -> dict:
    from ninja_api.openapi.shapes import Reader  # only the spec's generation reads it

    return {"type": "array", "items": Reader().schema_of(history_of)}


@declares(_stored)  # each log keeps what `history_of` wrote
def histories(logs: list[SystemLog]) -> list[dict]:
    """The `history` of each log that has at least one event, in the logs' order."""
    found = []
    for log in logs:
        history = log.log.get("history") if isinstance(log.log, dict) else None
        if isinstance(history, dict) and isinstance(history.get("events"), list) and history["events"]:
            found.append(history)
    return found


def about(history: dict, entity: str, entity_id: int) -> bool:
    return history.get("entity") == entity and history.get("entity_id") == ids.encode(entity_id)
