"""The load bench's client: virtual users with their own session on a kept-alive connection.

Each virtual user is a thread with one `http.client` connection (reopened when the server
closes it, as a browser does), its own cookies (session and CSRF) and its own seeded random
choices. It logs in through the login form, then, until the run's deadline, either views a
page picked from the pages its role can see, or records something through the real form:
GET the form, fill what a person would type, POST it with the CSRF token, follow the
redirect. Every request's wall time is measured from sending to the last byte read.

Standard library only (no Django): the client runs in the bench's own process, apart from
the server it measures.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

from _load_stats import Sample

STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
DAYS = ("mon", "tue", "wed", "thu", "fri")


def pattern_of(path: str) -> str:
    """The URL with its ids and query left out, to group requests: /companies/<n>/."""
    return re.sub(r"/\d+(?=/|$)", "/<n>", urlsplit(path).path)


# --- Forms as a browser submits them ---------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return next((v for n, v in self.pairs if n == name), "")

    def names(self) -> list[str]:
        return [n for n, _ in self.pairs]

    def set(self, name: str, *values: str) -> None:
        """Replace the field's values (several for a multiple select), in place."""
        at = next((i for i, (n, _) in enumerate(self.pairs) if n == name), len(self.pairs))
        rest = [(n, v) for n, v in self.pairs if n != name]
        self.pairs = rest[:at] + [(name, v) for v in values] + rest[at:]


class FormParser(HTMLParser):
    """The forms of a page with the values a browser would send without a change:
    text and hidden inputs, checked boxes, the selected options (a single select without
    one selected sends its first option), textareas. Buttons and files are left out."""

    SKIP = {"submit", "button", "reset", "image", "file"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None  # the name of the select being read
        self._multiple = False
        self._options: list[str] = []
        self._selected: list[str] = []
        self._option: tuple[str | None, bool] | None = None  # value attribute, selected
        self._text: list[str] = []  # an option's or a textarea's text
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            self.forms.append(Form(attrs.get("action", ""), attrs.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag == "input" and "name" in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in self.SKIP or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.forms[-1].pairs.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select" and "name" in attrs:
            self._select, self._multiple = attrs["name"], "multiple" in attrs
            self._options, self._selected = [], []
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = (attrs.get("value"), "selected" in attrs)
            self._text = []
        elif tag == "textarea" and "name" in attrs:
            self._textarea, self._text = attrs["name"], []

    def handle_data(self, data: str) -> None:
        if self._option is not None or self._textarea is not None:
            self._text.append(data)

    def _close_option(self) -> None:
        if self._option is None:
            return
        value, selected = self._option
        value = value if value is not None else "".join(self._text).strip()
        self._options.append(value)
        if selected:
            self._selected.append(value)
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            form = self.forms[-1]
            form.options[self._select] = self._options
            chosen = self._selected if self._selected or self._multiple else self._options[:1]
            form.pairs.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.forms[-1].pairs.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None


def post_form(html: str, field: str) -> Form | None:
    """The page's first form that posts a field of this name (not the header's language
    switch, which posts too)."""
    parser = FormParser()
    parser.feed(html)
    posting = (f for f in parser.forms if f.method == "post")
    return next((f for f in posting if field in f.names() or field in f.options), None)


def form_errors(html: str) -> str:
    """The first error a refused form shows, for the report."""
    found = re.search(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    if not found:
        found = re.search(r'class="notice error"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()[:160] if found else "no message"


# --- One virtual user -----------------------------------------------------------------


@dataclass
class Persona:
    """Who a virtual user is and what it may do (made by the bench's prepare step)."""

    username: str
    password: str
    role: str
    pages: list[str]
    writes: list[str] = field(default_factory=list)  # "timesheet", "activity", "contact"
    companies: list[int] = field(default_factory=list)  # firms it records activities for


class VirtualUser:
    def __init__(self, host: str, port: int, persona: Persona, seed: int) -> None:
        self.host, self.port, self.persona = host, port, persona
        self.rng = random.Random(seed)
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=120)
        self.samples: list[Sample] = []
        self.problems: list[str] = []  # the first few failures, with what was asked

    # The transport: one request, timed, cookies kept, a stale kept-alive socket retried.
    def request(
        self, method: str, path: str, fields: Sequence[tuple[str, str]] | None = None, *, kind: str
    ) -> tuple[int, dict[str, str], str]:
        headers = {"User-Agent": "dipps-load-bench", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(list(fields))
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        start = time.perf_counter()
        try:
            status, head, text = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self._record(kind, path, time.perf_counter() - start, 0, type(exc).__name__)
            return 0, {}, ""
        elapsed = time.perf_counter() - start
        self._record(kind, path, elapsed, status, f"HTTP {status}" if status >= 400 else "")
        return status, head, text

    def _send(self, method, path, body, headers):
        for attempt in (1, 2):
            reused = self.conn.sock is not None
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except STALE:
                self.conn.close()
                if attempt == 2 or not reused:
                    raise
                continue
            for line in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            head = {k.lower(): v for k, v in response.getheaders()}
            return response.status, head, data.decode("utf-8", "replace")
        raise AssertionError("unreachable")

    def _record(self, kind: str, path: str, seconds: float, status: int, error: str) -> None:
        self.samples.append(Sample(kind, pattern_of(path), seconds, status, error))
        if error and len(self.problems) < 5:
            self.problems.append(f"{self.persona.username} {kind} {path}: {error}")

    def _fail_last(self, error: str, detail: str) -> None:
        """Mark the last request failed although its status was fine: a form answered
        with itself (refused), or a page without the form it should have."""
        last = self.samples[-1]
        self.samples[-1] = Sample(last.kind, last.pattern, last.seconds, last.status, error)
        if len(self.problems) < 5:
            self.problems.append(f"{self.persona.username} {detail}")

    # What a person does.
    def login(self) -> bool:
        status, _, html = self.request("GET", "/login/", kind="login")
        form = post_form(html, "username") if status == 200 else None
        if form is None:
            return False
        form.set("username", self.persona.username)
        form.set("password", self.persona.password)
        status, head, _ = self.request("POST", "/login/", form.pairs, kind="login")
        return status == 302 and "sessionid" in self.cookies

    def view(self, path: str) -> None:
        self.request("GET", path, kind="page")

    def submit(self, path: str, field: str, fill: Callable[[Form], bool]) -> None:
        """GET the form (with `field`) at `path`, let `fill` type into it, POST it, follow
        the redirect."""
        status, _, html = self.request("GET", path, kind="page")
        if status != 200:
            return
        form = post_form(html, field)
        if form is None or not fill(form):
            self._fail_last("no form", f"GET {path}: no form to fill")
            return
        target = urljoin(path, form.action) if form.action else path
        status, head, html = self.request("POST", target, form.pairs, kind="write")
        if status == 200:
            self._fail_last("refused", f"POST {target}: {form_errors(html)}")
        elif status in (301, 302, 303) and head.get("location"):
            self.request("GET", urlsplit(head["location"]).path or "/", kind="page")

    def write(self) -> None:
        what = self.rng.choice(self.persona.writes)
        if what == "timesheet":
            monday = date.today() - timedelta(days=date.today().weekday())
            week = monday - timedelta(weeks=self.rng.randrange(1, 53))
            path = f"/engagements/timesheet/?week={week.isoformat()}"
            self.submit(path, "form-TOTAL_FORMS", self._fill_timesheet)
        elif what == "activity":
            company = self.rng.choice(self.persona.companies)
            path = f"/engagements/activities/new/?company={company}"
            self.submit(path, "hours", self._fill_activity)
        else:
            company = self.rng.choice(self.persona.companies)
            self.submit(f"/companies/{company}/contacts/new/", "email", self._fill_contact)

    def _fill_timesheet(self, form: Form) -> bool:
        """An hour or two of programme administration on one weekday: the first row with
        a programme and no activity (the form always offers two)."""
        rows = sorted({n.split("-")[1] for n in form.names() if re.fullmatch(r"form-\d+-\w+", n)})
        for row in rows:
            if form.value(f"form-{row}-programme") and not form.value(f"form-{row}-activity"):
                day = self.rng.choice(DAYS)
                form.set(f"form-{row}-{day}", self.rng.choice(["0.5", "1", "1.5", "2"]))
                return True
        return False

    def _fill_activity(self, form: Form) -> bool:
        types = [t for t in form.options.get("type", []) if t]
        if not types:
            return False
        form.set("type", self.rng.choice(types))
        form.set("hours", self.rng.choice(["0.5", "1"]))
        form.set("note", "Load bench")
        return True

    def _fill_contact(self, form: Form) -> bool:
        n = self.rng.randrange(1_000_000)
        form.set("name", f"Lasttest Person {n}")
        form.set("role", "Produktionschef")
        form.set("email", f"lasttest.{n}@example.se")
        form.set("phone", f"070-{n % 1000:03d} {n % 100:02d} {n // 100 % 100:02d}")
        return True

    def act(self, write_share: float) -> None:
        if self.persona.writes and self.rng.random() < write_share:
            self.write()
        else:
            self.view(self.rng.choice(self.persona.pages))

    def close(self) -> None:
        self.conn.close()


# --- A run: every user acting until the deadline ---------------------------------------


@dataclass
class RunResult:
    samples: list[Sample]
    seconds: float
    problems: list[str]


def run(
    users: Sequence[VirtualUser],
    seconds: float,
    action: Callable[[VirtualUser], None],
    think: float = 0.0,
) -> RunResult:
    """Every user in its own thread repeats `action` (then pauses a random 0..2×`think`
    seconds) until `seconds` have passed; requests under way at the end are finished and
    counted. Wall time runs from the start to the last user's last answer."""
    for user in users:
        user.samples = []
    start = time.perf_counter()
    deadline = start + seconds

    def loop(user: VirtualUser) -> None:
        while time.perf_counter() < deadline:
            action(user)
            if think:
                time.sleep(user.rng.uniform(0, 2 * think))

    threads = [threading.Thread(target=loop, args=(u,), daemon=True) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    samples = [s for u in users for s in u.samples]
    problems = [p for u in users for p in u.problems][:10]
    for user in users:
        user.problems = []
    return RunResult(samples, elapsed, problems)
