"""The demo clinic network: four Dallas-area locations and a staff of every role.

Demo secrets are fixed so that `make run` can print them; they are for a local demo only and
the command refuses to run with DEBUG off.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from clinic.accounts.policy import Role

DEMO_PASSWORD = "demo-clinic-pass-2026"  # noqa: S105 - printed by make run, DEBUG only


@dataclass(frozen=True)
class DemoLocation:
    slug: str
    name: str
    address: str
    city: str
    postal_code: str
    phone: str
    towns: str = ""


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    title: str
    roles: tuple[Role, ...]
    locations: tuple[str, ...]
    enrolled: bool  # has set up an authenticator app

    @property
    def totp_secret(self) -> str:
        """A fixed base32 secret per demo person (so the demo sign-ins can be printed)."""
        digest = hashlib.sha256(f"demo-totp:{self.email}".encode()).digest()[:20]
        return base64.b32encode(digest).decode("ascii")


LOCATIONS = (
    DemoLocation(
        "dallas-uptown",
        "Dallas Uptown",
        "2400 McKinney Ave, Suite 310",
        "Dallas",
        "75201",
        "(214) 555-0110",
    ),
    DemoLocation(
        "plano", "Plano", "5800 Granite Pkwy, Suite 120", "Plano", "75024", "(972) 555-0120"
    ),
    DemoLocation(
        "fort-worth", "Fort Worth", "1300 W Magnolia Ave", "Fort Worth", "76104", "(817) 555-0130"
    ),
    DemoLocation(
        "frisco", "Frisco", "9250 Dallas Pkwy, Suite 200", "Frisco", "75033", "(469) 555-0140"
    ),
)

ALL = tuple(loc.slug for loc in LOCATIONS)

PEOPLE = (
    DemoPerson("owner@demo.clinic", "Dana Whitfield", "", (Role.OWNER,), ALL, True),
    DemoPerson(
        "psychiatrist@demo.clinic",
        "Dr. Amara Okafor",
        "MD, Psychiatrist",
        (Role.PRESCRIBER,),
        ("dallas-uptown", "plano"),
        True,
    ),
    DemoPerson(
        "np@demo.clinic",
        "Luis Herrera",
        "PMHNP-BC",
        (Role.PRESCRIBER,),
        ("fort-worth", "frisco"),
        True,
    ),
    DemoPerson("nurse@demo.clinic", "Grace Kim", "RN", (Role.NURSE,), ("dallas-uptown",), True),
    DemoPerson(
        "frontdesk@demo.clinic",
        "Marcus Bell",
        "",
        (Role.FRONT_DESK,),
        ("dallas-uptown", "plano"),
        True,
    ),
    DemoPerson(
        "nurse2@demo.clinic", "Ben Carter", "RN", (Role.NURSE,), ("fort-worth", "frisco"), True
    ),
    DemoPerson(
        "frontdesk2@demo.clinic",
        "Sofia Lopez",
        "",
        (Role.FRONT_DESK,),
        ("fort-worth", "frisco"),
        True,
    ),
    DemoPerson("newhire@demo.clinic", "Priya Nair", "RN", (Role.NURSE,), ("plano",), False),
    DemoPerson("patient@demo.clinic", "Jordan Avery", "", (Role.PATIENT,), (), False),
)


@dataclass(frozen=True)
class DemoPatient:
    first_name: str
    last_name: str
    date_of_birth: str
    phone: str
    email: str
    location: str
    portal_email: str = ""  # the demo person who signs in as this patient


PATIENTS = (
    DemoPatient(
        "Jordan",
        "Avery",
        "1986-03-14",
        "(214) 555-0161",
        "jordan.avery@example.org",
        "dallas-uptown",
        portal_email="patient@demo.clinic",
    ),
    DemoPatient("Maria", "Delgado", "1979-11-02", "(972) 555-0162", "maria.d@example.org", "plano"),
    DemoPatient(
        "Samuel", "Okoro", "1992-07-21", "(817) 555-0163", "sam.okoro@example.org", "fort-worth"
    ),
    DemoPatient("Linh", "Tran", "1968-01-30", "(469) 555-0164", "linh.tran@example.org", "frisco"),
    DemoPatient("Rachel", "Greenberg", "2001-09-09", "(214) 555-0165", "", "dallas-uptown"),
    DemoPatient("Tomas", "Ruiz", "1975-05-05", "(972) 555-0166", "truiz@example.org", "plano"),
)
