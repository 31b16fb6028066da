"""The staff's interface: patient records, the requests inbox, the schedule and the chair
board, and each person's calendar feed."""

from __future__ import annotations

from django.urls import path

from clinic.chart import (
    board_views,
    calendar_views,
    consent_views,
    course_views,
    enquiry_views,
    evaluation_views,
    intake_views,
    patient_views,
    plan_views,
    schedule_views,
    session_views,
)

app_name = "chart"

urlpatterns = [
    path("patients/", patient_views.patient_list, name="patient_list"),
    path("patients/new/", patient_views.patient_create, name="patient_create"),
    path("patients/<uuid:code>/", patient_views.patient_detail, name="patient_detail"),
    path("patients/<uuid:code>/edit/", patient_views.patient_edit, name="patient_edit"),
    path("patients/<uuid:code>/intake/send/", patient_views.intake_send, name="intake_send"),
    path("patients/<uuid:code>/intake/", intake_views.intake_record, name="intake_record"),
    path("patients/<uuid:code>/intake/lock/", intake_views.intake_lock, name="intake_lock"),
    path(
        "patients/<uuid:code>/intake/insurance-card/",
        intake_views.insurance_card_add,
        name="insurance_card_add",
    ),
    path(
        "patients/<uuid:code>/intake/<slug:section>/",
        intake_views.intake_edit,
        name="intake_edit",
    ),
    path(
        "insurance-cards/<uuid:code>/",
        intake_views.insurance_card_file,
        name="insurance_card_file",
    ),
    path("patients/<uuid:code>/consents/paper/", consent_views.consent_paper, name="consent_paper"),
    path(
        "patients/<uuid:code>/evaluation/new/",
        evaluation_views.evaluation_new,
        name="evaluation_new",
    ),
    path("waiting/", evaluation_views.waiting, name="waiting"),
    path("patients/<uuid:code>/plans/new/", plan_views.plan_new, name="plan_new"),
    path("plans/<uuid:code>/", course_views.course, name="course"),
    path("sessions/", course_views.sessions_running, name="sessions_running"),
    path("sessions/<uuid:code>/", session_views.session_chart, name="session_chart"),
    path(
        "sessions/<uuid:code>/aftercare/",
        session_views.session_aftercare,
        name="session_aftercare",
    ),
    path(
        "schedule/<uuid:code>/check-in/",
        session_views.session_check_in,
        name="session_check_in",
    ),
    path(
        "evaluations/<uuid:code>/addendum/",
        evaluation_views.addendum_new,
        name="addendum_new",
    ),
    path(
        "consents/<uuid:code>/withdraw/",
        consent_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "consents/<uuid:code>/scan/",
        consent_views.consent_scan,
        name="consent_scan",
    ),
    path(
        "patients/<uuid:code>/emergency-access/",
        patient_views.break_glass,
        name="break_glass",
    ),
    path("requests/", enquiry_views.enquiry_inbox, name="enquiry_inbox"),
    path("requests/<uuid:code>/", enquiry_views.enquiry_detail, name="enquiry_detail"),
    path("requests/<uuid:code>/assign/", enquiry_views.enquiry_assign, name="enquiry_assign"),
    path("requests/<uuid:code>/call/", enquiry_views.enquiry_call, name="enquiry_call"),
    path("requests/<uuid:code>/close/", enquiry_views.enquiry_close, name="enquiry_close"),
    path("requests/<uuid:code>/convert/", enquiry_views.enquiry_convert, name="enquiry_convert"),
    path("schedule/", calendar_views.calendar, name="calendar"),
    path("schedule/book/", schedule_views.book, name="book"),
    path("schedule/needs-moving/", calendar_views.conflicts_list, name="conflicts"),
    path("schedule/book/who/", calendar_views.book_find, name="book_find"),
    path("schedule/series/", schedule_views.series, name="series"),
    path("schedule/board/", board_views.board, name="board"),
    path("schedule/feeds/", board_views.feeds, name="feeds"),
    path("schedule/<uuid:code>/", schedule_views.booking_detail, name="booking_detail"),
    path("schedule/<uuid:code>/cancel/", schedule_views.booking_cancel, name="booking_cancel"),
    path(
        "schedule/<uuid:code>/resend/",
        schedule_views.booking_message_resend,
        name="booking_message_resend",
    ),
    path(
        "schedule/<uuid:code>/attendance/",
        schedule_views.booking_attendance,
        name="booking_attendance",
    ),
    # A person's own appointments as a calendar feed: a secret address, no sign-in.
    path("calendar/<str:token>.ics", board_views.feed, name="feed"),
]
