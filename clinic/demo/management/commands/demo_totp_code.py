"""Print the current authenticator code of a demo person (DEBUG only)."""

from __future__ import annotations

from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.core import clock
from clinic.demo import data


class Command(BaseCommand):
    help = "Print the current six-digit code for a demo sign-in."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Only for the demo clinic, with DEBUG on.")
        person = next((p for p in data.PEOPLE if p.email == options["email"]), None)
        if person is None or not person.enrolled:
            raise CommandError("No demo person with an authenticator has that email.")
        counter = int(clock.now().timestamp()) // 30
        self.stdout.write(format_hotp_value(hotp_value(person.totp_secret, counter)))
