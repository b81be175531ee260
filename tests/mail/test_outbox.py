"""Queued mail leaves only when the request's unit of work commits."""

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.errors import bad_request
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.mail import outbox
from ninja_api.mail.message import Mail


def _mail(to: str) -> Mail:
    return Mail(to=to, subject="s", html="<p>h</p>", text="t", from_address="from@ninja.test")


def test_mail_waits_for_the_commit_and_a_rollback_discards_it(app, api):
    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.post("/probe/{outcome}")
    def probe(outcome: str, session: Session = Depends(get_session)):
        outbox.queue(session, _mail(f"{outcome}@x.test"))
        assert app.state.mailer.sent == []  # nothing leaves before the commit
        if outcome == "fail":
            raise bad_request("refused")
        return {"ok": True}

    app.include_router(router)
    assert api.post("/probe/fail").status_code == 400
    assert app.state.mailer.sent == []
    assert api.post("/probe/ok").status_code == 200
    assert [m.to for m in app.state.mailer.sent] == ["ok@x.test"]


def test_message_headers():
    mail = Mail(to="a@b.co", to_name="A B", subject="Hi", html="<b>x</b>", text="x", from_address="f@n.test",
                from_name="Demo Co", reply_to="r@n.test", headers={"X-Invitation": "k1"}, bcc=["c@d.co"])
    message = mail.to_message()
    assert (message["To"], message["From"], message["Reply-To"], message["X-Invitation"]) == (
        "A B <a@b.co>", "Demo Co <f@n.test>", "r@n.test", "k1")
    assert message["Bcc"] is None  # bcc recipients are envelope-only
    assert mail.recipients == ["a@b.co", "c@d.co"]
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
