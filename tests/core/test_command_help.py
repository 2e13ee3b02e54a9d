"""Every dipps command answers --help (lazy translations there once broke argparse)."""

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import translation

DIPPS_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("dipps."))


def test_the_project_has_its_commands():
    assert {"demo-data", "import", "indicators", "sie", "scenario"} <= set(DIPPS_COMMANDS)


# A phrase each command's help must hold, and each subcommand's usage or help: a help that
# formats but says nothing, or the wrong thing, fails. A new command needs a line. A command
# whose help goes through gettext shows it in the language active when its module was first
# imported, so such a phrase is given in English and in Swedish.
HELP_PHRASES = {
    "automation": (
        "Payback, net present value and internal rate of return of an automation",
        "Återbetalningstid, nettonuvärde och internränta för en automatisering",
    ),
    "backup": ("Back up the database and the uploaded files into one archive",),
    "claim": (
        "Payment claim figures the funder's way",
        "Ansökans belopp enligt finansiärens regler",
    ),
    "deminimis": (
        "De minimis checks by the regulation of each grant's date",
        "Kontroll av stöd av mindre betydelse enligt den förordning",
    ),
    "demo-data": ("one user per role (idempotent)",),
    "impact": (
        "Impact figures: value added from an SIE file",
        "Effektmått: förädlingsvärde ur en SIE-fil",
    ),
    "import": ("Import a CSV or XLSX file (all rows or none)",),
    "indicators": (
        "ERDF and programme indicators as JSON",
        "ERUF- och programindikatorer som JSON",
    ),
    "maturity": ("Maturity assessments: score an answers file",),
    "privacy": (
        "Rights procedure tools for personal data",
        "Verktyg för de registrerades rättigheter",
    ),
    "remind": (
        "Send the daily reminder mails",
        "Skicka de dagliga påminnelserna",
    ),
    "restore": ("Restore a backup archive of `dipps backup` into an empty database",),
    "scenario": (
        "Stress-test a firm's cost structure, or run a Monte Carlo simulation",
        "Stresstesta ett företags kostnadsstruktur",
    ),
    "sie": (
        "Read SIE accounting files and report what they hold",
        "Läs SIE-filer från bokföringen och visa vad de innehåller",
    ),
    "sme": (
        "SME size class and status by Recommendation 2003/361",
        "Storleksklass och status som SME enligt rekommendation 2003/361",
    ),
    "worker": ("jobs left running by a stopped worker are marked interrupted",),
}
SUBCOMMAND_PHRASES = {
    ("automation", "payback"): "JSON input file, or - for standard input.",
    ("claim", "compute"): "JSON input file, or - for standard input.",
    ("deminimis", "check"): "JSON input file, or - for standard input.",
    ("impact", "value-added"): "[--employees N]",
    ("impact", "did"): "[--draws DRAWS] [--seed SEED]",
    ("maturity", "score"): "answers JSON file, or - for standard input",
    ("scenario", "stress"): "JSON input file, or - for standard input.",
    ("privacy", "retention"): "[--years YEARS] [--programme CODE] [--on YYYY-MM-DD]",
    ("scenario", "montecarlo"): "[--draws DRAWS] [--seed SEED]",
    ("sie", "inspect"): "FILE [FILE ...]",
    ("sme", "classify"): "JSON input file, or - for standard input.",
}


def test_every_command_has_a_known_phrase_to_check():
    missing = set(DIPPS_COMMANDS) - set(HELP_PHRASES)
    assert not missing, f"add a phrase of the help of {sorted(missing)} to HELP_PHRASES"


@pytest.mark.parametrize("name", DIPPS_COMMANDS)
def test_each_command_formats_its_help(name):
    command = load_command_class(get_commands()[name], name)
    with translation.override("en"):
        parser = command.create_parser("dipps", name)
        text = " ".join(parser.format_help().split())  # argparse wraps long lines
        assert f"dipps {name}" in text
        assert any(phrase in text for phrase in HELP_PHRASES.get(name, ("(no phrase listed)",)))
        subcommands = {}
        for action in parser._actions:  # subcommands (sie inspect, scenario stress …) too
            if isinstance(action.choices, dict):
                for sub_name, sub in action.choices.items():
                    subcommands[(name, sub_name)] = " ".join(sub.format_help().split())
    assert sorted(subcommands) == sorted(k for k in SUBCOMMAND_PHRASES if k[0] == name)
    for key, sub_text in subcommands.items():
        assert SUBCOMMAND_PHRASES[key] in sub_text
