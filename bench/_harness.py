"""Shared pieces of the page benchmarks: the trivial view (the floor) and the timer.

The floor every page benchmark divides by is *a real page of the product at
its smallest*, not a bare HttpResponse: it runs behind the full middleware
stack (session, locale, CSRF, authentication, messages, axes), loads the
logged-in user from the session (what `role_required` views do) and renders
a minimal template that extends base.html, so the context processors, the
main menu (dipps.site.nav) and the language switch all run. It makes no
domain query. A page "within 10× the trivial view" is therefore a page whose
own work costs at most nine such empty pages.

Use it from a bench module that is its own ROOT_URLCONF (call before Django
resolves any URL; Django must already be set up):

    urlpatterns = [path("", include("dipps.urls"))]
    register_trivial(urlpatterns)            # adds /bench-trivial/
    floor = median_time(client, [TRIVIAL_URL] * 30)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable

TRIVIAL_URL = "/bench-trivial/"

_TEMPLATE = """{% extends "base.html" %}{% load i18n %}
{% block title %}{% translate "Start" %}{% endblock %}
{% block content %}<h1>{{ user.get_username }}</h1>{% endblock %}"""

_compiled = None


def trivial_view(request):
    """The smallest real page: the session's user, base.html, menu and language switch."""
    from django.http import HttpResponse
    from django.template import engines

    global _compiled
    if _compiled is None:  # compiled once, as the cached template loader would
        _compiled = engines["django"].from_string(_TEMPLATE)
    # Touch the user as a login-required view does (one session + one user query).
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    return HttpResponse(_compiled.render({}, request))


def register_trivial(urlpatterns: list) -> list:
    """Prepend the trivial page at TRIVIAL_URL to a bench urlconf's patterns (in place)."""
    from django.urls import path

    urlpatterns.insert(0, path(TRIVIAL_URL.strip("/") + "/", trivial_view, name="bench-trivial"))
    return urlpatterns


def median_time(client, urls: Iterable[str], *, expect: int = 200) -> float:
    """Median wall time in seconds of GET requests through the Django test Client.

    The first URL is requested once untimed (template compilation, first
    connection); every response must have the expected status.
    """
    urls = list(urls)
    response = client.get(urls[0])
    assert response.status_code == expect, (urls[0], response.status_code)
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == expect, (url, response.status_code)
    return statistics.median(samples)
