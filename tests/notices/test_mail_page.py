"""The mail page: the mails the file backend wrote, for programme managers; 404 with any
other backend."""

import pytest
from django.urls import reverse

from dipps.core import mail
from dipps.notices import mailbox

pytestmark = pytest.mark.django_db
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def mail_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


def send(subject="Mognadsmätning för Jämtlands Trä AB", body="Hej!\n\nhttps://x/s/abc/\n"):
    mail.send(to=["anna@example.se"], mail=mail.Mail(subject=subject, text=body, html="<p>Hej</p>"))


def test_a_manager_reads_the_list_and_opens_a_mail(client_as, mail_dir):
    send()
    send(subject="DIPPS-påminnelser", body="Uppföljningsmätningar\n")
    client = client_as("manager")
    page = client.get(reverse("notices:mail_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "anna@example.se" in text
    assert text.index("DIPPS-påminnelser") < text.index("Mognadsmätning för")  # newest first
    refs = [m.ref for m in mailbox.mails(mail_dir)]
    opened = client.get(reverse("notices:mail_detail", args=[refs[-1]]))
    assert opened.status_code == 200
    assert "https://x/s/abc/" in opened.content.decode()
    assert "HTML" in opened.content.decode()  # the HTML alternative is named, not rendered


@pytest.mark.parametrize("role", ["coach", "finance", "company", "observer"])
def test_other_roles_are_refused(client_as, mail_dir, role):
    send()
    assert client_as(role).get(reverse("notices:mail_list")).status_code == 403


def test_an_empty_directory_says_so(client_as, mail_dir):
    page = client_as("manager").get(reverse("notices:mail_list"))
    assert "Ingen e-post har skickats än." in page.content.decode()


@pytest.mark.parametrize("ref", ["nothing.log:0", "..:0", "passwd"])
def test_an_unknown_mail_is_404(client_as, mail_dir, ref):
    send()
    assert client_as("manager").get(reverse("notices:mail_detail", args=[ref])).status_code == 404


def test_without_the_file_backend_the_page_is_404(client_as, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert client_as("manager").get(reverse("notices:mail_list")).status_code == 404


def test_the_menu_names_the_page_for_a_manager_only_with_the_file_backend(mail_dir, settings):
    from dipps.site import nav

    assert (reverse("notices:mail_list"), "Skickad e-post") in nav.menu_for({"manager"})
    assert reverse("notices:mail_list") not in dict(nav.menu_for({"coach", "finance"}))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reverse("notices:mail_list") not in dict(nav.menu_for({"manager"}))
