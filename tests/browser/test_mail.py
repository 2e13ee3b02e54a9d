import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_mail(settings, tmp_path, transactional_db):
    """The demo as `make demo` runs it: mails written as files, read by the mail page."""
    from dipps.site.demo import load_demo

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return load_demo(company_count=30)


def test_a_coach_mails_a_link_in_english_and_the_manager_reads_it_with_the_reminders(
    page, live_server, demo_mail
):
    from dipps.companies.models import Company

    company = (
        Company.objects.filter(assessments__stage="t0", contacts__email__contains="@")
        .exclude(assessments__stage="t2")
        .order_by("name")
        .first()
    )
    contact = company.contacts.exclude(email="").order_by("name").first()
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/maturity/company/{company.pk}/")
    page.get_by_label("Mättillfälle").select_option("t2")
    page.get_by_role("button", name="Påbörja mätning").click()
    page.get_by_role("link", name="Skicka en länk för självskattning").click()
    page.get_by_label("Kontaktperson").select_option(label=contact.name)
    page.get_by_label("E-postmeddelandets språk").select_option("en")
    page.get_by_label("Skicka länken med e-post").check()
    page.get_by_role("button", name="Skapa länk").click()
    page.get_by_text(f"Länken har skickats till {contact.email}.").wait_for()

    page.context.clear_cookies()
    login(page, live_server, "projektledare", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Skickad e-post"
    ).click()
    mails = page.get_by_test_id("mails")
    assert mails.get_by_role("row", name=re.compile("DIPPS-påminnelser")).count() >= 3
    mails.get_by_role("link", name=f"Digital maturity assessment for {company.name}").click()
    body = page.get_by_test_id("mail-body").inner_text()
    assert body.startswith(f"Hello {contact.name},")
    assert "/maturity/s/" in body
