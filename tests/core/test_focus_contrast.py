"""The focus indicator stands out at least 3:1 from the colours around it (WCAG 2.2 2.4.13,
and 1.4.11 for the indicator as a non-text element), computed from dipps.css itself."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).parents[2] / "src/dipps/core/static/dipps/dipps.css"


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of #rgb or #rrggbb."""
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def stylesheet() -> tuple[dict[str, str], dict[str, str]]:
    """The custom properties of :root, and the declarations of the bare :focus-visible rule."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.DOTALL)
    root = re.search(r"^:root\s*\{(.*?)\}", text, re.MULTILINE | re.DOTALL).group(1)
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))
    focus = re.search(r"^:focus-visible\s*\{(.*?)\}", text, re.MULTILINE | re.DOTALL).group(1)
    declarations = {
        name.strip(): value.strip() for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+);", focus)
    }
    return variables, declarations


def colour_in(value: str, variables: dict[str, str]) -> str:
    """The one colour in a declaration's value, with var(--name) resolved."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)].strip(), value)
    (colour,) = re.findall(r"#[0-9a-fA-F]{3,6}\b", value)
    return colour


def test_the_contrast_ratio_is_computed_as_wcag_defines_it():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # the old indicator: yellow on white, far below 3:1
    assert contrast("#ffbf47", "#ffffff") == pytest.approx(1.6, abs=0.05)


def test_the_focus_line_stands_out_from_every_page_background():
    variables, focus = stylesheet()
    line = colour_in(focus["outline"], variables)
    for background in ("--bg", "--card"):
        assert contrast(line, variables[background]) >= 3, background
    assert contrast(line, "#eef1f4") >= 3  # table headers


def test_the_ring_around_the_line_stands_out_from_the_blue_header_and_from_the_line():
    variables, focus = stylesheet()
    line = colour_in(focus["outline"], variables)
    ring = colour_in(focus["box-shadow"], variables)
    assert contrast(ring, variables["--brand"]) >= 3
    assert contrast(ring, line) >= 3
