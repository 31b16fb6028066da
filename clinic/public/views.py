"""The public front door: home, self-assessment with its crisis path, requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods, require_safe

from clinic.core import clock
from clinic.core.context import acting
from clinic.core.pagecache import cached_public_page
from clinic.core.ratelimit import rate_limited
from clinic.core.safety import mentions_self_harm
from clinic.enquiries.forms import PublicRequestForm, format_assessment, parse_assessment
from clinic.enquiries.models import Enquiry
from clinic.enquiries.services import enquiry_submit
from clinic.locations.selectors import location_cards
from clinic.public.selfassessment import step
from clinic.questionnaires.config import thresholds
from clinic.questionnaires.instruments import INSTRUMENTS
from clinic.questionnaires.scoring import InvalidAnswers, score

THANKS_SESSION_KEY = "request_urgent"


@login_not_required
@require_safe
@cached_public_page(60)  # "open now" is at most a minute old
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"cards": location_cards(now=clock.now())})


@login_not_required
@require_safe
@cached_public_page(60)
def location_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/location_list.html", {"cards": location_cards(now=clock.now())})


@login_not_required
@require_safe
@cached_public_page(60)
def location_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cards = location_cards(now=clock.now(), slug=slug)
    if not cards:
        raise Http404("No such location.")
    return render(request, "public/location_detail.html", {"card": cards[0]})


@login_not_required
@require_safe
@cached_public_page(60)
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "public/contact.html", {"cards": location_cards(now=clock.now())})


@login_not_required
@require_safe
def brand_css(request: HttpRequest) -> HttpResponse:
    """The clinic's colours as CSS variables (a stylesheet, so pages need no inline style and
    can be cached without a per-response nonce)."""
    brand, accent = settings.CLINIC_BRAND_COLOR, settings.CLINIC_ACCENT_COLOR
    body = f":root {{ --brand: {brand}; --accent: {accent}; }}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


ROBOTS = """User-agent: *
Disallow: /accounts/
Disallow: /appointments/
Disallow: /calendar/
Disallow: /home/
Disallow: /intake/
Disallow: /my/
Disallow: /patients/
Disallow: /requests/
Disallow: /schedule/
Disallow: /staff/
Sitemap: {base}/sitemap.xml
"""


@login_not_required
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may read: the public pages; never a staff page or a personal link. The
    administration's address is not listed (it is kept out of sight on purpose)."""
    response = HttpResponse(
        ROBOTS.format(base=settings.CLINIC_BASE_URL), content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the
    clinic's icon."""
    return HttpResponsePermanentRedirect(static(settings.CLINIC_LOGO))


@login_not_required
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for the load balancer; says nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
@cached_public_page(3600)
def assessment_index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/assessment_index.html", {"instruments": INSTRUMENTS.values()})


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("assessment", limit=300, window=3600)
def assessment_take(request: HttpRequest, code: str) -> HttpResponse:
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        raise Http404("No such questionnaire.")
    request.private = True  # type: ignore[attr-defined]  # answers are never cached
    if request.method != "POST":
        return render(request, "public/assessment_intro.html", {"instrument": instrument})
    alert_at = thresholds().safety_alert_at
    progress = step(instrument, request.POST)
    context = {
        "instrument": instrument,
        "answers": sorted(progress.answers.items()),
        "crisis": progress.flagged(instrument, alert_at),
    }
    if progress.current is None:
        result = score(instrument, progress.answers, thresholds())
        context |= {
            "result": result,
            "assessment": format_assessment(instrument.code, progress.answers),
        }
        return render(request, "public/assessment_result.html", context)
    item = progress.current
    numbers = [i.number for i in instrument.items]
    context |= {
        "item": item,
        "options": instrument.options_for(item),
        "chosen": progress.answers.get(item.number),
        "position": numbers.index(item.number) + 1,
        "count": len(numbers),
        "error": progress.error,
    }
    return render(
        request, "public/assessment_question.html", context, status=400 if progress.error else 200
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("request", limit=10, window=3600)
def request_form(request: HttpRequest, kind: str = Enquiry.Kind.CONSULTATION) -> HttpResponse:
    """ "Book a free consultation" / "request pricing information". Coming from a
    self-assessment result, the form arrives with the result attached (if the visitor wants)."""
    request.private = True  # type: ignore[attr-defined]
    from_result = request.method == "POST" and request.POST.get("from_result") == "1"
    if request.method != "POST" or from_result:
        initial: dict[str, object] = {"kind": kind}
        attached = ""
        if from_result:
            attached = request.POST.get("assessment", "")
            initial |= {"assessment": attached, "include_assessment": True}
        form = PublicRequestForm(initial=initial)
        return render(request, "public/request_form.html", _request_context(form, attached))
    form = PublicRequestForm(request.POST)
    if not form.is_valid():
        context = _request_context(form, request.POST.get("assessment", ""))
        return render(request, "public/request_form.html", context, status=400)
    details = form.details()
    crisis_statement = mentions_self_harm(details.message)
    enquiry = enquiry_submit(
        details=details, ctx=acting(request), crisis_statement=crisis_statement
    )
    request.session[THANKS_SESSION_KEY] = enquiry.urgent
    return redirect("public:request_thanks")


def _request_context(form: PublicRequestForm, attached: str) -> dict[str, object]:
    summary = None
    if attached:
        try:
            code, answers = parse_assessment(attached)
            summary = score(INSTRUMENTS[code], answers, thresholds())
        except (ValueError, InvalidAnswers):
            summary = None
    return {"form": form, "summary": summary, "crisis": bool(summary and summary.safety_flag)}


@login_not_required
@require_safe
def request_thanks(request: HttpRequest) -> HttpResponse:
    urgent = request.session.pop(THANKS_SESSION_KEY, False)
    return render(request, "public/request_thanks.html", {"crisis": urgent})
