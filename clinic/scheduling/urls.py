from __future__ import annotations

from django.urls import path

from clinic.scheduling import board_views, views

app_name = "scheduling"

urlpatterns = [
    # Staff calendar feeds (a secret address, no sign-in).
    path("calendar/<str:token>.ics", board_views.feed, name="feed"),
    # Staff.
    path("schedule/", views.calendar, name="calendar"),
    path("schedule/book/", views.book, name="book"),
    path("schedule/series/", views.series, name="series"),
    path("schedule/board/", board_views.board, name="board"),
    path("schedule/feeds/", board_views.feeds, name="feeds"),
    path("schedule/<uuid:code>/", views.booking_detail, name="booking_detail"),
    path("schedule/<uuid:code>/cancel/", views.booking_cancel, name="booking_cancel"),
    path(
        "schedule/<uuid:code>/resend/", views.booking_message_resend, name="booking_message_resend"
    ),
    path("schedule/<uuid:code>/attendance/", views.booking_attendance, name="booking_attendance"),
]
