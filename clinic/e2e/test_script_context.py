"""Services need no web request: a script, the task worker or an API client calls them with a
small context of who acts (and from where, when there is a where)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django.http import HttpRequest

import clinic
from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.core import clock
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.patients import services as patient_services
from clinic.patients.services import PatientDetails
from clinic.scheduling import services as booking_services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

pytestmark = pytest.mark.django_db


def test_patient_and_booking_services_run_from_a_script(front_desk: User, plano: Location) -> None:
    ctx = Acting.script(front_desk)
    patient = patient_services.patient_create(
        details=PatientDetails(
            first_name="Scripted",
            last_name="Person",
            date_of_birth=dt.date(1980, 1, 2),
            phone="",
            email="",
            home_location=plano,
        ),
        actor=front_desk,
        ctx=ctx,
    )
    open_location(plano, chairs=1, rooms=1, staff=(front_desk,), days=range(7))
    day = days_open(plano, 1)[0]
    booking = booking_services.booking_create(
        kind=standard_types()["free-phone-consultation"],
        location=plano,
        start=dt.datetime.combine(day, dt.time(10), tzinfo=plano.tz).astimezone(dt.UTC),
        who=booking_services.Who(patient=patient),
        actor=front_desk,
        ctx=ctx,
        by_staff=True,
    )
    assert booking.starts_at > clock.now()
    for action in (Action.PATIENT_CREATED, SchedulingAction.BOOKING_CREATED):
        event = AuditEvent.objects.get(action=action)
        assert event.actor == front_desk
        assert event.ip is None
        assert event.request_id == ""


# Modules that write or read for others: services, selectors, access helpers, and the
# workflows and outbox that are services by another name.
SERVICE_MODULES = (
    "services",
    "selectors",
    "access",
    "feeds",
    "conversion",
    "self_booking",
    "series_booking",
    "reminders",
    "outbox",
)
# The acting person has one name everywhere: `actor` (as in the audit trail).
OTHER_NAMES_FOR_THE_ACTOR = ("by", "created_by", "updated_by", "reviewer", "moderator", "acting")


def _service_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(clinic.__path__, "clinic."):
        last = info.name.rsplit(".", 1)[-1]
        if last in SERVICE_MODULES and ".tests" not in info.name:
            names.append(info.name)
    return names


def test_no_service_selector_or_access_helper_takes_a_web_request() -> None:
    modules = _service_modules()
    assert "clinic.scheduling.services" in modules
    assert "clinic.patients.access" in modules
    offenders = []
    for name in modules:
        module = importlib.import_module(name)
        for attr, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != name:
                continue
            hints = inspect.get_annotations(function, eval_str=True)
            if any(_mentions_request(hint) for hint in hints.values()):
                offenders.append(f"{name}.{attr}")
    assert offenders == []


def _mentions_request(hint: object) -> bool:
    if hint is HttpRequest:
        return True
    return any(_mentions_request(arg) for arg in getattr(hint, "__args__", ()))


def test_the_acting_person_is_called_actor_everywhere() -> None:
    offenders = []
    for name in _service_modules():
        module = importlib.import_module(name)
        for attr, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != name:
                continue
            params = inspect.signature(function).parameters
            offenders += [f"{name}.{attr}({p})" for p in params if p in OTHER_NAMES_FOR_THE_ACTOR]
    assert offenders == []
