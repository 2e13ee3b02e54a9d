"""Every dipps command answers --help (lazy translations there once broke argparse)."""

import pytest
from django.core.management import get_commands, load_command_class

DIPPS_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("dipps."))


def test_the_project_has_its_commands():
    assert {"demo-data", "import", "indicators", "sie", "scenario"} <= set(DIPPS_COMMANDS)


@pytest.mark.parametrize("name", DIPPS_COMMANDS)
def test_each_command_formats_its_help(name):
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("dipps", name)
    text = parser.format_help()
    assert f"dipps {name}" in text
    for action in parser._actions:  # subcommands (sie inspect, scenario stress …) too
        if isinstance(action.choices, dict):
            for sub in action.choices.values():
                assert sub.format_help()
