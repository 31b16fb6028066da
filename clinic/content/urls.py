from __future__ import annotations

from django.urls import path

from clinic.content import views

app_name = "content"

urlpatterns = [
    path("content/<uuid:code>/preview/", views.page_preview, name="page_preview"),
    path("comments/", views.comment_queue, name="comment_queue"),
    path("comments/<uuid:code>/moderate/", views.comment_moderate, name="comment_moderate"),
]
