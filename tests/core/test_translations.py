"""Every user-facing string has its Swedish translation.

The catalogues are extracted afresh from a copy of the source (Django's
makemessages, as `make messages` does) and compared with the committed ones: a
string added without a translation, or a translation left fuzzy, fails here
rather than showing English on a Swedish page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs xgettext over every app

SRC = Path(__file__).resolve().parents[2] / "src"
APPS = sorted(p.parent.parent.parent for p in (SRC / "dipps").glob("*/locale/sv/LC_MESSAGES"))


def _entries(po: str) -> dict[str, tuple[str, bool]]:
    """msgid (with context) -> (first msgstr, fuzzy?), for every live entry of a catalogue."""
    out = {}
    for block in po.split("\n\n"):
        if "\n#~ " in "\n" + block:
            continue
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        text = "\n".join(line for line in lines if not line.startswith("#"))
        ctx = re.search(r'^msgctxt "(.*)"((?:\n".*")*)', text, re.MULTILINE)
        mid = re.search(r'^msgid "(.*)"((?:\n".*")*)', text, re.MULTILINE)
        mstr = re.search(r'^msgstr(?:\[0\])? "(.*)"((?:\n".*")*)', text, re.MULTILINE)
        if not mid or not mstr:
            continue

        def join(m):
            return m.group(1) + "".join(re.findall(r'"(.*)"', m.group(2)))

        key = (join(ctx) + "\x04" if ctx else "") + join(mid)
        if key:
            out[key] = (join(mstr), fuzzy)
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    # GNU gettext is required anyway: `make test` compiles the catalogues with it.
    assert shutil.which("xgettext"), "GNU gettext (xgettext) is needed: apt-get install gettext"
    copy = tmp_path_factory.mktemp("src") / "dipps"
    shutil.copytree(SRC / "dipps", copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dipps.settings", "PYTHONPATH": str(SRC)}
    for app in APPS:
        subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "dipps",
                "makemessages",
                "-l",
                "sv",
                "--no-obsolete",
                "-v",
                "0",
            ],
            cwd=copy / app.name,
            env=env,
            check=True,
        )
    return copy


@pytest.mark.parametrize("app", [a.name for a in APPS])
def test_every_string_of_the_app_has_a_swedish_translation(app, extracted):
    committed = _entries((SRC / "dipps" / app / "locale/sv/LC_MESSAGES/django.po").read_text())
    fresh = _entries((extracted / app / "locale/sv/LC_MESSAGES/django.po").read_text())
    missing = sorted(k for k, (text, fuzzy) in fresh.items() if not text or fuzzy)
    assert not missing, f"{app}: strings without a Swedish translation: {missing[:20]}"
    fuzzy = sorted(k for k, (_text, f) in committed.items() if f)
    assert not fuzzy, f"{app}: fuzzy translations: {fuzzy[:20]}"


def test_one_string_has_one_translation_across_apps():
    """Django merges every app's catalogue and the first app in INSTALLED_APPS wins, so the
    same msgid translated two ways ("Start": the home link, "Starta": begin an engagement)
    shows the wrong word in one place. Give such strings a context instead."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for app in APPS:
        po = (SRC / "dipps" / app.name / "locale/sv/LC_MESSAGES/django.po").read_text()
        for key, (text, _fuzzy) in _entries(po).items():
            if key in seen and seen[key][1] != text:
                clashes.append(f"{key!r}: {seen[key][0]} {seen[key][1]!r}, {app.name} {text!r}")
            seen.setdefault(key, (app.name, text))
    assert not clashes, "\n".join(clashes)
