"""The permission table, checked cell by cell against an independent statement of it."""

from __future__ import annotations

import pytest

from clinic.accounts.policy import (
    GRANTS,
    Perm,
    Role,
    has_perm,
    is_staff,
    roles_for,
    tiles_for,
    who_may,
)

OW, P, N, F, PT = Role.OWNER, Role.PRESCRIBER, Role.NURSE, Role.FRONT_DESK, Role.PATIENT

EXPECTED: dict[Perm, set[Role]] = {
    Perm.STAFF_HOME: {OW, P, N, F},
    Perm.PATIENT_HOME: {PT},
    Perm.MANAGE_CLINIC: {OW},
    Perm.AUDIT_LOG_VIEW: {OW},
    Perm.PATIENT_LIST: {P, N, F},
    Perm.PATIENT_VIEW: {P, N, F},
    Perm.PATIENT_CREATE: {P, N, F},
    Perm.PATIENT_EDIT: {P, N, F},
    Perm.BREAK_GLASS: {P, N},
    Perm.OWN_RECORD_VIEW: {PT},
    Perm.ENQUIRY_VIEW: {P, N, F},
    Perm.ENQUIRY_MANAGE: {P, N, F},
    Perm.NEWSLETTER_MANAGE: {OW, F},
    Perm.CONTENT_EDIT: {OW, P},
    Perm.COMMENT_MODERATE: {OW, P, N, F},
    Perm.SCHEDULE_VIEW: {OW, P, N, F},
    Perm.SCHEDULE_MANAGE: {P, N, F},
    Perm.INTAKE_SEND: {P, N, F},
    Perm.CLINICAL_VIEW: {P, N},
    Perm.EVALUATION_SIGN: {P},
    Perm.PLAN_SIGN: {P},
    Perm.SESSION_CHART: {P, N},
}


def test_every_permission_is_in_the_table() -> None:
    assert set(GRANTS) == set(Perm) == set(EXPECTED)


@pytest.mark.parametrize("perm", list(Perm))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_and_permission(role: Role, perm: Perm) -> None:
    assert has_perm([role], perm) is (role in EXPECTED[perm])
    assert (role in roles_for(perm)) is (role in EXPECTED[perm])


def test_no_roles_hold_nothing() -> None:
    assert not any(has_perm([], perm) for perm in Perm)


def test_several_roles_add_up() -> None:
    """An owner who also prescribes reaches both the admin and the patients."""
    assert has_perm([OW, P], Perm.MANAGE_CLINIC) is True
    assert has_perm([OW, P], Perm.PATIENT_VIEW) is True
    assert has_perm([OW], Perm.PATIENT_VIEW) is False  # owner alone is not clinical


def test_an_unknown_role_is_refused_loudly() -> None:
    with pytest.raises(ValueError, match="superuser"):
        has_perm(["superuser"], Perm.STAFF_HOME)


def test_staff_are_those_with_a_staff_role() -> None:
    assert is_staff([N]) is True
    assert is_staff([PT]) is False
    assert is_staff([]) is False


def test_tiles_follow_permissions() -> None:
    assert [t.perm for t in tiles_for([OW])] == [
        Perm.SCHEDULE_VIEW,
        Perm.SCHEDULE_VIEW,
        Perm.AUDIT_LOG_VIEW,
        Perm.COMMENT_MODERATE,
        Perm.NEWSLETTER_MANAGE,
        Perm.MANAGE_CLINIC,
    ]
    assert [t.perm for t in tiles_for([N])] == [
        Perm.SCHEDULE_VIEW,
        Perm.SCHEDULE_VIEW,
        Perm.ENQUIRY_VIEW,
        Perm.PATIENT_LIST,
        Perm.COMMENT_MODERATE,
    ]
    assert tiles_for([PT]) == []


def test_a_refusal_names_the_roles_that_would_grant_it() -> None:
    assert who_may(Perm.AUDIT_LOG_VIEW) == "Clinic owner / administrator"
    assert who_may(Perm.BREAK_GLASS) == "Prescriber (psychiatrist, nurse practitioner) or Nurse"
