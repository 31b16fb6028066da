"""The patient's intake on their phone, from the emailed link, without an account: one
section a page, saved as they go, so they can stop and come back; crisis help at once when
something they write speaks of suicide or self-harm."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clinic.audit.services import audit_record
from clinic.core import files, uploads
from clinic.core.context import acting
from clinic.core.ratelimit import rate_limited
from clinic.intake import access, consent, questions, selectors, services
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.forms import CardPhotosForm, SectionForm, SignForm, row_formset, rows_of
from clinic.intake.models import InsuranceCard, Intake


def _linked(request: HttpRequest, token: str) -> Intake:
    request.private = True  # type: ignore[attr-defined]  # never cached, never stored
    intake = access.intake_by_link(token)
    if intake is None:
        raise Http404("This link is not valid or has expired. Ask the clinic for a new one.")
    return intake


def _read(request: HttpRequest, intake: Intake, what: str) -> None:
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=intake,
        patient_code=intake.patient.code,
        details={"by": "patient link", "page": what},
    )


@login_not_required
@require_safe
@rate_limited("intake", limit=300, window=3600)
def intake_home(request: HttpRequest, token: str) -> HttpResponse:
    intake = _linked(request, token)
    answers = selectors.current_answers(intake)
    _read(request, intake, "overview")
    sections = [(s, s.code in answers) for s in questions.SECTIONS]
    following = next((s for s, done in sections if not done), None)
    consents = selectors.consent_lines(intake.patient)
    return render(
        request,
        "public/intake/home.html",
        {
            "intake": intake,
            "token": token,
            "sections": sections,
            "following": following,
            "consents": consents,
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("intake", limit=300, window=3600)
def intake_consent(request: HttpRequest, token: str, document: uuid.UUID) -> HttpResponse:
    """Read one consent and sign it: typed name and a ticked box."""
    intake = _linked(request, token)
    found = next(
        (
            line
            for line in selectors.consent_lines(intake.patient)
            if line.document.code == document
        ),
        None,
    )
    if found is None:
        raise Http404("No such consent.")
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent.consent_sign_online(
                patient=intake.patient,
                document=found.document,
                typed_name=form.cleaned_data["typed_name"],
                agreed=form.cleaned_data["agree"],
                ctx=acting(request),
            )
        except consent.ConsentRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Signed: {found.document.title}.")
            return redirect("public:intake", token=token)
    _read(request, intake, "consent")
    return render(
        request,
        "public/intake/consent.html",
        {"token": token, "line": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("intake", limit=300, window=3600)
def intake_section(request: HttpRequest, token: str, section: str) -> HttpResponse:
    intake = _linked(request, token)
    known = questions.BY_CODE.get(section)
    if known is None:
        raise Http404("No such part of the questions.")
    if intake.is_locked:
        return redirect("public:intake", token=token)
    current = selectors.current_answers(intake).get(section, {})
    posting = request.method == "POST"
    form = SectionForm(request.POST if posting else None, section=known, initial=current)
    rows = None
    if known.list_of:
        rows = row_formset(
            known, request.POST if posting else None, initial=current.get("rows") or []
        )
        if posting and "add_row" in request.POST:  # keep what was typed, add empty rows
            typed = [f.row() for f in rows.forms if f.is_valid() and f.has_changed()]
            rows = row_formset(known, None, initial=[r for r in typed if r], extra=3)
            _read(request, intake, section)
            return render(
                request, "public/intake/section.html", _ctx(intake, token, known, form, rows)
            )
    photos = None
    if known.code == "insurance":
        photos = CardPhotosForm(request.POST, request.FILES) if posting else CardPhotosForm()
    valid = (
        posting
        and form.is_valid()
        and (rows is None or rows.is_valid())
        and (photos is None or photos.is_valid())
    )
    saved = None
    if valid:
        answers = dict(form.cleaned_data)
        if rows is not None:
            answers["rows"] = rows_of(rows)
        try:
            saved = _save(request, intake, section, answers, photos)
        except uploads.UploadRefused as refused:  # only photos are uploaded
            if photos is not None:
                photos.add_error(None, str(refused))
        except services.IntakeClosed:  # locked by staff while the page was open
            return redirect("public:intake", token=token)
    if saved is None:
        _read(request, intake, section)
        context = _ctx(intake, token, known, form, rows) | {"photos": photos}
        status = 400 if posting else 200
        return render(request, "public/intake/section.html", context, status=status)
    following = _after(section)
    if saved.crisis:
        return render(
            request,
            "public/intake/crisis.html",
            {"token": token, "following": following, "crisis": True},
        )
    messages.success(request, f"Saved: {known.title}.")
    if following is None:
        return redirect("public:intake", token=token)
    return redirect("public:intake_section", token=token, section=following.code)


def _save(
    request: HttpRequest,
    intake: Intake,
    section: str,
    answers: dict[str, object],
    photos: CardPhotosForm | None,
) -> services.Saved:
    if photos is None:
        return services.intake_answer(
            intake=intake, section=section, answers=answers, actor=None, ctx=acting(request)
        )
    cards = {
        side: files.upload_bytes(photos.cleaned_data[side])
        for side in ("front", "back")
        if photos.cleaned_data.get(side)
    }
    return services.insurance_answer(
        intake=intake, answers=answers, cards=cards, actor=None, ctx=acting(request)
    )


def _after(section: str) -> questions.Section | None:
    codes = [s.code for s in questions.SECTIONS]
    index = codes.index(section)
    return questions.SECTIONS[index + 1] if index + 1 < len(codes) else None


def _ctx(
    intake: Intake, token: str, known: questions.Section, form: SectionForm, rows: object
) -> dict[str, object]:
    codes = [s.code for s in questions.SECTIONS]
    cards = selectors.insurance_cards(intake) if known.code == "insurance" else {}
    return {
        "cards": [label for side, label in InsuranceCard.Side.choices if side in cards],
        "intake": intake,
        "token": token,
        "section": known,
        "form": form,
        "rows": rows,
        "step": codes.index(known.code) + 1,
        "steps": len(codes),
    }


@login_not_required
@require_POST
@rate_limited("intake", limit=300, window=3600)
def intake_finish(request: HttpRequest, token: str) -> HttpResponse:
    intake = _linked(request, token)
    services.intake_complete(intake=intake, actor=None, ctx=acting(request))
    _read(request, intake, "finished")
    return render(request, "public/intake/done.html", {"intake": intake})
