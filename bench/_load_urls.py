"""The load bench's URLs: DIPPS's, and the trivial page of bench/_harness.py."""

from django.urls import include, path

from _harness import register_trivial

urlpatterns = register_trivial([path("", include("dipps.urls"))])
