"""The mail page: what the file backend wrote (the demo's var/mail), for programme managers.

Only where the file backend is configured (`core.mail.file_backend_dir`); with SMTP or any
other backend the pages do not exist (404). Mails hold personal links and addresses, so the
page is the programme managers' (docs/operations.md, "E-mail")."""

from django.http import Http404
from django.shortcuts import render

from dipps.accounts.roles import MANAGERS, role_required
from dipps.core import mail

from . import mailbox


def _directory():
    directory = mail.file_backend_dir()
    if directory is None:
        raise Http404
    return directory


@role_required(*MANAGERS)
def mail_list(request):
    directory = _directory()
    return render(
        request,
        "notices/mail_list.html",
        {"mails": mailbox.mails(directory), "directory": directory},
    )


@role_required(*MANAGERS)
def mail_detail(request, ref: str):
    found = mailbox.mail_get(_directory(), ref)
    if found is None:
        raise Http404
    return render(request, "notices/mail_detail.html", {"mail": found})
