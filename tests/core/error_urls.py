"""The site's URLs plus views that fail on purpose, for the error-page tests only."""

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.urls import path

from dipps.urls import urlpatterns as site_urlpatterns


def refuse(request):
    raise PermissionDenied("secret-reason: the finance role is held only in OTHER")


def crash(request):
    raise RuntimeError("secret-detail: SECRET_KEY=abc123 at /srv/dipps/settings.py")


def crash_in_the_database(request):
    raise DatabaseError('secret-detail: relation "finance_costentry" does not exist')


urlpatterns = [
    *site_urlpatterns,
    path("test-errors/403/", refuse),
    path("test-errors/500/", crash),
    path("test-errors/500-db/", crash_in_the_database),
]
