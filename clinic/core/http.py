"""Small HTTP helpers shared by every app."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip_from(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address: REMOTE_ADDR, or with N trusted proxies the Nth address from the
    right of X-Forwarded-For (addresses further left are the client's own claims)."""
    candidate = remote_addr
    if trusted_proxies > 0 and forwarded_for:
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        if len(hops) >= trusted_proxies:
            candidate = hops[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - a placeholder for an unparsable address, never bound


def client_ip(request: HttpRequest) -> str:
    return client_ip_from(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.CLINIC_TRUSTED_PROXY_COUNT,
    )
