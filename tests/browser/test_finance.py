import re
from datetime import date
from decimal import Decimal as D

import pytest

from dipps.accounts.demo import DEMO_PASSWORD
from tests.finance.helpers import salary, sie_file

from .conftest import login

pytestmark = pytest.mark.browser


def test_the_finance_officer_imports_reviews_and_produces_a_claim_pdf(page, live_server, demo):
    login(page, live_server, "ekonom", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ekonomi").click()
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^DIPPS –")).click()
    page.get_by_role("link", name="Importera SIE-fil").click()

    data = sie_file(
        [salary(1, date(2025, 1, 25), D("40000")), salary(2, date(2025, 2, 25), D("40000"))]
    )
    page.get_by_role("combobox", name="Partner").select_option(label="IUC Z-Group")
    page.get_by_label("SIE 4-fil").set_input_files(
        {"name": "iuc-2025.se", "mimeType": "text/plain", "buffer": data}
    )
    page.get_by_role("button", name="Läs filen").click()
    page.wait_for_url(re.compile(r"/finance/import/\d+/$"))
    assert page.locator("#rows-new").inner_text() == "4"

    # Exclude the employer's fees of voucher 2, then confirm.
    page.get_by_label("Verifikation A 2, konto 7510").check()
    page.get_by_role("button", name="Undanta de valda raderna").click()
    assert page.get_by_text("1 rader undantogs.").is_visible()
    page.get_by_role("button", name="Bekräfta: kostnaderna räknas").click()
    page.wait_for_url(re.compile(r"/finance/DIPPS/$"))
    assert page.get_by_text("Importen bekräftad: 3 rader räknas nu.").is_visible()

    # Period 4 (January–June 2025) has no claim yet.
    row = page.locator("tr", has=page.get_by_role("cell", name="2025-01-01"))
    row.get_by_role("button", name="Påbörja en ansökan om utbetalning").click()
    page.wait_for_url(re.compile(r"/finance/claim/\d+/$"))
    # Staff 40 000 + 12 000 (fees of voucher 1) + 40 000 = 92 000, plus the 15 % flat rate.
    assert page.locator("#claim-total").inner_text().replace("\xa0", " ") == "105 800,00 kr"
    link = page.get_by_role("link", name="Ansökan som PDF")
    # Fetched with the page's session: Chromium's viewer would wrap the PDF in its own page.
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
