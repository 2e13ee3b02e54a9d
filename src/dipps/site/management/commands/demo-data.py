from django.core.management.base import BaseCommand

from dipps.site.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo programmes, companies and one user per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=80)

    def handle(self, *args, companies, **options):
        logins = load_demo(companies)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Demo logins (username / password – role):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:14} / {password}  – {role}")
