"""Staff side of the content: previewing drafts and moderating comments."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.services import audit_record
from clinic.content import selectors, services
from clinic.content.audit_actions import ContentAction
from clinic.content.models import Comment
from clinic.content.rendering import render_markdown
from clinic.core.context import acting


@requires(Perm.CONTENT_EDIT, not_found=True)
def page_preview(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    page = selectors.page_for_preview(code)
    if page is None:
        raise Http404("No such page.")
    context = {
        "page": page,
        "body": render_markdown(page.body),
        "preview": True,
        "related": [],
        "recent": [],
        "comments": [],
    }
    return render(request, "content/page_detail.html", context)


@requires(Perm.COMMENT_MODERATE)
def comment_queue(request: HttpRequest) -> HttpResponse:
    waiting = selectors.comments_waiting()
    # Readers' comments and, for urgent ones, their email address: reading them is recorded.
    audit_record(
        action=ContentAction.COMMENTS_VIEWED,
        ctx=acting(request),
        details={"count": len(waiting), "codes": [str(c.code) for c in waiting]},
    )
    return render(request, "content/comment_queue.html", {"comments": waiting})


@requires(Perm.COMMENT_MODERATE, not_found=True)
@require_POST
def comment_moderate(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    comment = selectors.comment_by_code(code)
    if comment is None:
        raise Http404("No such comment.")
    decision = request.POST.get("decision", "")
    if decision not in {Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM}:
        raise Http404("Unknown decision.")
    try:
        services.comment_moderate(
            comment=comment, status=decision, actor=request.user, ctx=acting(request)
        )
    except services.ModerationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Saved.")
    return redirect("content:comment_queue")
