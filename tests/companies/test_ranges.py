from dipps.companies.views import _ranges


def test_division_lists_are_shown_as_ranges():
    assert _ranges([49, 50, 51, 52, 62, 63, 69, 70, 71, 72, 73, 74, 77, 78, 82]) == (
        "49–52, 62–63, 69–74, 77–78, 82"
    )
    assert _ranges([]) == ""
