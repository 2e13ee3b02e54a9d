"""core.mail: a mail rendered in the language asked for, whatever the page's language, and
the settings' backend named only when it writes files."""

from django.utils import translation

from dipps.core import mail


def test_a_mail_is_rendered_in_the_language_asked_and_the_page_language_is_kept(db):
    context = {"name": "", "company": "Kall AB", "days": 30, "url": "https://x/", "sender": "Kim"}
    with translation.override("en"):
        swedish = mail.render("maturity/mail/link", context, "sv")
        assert translation.get_language() == "en"
    english = mail.render("maturity/mail/link", context, "en")
    assert swedish.subject == "Mognadsmätning för Kall AB"
    assert swedish.text.startswith("Hej!\n\nbesvara gärna")
    assert english.subject == "Digital maturity assessment for Kall AB"
    assert english.html is None  # no HTML template: text only


def test_an_unknown_language_falls_back_to_swedish():
    assert mail.language_or_default("de") == "sv"
    assert mail.language_or_default(None) == "sv"
    assert mail.language_or_default("en") == "en"


def test_text_mails_are_not_html_escaped(db):
    context = {"name": "Åsa & Co", "company": "A&B <AB>", "days": 30, "url": "u", "sender": "K"}
    text = mail.render("maturity/mail/link", context, "en").text
    assert "Hello Åsa & Co," in text and "A&B <AB>" in text


def test_the_mail_directory_is_known_only_with_the_file_backend(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert mail.file_backend_dir() is None
    settings.EMAIL_BACKEND = mail.FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path)
    assert mail.file_backend_dir() == tmp_path
