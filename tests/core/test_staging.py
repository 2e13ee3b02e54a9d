from datetime import timedelta

import pytest
from django.utils import timezone

from dipps.core import staging
from dipps.core.models import StagedUpload

pytestmark = pytest.mark.django_db


def test_a_staged_file_is_taken_once_by_its_owner(world):
    coach = world.users["coach"]
    pk = staging.stage(owner=coach, purpose="company_import", filename="a.csv", data=b"x" * 10)
    assert staging.take(owner=coach, purpose="company_import", pk=pk) == ("a.csv", b"x" * 10)
    assert staging.take(owner=coach, purpose="company_import", pk=pk) is None


def test_someone_else_or_another_purpose_cannot_take_it(world):
    coach, manager = world.users["coach"], world.users["manager"]
    pk = staging.stage(owner=coach, purpose="company_import", filename="a.csv", data=b"a")
    assert staging.take(owner=manager, purpose="company_import", pk=pk) is None
    assert staging.take(owner=coach, purpose="scenario_history_import", pk=pk) is None
    assert staging.take(owner=coach, purpose="company_import", pk=str(pk)) is None
    assert StagedUpload.objects.filter(pk=pk).exists()


def test_a_new_upload_replaces_the_owners_earlier_one_and_stale_ones_go(world):
    coach, manager = world.users["coach"], world.users["manager"]
    first = staging.stage(owner=coach, purpose="company_import", filename="a.csv", data=b"a")
    other = staging.stage(owner=coach, purpose="history", filename="h.csv", data=b"h")
    stale = staging.stage(owner=manager, purpose="company_import", filename="m.csv", data=b"m")
    StagedUpload.objects.filter(pk=stale).update(
        created_at=timezone.now() - staging.KEEP - timedelta(minutes=1)
    )
    assert staging.take(owner=manager, purpose="company_import", pk=stale) is None  # too old
    second = staging.stage(owner=coach, purpose="company_import", filename="b.csv", data=b"b")
    assert set(StagedUpload.objects.values_list("pk", flat=True)) == {other, second}
    assert first != second
