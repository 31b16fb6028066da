from __future__ import annotations

from django.urls import path

from clinic.scheduling import board_views, public_views, views

app_name = "scheduling"

urlpatterns = [
    # Public: self-booking, the emailed link, staff calendar feeds (secret address).
    path("book/", public_views.book_start, name="book_start"),
    path("book/<slug:location_slug>/<slug:kind_slug>/", public_views.book_slots, name="book_slots"),
    path(
        "book/<slug:location_slug>/<slug:kind_slug>/details/",
        public_views.book_details,
        name="book_details",
    ),
    path("appointments/<str:token>/", public_views.manage, name="manage"),
    path(
        "appointments/<str:token>/reschedule/",
        public_views.manage_reschedule,
        name="manage_reschedule",
    ),
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
