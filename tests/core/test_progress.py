from dipps.core.progress import counted, report


def test_counted_reports_about_every_hundredth_item_and_once_at_the_end():
    calls = []
    items = list(range(250))
    seen = list(counted(items, lambda d, t, m: calls.append((d, t, m)), "rows"))
    assert seen == items
    # 250 // 100 = 2: every second item, then 250 of 250
    assert calls[:3] == [(0, 250, "rows"), (2, 250, "rows"), (4, 250, "rows")]
    assert calls[-1] == (250, 250, "rows")
    assert len(calls) == 126


def test_counted_adds_an_offset_and_counts_towards_a_given_total():
    calls = []
    list(counted([1, 2], lambda d, t, m: calls.append((d, t)), offset=10, total=20))
    assert calls == [(10, 20), (11, 20), (12, 20)]


def test_without_a_callback_nothing_is_reported_and_every_item_is_yielded():
    assert list(counted("abc", None)) == ["a", "b", "c"]
    report(None, 1, 2, "ignored")  # no callback: nothing to call


def test_report_passes_its_figures_on():
    calls = []
    report(lambda d, t, m: calls.append((d, t, m)), 3, 7, "x")
    assert calls == [(3, 7, "x")]
