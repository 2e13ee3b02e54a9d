"""The pure rules of conditional GET and pages (dipps.api.conditional)."""

from datetime import UTC, datetime

from dipps.api import conditional
from dipps.api.conditional import not_modified, window

T = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 1, 12, 0, 1, tzinfo=UTC)


def test_the_etag_is_quoted_and_follows_the_body():
    a, b = conditional.etag_of(b"[1]"), conditional.etag_of(b"[2]")
    assert a.startswith('"') and a.endswith('"')
    assert a != b and a == conditional.etag_of(b"[1]")


def test_a_matching_etag_means_not_modified_weak_or_in_a_list():
    tag = conditional.etag_of(b"x")
    for header in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        assert not_modified(etag=tag, last_modified=T, if_none_match=header, if_modified_since=None)
    assert not not_modified(
        etag=tag, last_modified=T, if_none_match='"other"', if_modified_since=None
    )


def test_if_none_match_wins_over_if_modified_since():
    tag = conditional.etag_of(b"x")
    assert not not_modified(
        etag=tag, last_modified=T, if_none_match='"stale"', if_modified_since=LATER
    )


def test_a_date_is_compared_in_whole_seconds():
    assert not_modified(etag=None, last_modified=T, if_none_match=None, if_modified_since=T)
    fraction = T.replace(microsecond=500_000)
    assert not_modified(etag=None, last_modified=fraction, if_none_match=None, if_modified_since=T)
    assert not not_modified(etag=None, last_modified=LATER, if_none_match=None, if_modified_since=T)


def test_without_a_date_on_either_side_the_copy_is_not_current():
    assert not not_modified(etag=None, last_modified=None, if_none_match=None, if_modified_since=T)
    assert not not_modified(etag=None, last_modified=T, if_none_match=None, if_modified_since=None)


def test_a_window_holds_limit_and_offset_and_says_where_the_next_page_starts():
    w = window(250, 100, 0)
    assert (w.limit, w.offset, w.next_offset, w.previous_offset) == (100, 0, 100, None)
    w = window(250, 100, 200)
    assert (w.next_offset, w.previous_offset) == (None, 100)
    w = window(250, 100, 50)
    assert w.previous_offset == 0
    assert window(10, None, None).limit == conditional.DEFAULT_LIMIT
    assert window(10, 10**6, -5).limit == conditional.MAX_LIMIT
    assert window(10, 0, -5).offset == 0 and window(10, 0, 0).limit == 1
