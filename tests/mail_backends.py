"""E-mail backends for tests: a mail server that is down, and one that counts who talks to it."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

# How many times any code tried to reach the mail server, per backend; tests reset it.
CONNECTIONS = {"down": 0, "counting": 0}


class DownBackend(BaseEmailBackend):
    """A mail server that refuses connections, as when SMTP is stopped or unreachable."""

    def open(self):
        CONNECTIONS["down"] += 1
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()


class CountingBackend(LocmemBackend):
    """A working mail server (the locmem outbox) that counts connections, as the SMTP backend would open them."""

    connected = False

    def open(self):
        if self.connected:
            return False
        CONNECTIONS["counting"] += 1
        self.connected = True
        return True

    def close(self):
        self.connected = False

    def send_messages(self, messages):
        opened = self.open()
        try:
            return super().send_messages(messages)
        finally:
            if opened:
                self.close()
