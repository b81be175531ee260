"""An e-mail as the application composes it, before any transport sees it."""

from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid


@dataclass
class Mail:
    to: str
    subject: str
    html: str
    text: str
    to_name: str = ""
    from_address: str = ""
    from_name: str = ""
    reply_to: str = ""
    reply_to_name: str = ""
    bcc: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    # (file name, content, MIME type)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)

    def to_message(self) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = self.subject
        message["From"] = formataddr((self.from_name, self.from_address))
        message["To"] = formataddr((self.to_name, self.to))
        if self.reply_to:
            message["Reply-To"] = formataddr((self.reply_to_name, self.reply_to))
        message["Message-ID"] = make_msgid(domain=self.from_address.rpartition("@")[2] or None)
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        for name, content, mime in self.attachments:
            maintype, _, subtype = mime.partition("/")
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
        return message

    @property
    def recipients(self) -> list[str]:
        return [self.to, *self.bcc]
