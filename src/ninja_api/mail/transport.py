"""Where mail goes: SMTP for real use, the log for the demo, memory for tests (MAIL_MAILER)."""

import logging
import smtplib
import ssl
from typing import Protocol

from ninja_api.mail.message import Mail
from ninja_api.settings import Settings

log = logging.getLogger("ninja_api.mail")


class Transport(Protocol):
    def send(self, mail: Mail) -> None: ...


class LogTransport:
    """Writes each message to the log instead of sending it: nothing leaves the machine."""

    def send(self, mail: Mail) -> None:
        log.info("mail to %s: %s\n%s", mail.to, mail.subject, mail.text)


class MemoryTransport:
    """Keeps what was sent, in order (`MAIL_MAILER=array`)."""

    def __init__(self) -> None:
        self.sent: list[Mail] = []

    def send(self, mail: Mail) -> None:
        self.sent.append(mail)


class SmtpTransport:
    def __init__(self, host: str, port: int, username: str = "", password: str = "", encryption: str = "",
                 timeout: float = 30) -> None:
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.encryption = (encryption or "").lower()
        self.timeout = timeout

    def send(self, mail: Mail) -> None:
        if self.encryption == "ssl":
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            if self.encryption == "tls":
                client.starttls(context=ssl.create_default_context())
            if self.username:
                client.login(self.username, self.password)
            client.send_message(mail.to_message(), from_addr=mail.from_address, to_addrs=mail.recipients)


def transport_for(settings: Settings) -> Transport:
    mailer = settings.mail_mailer.lower()
    if mailer == "smtp":
        return SmtpTransport(settings.mail_host, settings.mail_port, settings.mail_username, settings.mail_password,
                             settings.mail_encryption)
    if mailer == "array":
        return MemoryTransport()
    return LogTransport()
