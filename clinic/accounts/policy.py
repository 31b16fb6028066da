"""Who may do what: the one place where roles meet permissions.

Deny by default. A view is reachable only if it is public by design (PUBLIC_URL_NAMES), open to
every signed-in person for their own account (SELF_SERVICE_URL_NAMES), or guarded by
`clinic.accounts.decorators.requires(Perm.X)`, where GRANTS says which roles hold X. A test walks
every URL pattern of the project and fails when one fits none of these.

Pure module: no database, settings or clock, so the table can be tested exhaustively.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The roles a person can hold. A staff member may hold several (an owner who prescribes)."""

    OWNER = "owner"
    PRESCRIBER = "prescriber"
    NURSE = "nurse"
    FRONT_DESK = "front_desk"
    PATIENT = "patient"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: "Clinic owner / administrator",
    Role.PRESCRIBER: "Prescriber (psychiatrist, nurse practitioner)",
    Role.NURSE: "Nurse",
    Role.FRONT_DESK: "Front desk",
    Role.PATIENT: "Patient",
}

STAFF_ROLES: frozenset[Role] = frozenset({Role.OWNER, Role.PRESCRIBER, Role.NURSE, Role.FRONT_DESK})


class Perm(StrEnum):
    """A thing a person may do. Every guarded view names exactly one."""

    STAFF_HOME = "staff_home"
    PATIENT_HOME = "patient_home"
    MANAGE_CLINIC = "manage_clinic"  # staff accounts, roles, locations (the admin site)
    AUDIT_LOG_VIEW = "audit_log_view"
    PATIENT_LIST = "patient_list"
    PATIENT_VIEW = "patient_view"
    PATIENT_CREATE = "patient_create"
    PATIENT_EDIT = "patient_edit"
    BREAK_GLASS = "break_glass"
    OWN_RECORD_VIEW = "own_record_view"
    ENQUIRY_VIEW = "enquiry_view"  # consultation and pricing requests from the public site
    ENQUIRY_MANAGE = "enquiry_manage"
    NEWSLETTER_MANAGE = "newsletter_manage"
    CONTENT_EDIT = "content_edit"  # preview drafts (owners write and publish in administration)
    COMMENT_MODERATE = "comment_moderate"
    SCHEDULE_VIEW = "schedule_view"  # calendar, chair board, own calendar feeds
    SCHEDULE_MANAGE = "schedule_manage"  # book, reschedule, cancel, record attendance
    INTAKE_SEND = "intake_send"  # send a patient their intake link
    CLINICAL_VIEW = "clinical_view"  # intake answers, screening, medications, allergies
    EVALUATION_SIGN = "evaluation_sign"  # sign an eligibility evaluation
    PLAN_SIGN = "plan_sign"  # order a course of treatment
    SESSION_CHART = "session_chart"  # chart a monitored session at the chair


CLINICAL_ROLES = frozenset({Role.PRESCRIBER, Role.NURSE})
_CLINICAL = CLINICAL_ROLES
_ALL_STAFF = STAFF_ROLES

GRANTS: dict[Perm, frozenset[Role]] = {
    Perm.STAFF_HOME: _ALL_STAFF,
    Perm.PATIENT_HOME: frozenset({Role.PATIENT}),
    Perm.MANAGE_CLINIC: frozenset({Role.OWNER}),
    Perm.AUDIT_LOG_VIEW: frozenset({Role.OWNER}),
    # Minimum necessary: an owner is not a clinical super-user (needs a clinical role too).
    Perm.PATIENT_LIST: _CLINICAL | {Role.FRONT_DESK},
    Perm.PATIENT_VIEW: _CLINICAL | {Role.FRONT_DESK},
    Perm.PATIENT_CREATE: _CLINICAL | {Role.FRONT_DESK},
    Perm.PATIENT_EDIT: _CLINICAL | {Role.FRONT_DESK},
    Perm.BREAK_GLASS: _CLINICAL,
    Perm.OWN_RECORD_VIEW: frozenset({Role.PATIENT}),
    Perm.ENQUIRY_VIEW: _CLINICAL | {Role.FRONT_DESK},
    Perm.ENQUIRY_MANAGE: _CLINICAL | {Role.FRONT_DESK},
    Perm.NEWSLETTER_MANAGE: frozenset({Role.OWNER, Role.FRONT_DESK}),
    Perm.CONTENT_EDIT: frozenset({Role.OWNER, Role.PRESCRIBER}),
    Perm.COMMENT_MODERATE: _ALL_STAFF,
    # Owners see the day (schedule, chair board) without the clinical chart.
    Perm.SCHEDULE_VIEW: _CLINICAL | {Role.FRONT_DESK, Role.OWNER},
    Perm.SCHEDULE_MANAGE: _CLINICAL | {Role.FRONT_DESK},
    Perm.INTAKE_SEND: _CLINICAL | {Role.FRONT_DESK},
    # Front desk sees that an intake is done, not what it says (minimum necessary).
    Perm.CLINICAL_VIEW: _CLINICAL,
    Perm.EVALUATION_SIGN: frozenset({Role.PRESCRIBER}),
    Perm.PLAN_SIGN: frozenset({Role.PRESCRIBER}),
    Perm.SESSION_CHART: _CLINICAL,
}

# Views anyone may use, signed in or not. The URL-walking test holds every other view to a
# permission or to the self-service list below.
PUBLIC_URL_NAMES: frozenset[str] = frozenset(
    {
        "public:home",
        "public:healthz",
        "public:robots_txt",
        "public:favicon",
        "public:brand_css",
        "public:assessment_index",
        "public:location_list",
        "public:location_detail",
        "public:contact",
        "public:assessment_take",
        "public:request_consultation",
        "public:request_pricing",
        "public:request_thanks",
        "public:newsletter_subscribe",
        "public:learn",
        "public:article",
        "public:faq",
        "public:condition",
        "public:treatment",
        "public:pricing",
        "public:sitemap",
        "public:comment",
        "public:newsletter_confirm",
        "public:newsletter_unsubscribe",
        "public:book_start",
        "public:book_slots",
        "public:book_details",
        "public:manage_booking",
        "public:manage_reschedule",
        "public:intake",
        "public:intake_section",
        "public:intake_finish",
        "public:intake_consent",
        "chart:feed",
        "account_login",
        "account_logout",
        "account_inactive",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "mfa_authenticate",
        "admin:login",  # only passes visitors on to account_login
    }
)

# Views any signed-in person may use, for their own account only.
SELF_SERVICE_URL_NAMES: frozenset[str] = frozenset(
    {
        "accounts:home",
        "account_change_password",
        "account_reauthenticate",
        "mfa_index",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "mfa_reauthenticate_webauthn",
        "mfa_remove_webauthn",
        "mfa_edit_webauthn",
    }
)

# What a staff member without a second factor may still reach: enrolment and sign-out.
MFA_ENROLMENT_URL_NAMES: frozenset[str] = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_reauthenticate",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
    }
)


def has_perm(roles: Iterable[Role | str], perm: Perm) -> bool:
    """True when any of the roles is granted the permission."""
    granted = GRANTS.get(perm, frozenset())
    return any(Role(role) in granted for role in roles)


def roles_for(perm: Perm) -> frozenset[Role]:
    """The roles that hold a permission (for messages and tests)."""
    return GRANTS.get(perm, frozenset())


def who_may(perm: Perm) -> str:
    """ "Nurse or Front desk": the roles that would grant `perm`, for a refusal's message."""
    order = list(Role)
    labels = [r.label for r in sorted(roles_for(perm), key=order.index)]
    if not labels:
        return "no role"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def is_staff(roles: Iterable[Role | str]) -> bool:
    """Staff hold at least one staff role; they must sign in with a second factor."""
    return any(Role(role) in STAFF_ROLES for role in roles)


@dataclass(frozen=True)
class HomeTile:
    """One entry of the staff home page: a place a role can reach."""

    perm: Perm
    title: str
    url_name: str
    description: str


HOME_TILES: tuple[HomeTile, ...] = (
    HomeTile(
        Perm.SCHEDULE_VIEW,
        "Schedule",
        "chart:calendar",
        "Day and week calendars by location, chair and person; book and change appointments.",
    ),
    HomeTile(
        Perm.SCHEDULE_VIEW,
        "Chair board",
        "chart:board",
        "Today's chairs: who sits in each, time left, who comes next.",
    ),
    HomeTile(
        Perm.ENQUIRY_VIEW,
        "Requests inbox",
        "chart:enquiry_inbox",
        "Consultation and pricing requests from the website; urgent ones first.",
    ),
    HomeTile(
        Perm.PATIENT_LIST,
        "Patients",
        "chart:patient_list",
        "Find a patient, open a record, add a new patient.",
    ),
    HomeTile(
        Perm.AUDIT_LOG_VIEW,
        "Audit trail",
        "oversight:event_list",
        "Who saw or changed which record, and when.",
    ),
    HomeTile(
        Perm.COMMENT_MODERATE,
        "Comments to moderate",
        "content:comment_queue",
        "Readers' comments waiting for a decision; urgent ones first.",
    ),
    HomeTile(
        Perm.NEWSLETTER_MANAGE,
        "Newsletter",
        "newsletter:subscribers",
        "Subscriber counts and the subscriber list as CSV.",
    ),
    HomeTile(
        Perm.MANAGE_CLINIC,
        "Clinic administration",
        "admin:index",
        "Staff accounts, roles, locations.",
    ),
)


def tiles_for(roles: Iterable[Role | str]) -> list[HomeTile]:
    """The home-page tiles the roles may use, in display order."""
    held = list(roles)
    return [tile for tile in HOME_TILES if has_perm(held, tile.perm)]
