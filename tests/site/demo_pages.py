"""Walk the demo as a person would: every page one role can reach from its start page.

Used by `test_demo_words.py`: the walk follows the links of each page (same site, GET only),
one page per URL pattern and object kind, and hands back each page's visible text (tags,
attributes, scripts and styles stripped), so that a test can look for stored codes where a
person would read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.urls import Resolver404, resolve

from dipps.maturity.frameworks import available_frameworks, load_interventions

# Downloads, log-out, language switch and the admin are no pages a person reads.
SKIPPED = re.compile(r"\.(pdf|csv|xlsx|se|si|json|zip)$|/(logout|i18n|admin)/|/download|/export")
# Choice keys a person could read as words of the page's language, and upper-case units
# (EUR, T0), are no proof of a leak; the catalogues' ids are checked whatever they look like.
PLAIN = re.compile(r"^([a-zåäö]+|[A-Z0-9]+)$")


# Not read as the page's words: scripts and styles, and <code>, where a page shows a code on
# purpose (a file format's column or key a person must type).
HIDDEN = ("script", "style", "template", "code")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text_and_links(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.links


def stored_codes() -> dict[str, str]:
    """code -> where it comes from: the intervention catalogue, the framework ids and the
    keys of every model field with choices that a person could not read as a word."""
    codes: dict[str, str] = {}
    for item in load_interventions():
        codes[item.id] = "intervention catalogue"
    for framework_id, _version in available_frameworks():
        codes[framework_id] = "framework id"
    for model in apps.get_models():
        if not model.__module__.startswith("dipps."):
            continue
        for field in model._meta.get_fields():
            for key, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(key, str) and len(key) > 2 and not PLAIN.match(key):
                    codes.setdefault(key, f"{model._meta.label}.{field.name}")
    return codes


def _shape(path: str) -> str:
    """One page per URL pattern and kind of object: the pattern's name and its arguments'
    names (not values), so that 80 company pages count as one."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return f"{match.view_name}:{sorted(match.kwargs)}"


def walk(client, start: str = "/", limit: int = 400) -> Iterator[tuple[str, str]]:
    """(path, visible text) of each page reachable from `start`, one per shape."""
    seen_shapes: set[str] = set()
    queue = [start]
    visited: set[str] = set()
    while queue and len(visited) < limit:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text, links = visible_text_and_links(response.content.decode())
        yield path, text
        for href in links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if SKIPPED.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            shape = _shape(parts.path) + ("?" if parts.query else "")
            if shape in seen_shapes or target in visited:
                continue
            seen_shapes.add(shape)
            queue.append(target)
