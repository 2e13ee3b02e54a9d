"""A 46 MB SIE file uploaded in the browser is read by the worker: the progress bar moves,
the finance officer leaves the page and comes back, and finds the result.

The file is made from a real export in ../shared/testdata/sie/ by repeating its vouchers
(renumbered, dated 2024); the test skips when that file is absent. The worker runs in a
thread of this process, on the live server's database.
"""

import re
import threading
import time
from pathlib import Path

import pytest

from .conftest import login

pytestmark = pytest.mark.browser

# ../shared beside the repository (or beside the folder of a git worktree of it).
SOURCE = next(
    (
        p / "shared" / "testdata" / "sie" / "transaktioner_ovnbolag.se"
        for p in Path(__file__).resolve().parents[3:5]
        if (p / "shared" / "testdata").is_dir()
    ),
    Path("../shared/testdata/sie/transaktioner_ovnbolag.se"),
)
SIZE = 46 * 1024 * 1024
PASSWORD = "jobb-i-bakgrunden-2026"
VER = re.compile(rb"^#VER (\S+) \S+ 2024(\d{4})", re.MULTILINE)
# A row's own date (#TRANS … 20110217), moved to 2024 like its voucher's.
DAY_2011 = re.compile(rb"(?<![\d.])2011(0[1-9]|1[0-2])([0-3]\d)(?![\d.])")


def large_sie_file(path: Path) -> int:
    """Write a ~46 MB SIE 4 file of the source's vouchers repeated; returns its voucher count."""
    text = SOURCE.read_bytes()
    first = text.index(b"#VER")
    head = re.sub(rb"#RAR -1 [^\r\n]*\r?\n", b"", text[:first])
    head = re.sub(rb"#RAR 0 \d+ \d+", b"#RAR 0 20240101 20241231", head)
    body = DAY_2011.sub(rb"2024\1\2", text[first:])
    number = 0
    with path.open("wb") as out:
        out.write(head)
        written = len(head)
        while written < SIZE:
            chunk_start = number

            def renumber(match, start=chunk_start):
                nonlocal number
                number += 1
                return b"#VER " + match.group(1) + b" %d 2024" % number + match.group(2)

            chunk = VER.sub(renumber, body)
            assert number > chunk_start
            out.write(chunk)
            written += len(chunk)
    return number


@pytest.fixture
def worker(live_server):
    """`dipps worker`'s loop in a thread, on the database the live server uses.

    An in-memory SQLite database lives in one connection, which the live server's thread
    shares; the worker shares it too. So that a request's transaction and the worker's
    claim of a task never interleave on it, the worker claims only between requests (the
    job itself then runs beside them, as it does beside a real server).
    """
    from django.core.signals import request_finished, request_started
    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    shared = connections["default"]
    in_memory = shared.vendor == "sqlite" and shared.is_in_memory_db()
    between_requests = threading.Lock()

    def request_began(**kwargs):
        between_requests.acquire()

    def request_ended(**kwargs):
        if between_requests.locked():
            between_requests.release()

    if in_memory:
        shared.inc_thread_sharing()
        request_started.connect(request_began, dispatch_uid="jobs-browser-test")
        request_finished.connect(request_ended, dispatch_uid="jobs-browser-test")
    runner = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def run():
        if in_memory:
            connections["default"] = shared
        try:
            while runner.running:
                with between_requests, exclusive_transaction():
                    task = DBTaskResult.objects.ready().get_locked()
                    if task is not None:
                        task.claim(runner.worker_id)
                if task is not None:
                    runner.run_task(task)
                else:
                    time.sleep(0.2)
        finally:
            if not in_memory:
                connections["default"].close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield runner
    runner.running = False
    thread.join(timeout=120)
    if in_memory:
        request_started.disconnect(dispatch_uid="jobs-browser-test")
        request_finished.disconnect(dispatch_uid="jobs-browser-test")
        shared.dec_thread_sharing()


@pytest.fixture
def finance_officer(transactional_db):
    from dipps.accounts.models import Role
    from dipps.finance.models import PartnerLedger
    from tests.factories import make_programme, make_user
    from tests.finance.helpers import partner

    programme = make_programme()
    org = partner(programme, orgnr="5555555555", name="Övningsbolaget AB")
    PartnerLedger.objects.filter(programme=programme, organisation=org).update(
        dimension="", object="", accounts="4000-7699"
    )
    user = make_user(Role.FINANCE, programme, username="ekonom-jobb")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_large_sie_file_shows_progress_and_survives_leaving_the_page(
    page, live_server, finance_officer, worker, tmp_path
):
    if not SOURCE.exists():
        pytest.skip(f"{SOURCE} is absent (shared test data)")
    path = tmp_path / "ovningsbolaget-2024.se"
    large_sie_file(path)
    assert path.stat().st_size >= SIZE

    login(page, live_server, "ekonom-jobb", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/finance/DIPPS/import/")
    page.get_by_role("combobox", name="Partner").select_option(label="Övningsbolaget AB")
    page.get_by_label("SIE 4-fil").set_input_files(str(path))
    page.get_by_role("button", name="Läs filen").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"), timeout=120_000)
    job_url = page.url

    # The bar moves: it gets a maximum (the file's lines) and its value grows.
    bar = page.locator("progress")
    seen = set()
    deadline = time.monotonic() + 300
    while len(seen) < 2 and time.monotonic() < deadline:
        if bar.count() == 0:
            break  # the job finished before a second value was seen
        value = bar.get_attribute("value")
        if value and int(value) > 0:
            seen.add(int(value))
        time.sleep(0.2)
    assert len(seen) >= 2, f"the progress bar did not move: {seen}"
    assert page.get_by_role("status").filter(has_text=" av ").count() >= 1

    # Leave the page; the finance pages list the file being read, and lead back to it.
    page.goto(f"{live_server.url}/finance/DIPPS/")
    page.get_by_role("link", name="SIE-import: filen läses").first.click()
    page.wait_for_url(job_url)

    outcome = page.get_by_text("Jobbet är klart.").or_(page.get_by_role("alert"))
    outcome.first.wait_for(timeout=600_000)
    assert page.get_by_role("alert").count() == 0, page.get_by_role("alert").inner_text()
    page.get_by_role("link", name="Öppna resultatet").click()
    page.wait_for_url(re.compile(r"/finance/import/\d+/$"))
    assert int(page.locator("#rows-new").inner_text().replace("\xa0", "").replace(" ", "")) > 0
