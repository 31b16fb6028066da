"""Build the demo clinic network (idempotent) and print its sign-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.accounts.policy import Role
from clinic.demo import data
from clinic.demo.services import demo_clinic_seed


class Command(BaseCommand):
    help = "Create the demo clinic (four Dallas-area locations, staff of every role). DEBUG only."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data has known passwords; it is only loaded with DEBUG on.")
        created = demo_clinic_seed()
        self.stdout.write(
            f"Demo clinic ready ({created['locations']} locations and "
            f"{created['people']} people and {created['patients']} patients added this time)."
        )
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {data.DEMO_PASSWORD})")
        for person in data.PEOPLE:
            roles = ", ".join(role.label for role in person.roles)
            factor = (
                f"TOTP secret {person.totp_secret}"
                if person.enrolled
                else (
                    "no second factor: asked to enrol at first sign-in"
                    if person.roles != (Role.PATIENT,)
                    else "second factor optional for patients"
                )
            )
            self.stdout.write(f"  {person.email:<26} {roles}: {factor}")
        self.stdout.write(
            "Add a TOTP secret to an authenticator app, or print the current code with "
            "`.venv/bin/python manage.py demo_totp_code EMAIL`."
        )
