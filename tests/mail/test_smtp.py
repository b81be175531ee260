"""The SMTP transport against a minimal SMTP server on a local port."""

import socket
import socketserver
import threading

import pytest

from ninja_api.mail.message import Mail
from ninja_api.mail.transport import SmtpTransport, transport_for, LogTransport, MemoryTransport
from ninja_api.settings import Settings


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        received = self.server.received
        self.reply("220 test ESMTP")
        envelope = {"rcpt": []}
        while True:
            line = self.rfile.readline().decode().rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb == "MAIL":
                envelope["from"] = line.split(" ", 1)[1]
                self.reply("250 OK")
            elif verb == "RCPT":
                if "refuse" in line:
                    self.reply("550 No such user")
                    continue
                envelope["rcpt"].append(line.split(" ", 1)[1])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                body = []
                while (data := self.rfile.readline().decode()) not in (".\r\n", ""):
                    body.append(data)
                envelope["data"] = "".join(body)
                received.append(envelope)
                envelope = {"rcpt": []}
                self.reply("250 queued")
            elif verb == "QUIT" or not line:
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_sends_over_smtp(smtp_server):
    port = smtp_server.server_address[1]
    mail = Mail(to="a@b.co", subject="Invoice 0001", html="<p>hi</p>", text="hi", from_address="f@n.test",
                bcc=["c@d.co"])
    SmtpTransport("127.0.0.1", port).send(mail)
    [envelope] = smtp_server.received
    assert envelope["from"] == "FROM:<f@n.test>"
    assert envelope["rcpt"] == ["TO:<a@b.co>", "TO:<c@d.co>"]
    assert "Subject: Invoice 0001" in envelope["data"]


def test_refused_recipient_raises(smtp_server):
    port = smtp_server.server_address[1]
    mail = Mail(to="refuse@b.co", subject="s", html="h", text="t", from_address="f@n.test")
    with pytest.raises(Exception, match="refuse@b.co"):
        SmtpTransport("127.0.0.1", port).send(mail)


def test_unreachable_server_raises():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(OSError):
        SmtpTransport("127.0.0.1", port, timeout=2).send(
            Mail(to="a@b.co", subject="s", html="h", text="t", from_address="f@n.test"))


@pytest.mark.parametrize("mailer,kind", [("smtp", SmtpTransport), ("array", MemoryTransport), ("log", LogTransport),
                                         ("anything", LogTransport)])
def test_transport_from_settings(mailer, kind):
    assert isinstance(transport_for(Settings(mail_mailer=mailer)), kind)
