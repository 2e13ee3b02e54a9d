"""The mail page (notices): programme managers only, and only where the file backend is
configured. The tests run with Django's in-memory backend, so a manager gets 404 here;
tests/notices/test_mail_page.py opens the page with the file backend for every role."""

from django.urls import reverse

from . import Case, expect

NO_FILE_BACKEND = expect(manager=404, coach=403, finance=403)

CASES = [
    Case("notices:mail_list", lambda w: reverse("notices:mail_list"), NO_FILE_BACKEND),
    Case(
        "notices:mail_detail",
        lambda w: reverse("notices:mail_detail", args=["20261129-120000-1.log:0"]),
        NO_FILE_BACKEND,
    ),
]
