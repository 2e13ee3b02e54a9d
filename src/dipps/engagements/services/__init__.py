"""Writes for the working method, one module per sub-domain.

- `engagements`: a company's engagement, its stages and its action plan;
- `activities`: activities, their companies' shares and de minimis aid, the derived totals;
- `timesheets`: a person's hours by the week;
- `attendance`: an activity's attendance list and its digital sign-in;
- `rates`: the in-kind hourly rate and staff employment cost;
- `imports`: earlier activities from the programme's spreadsheets.

Each write runs in one transaction and keeps the audit history. Callers import
from this package; what each module offers is listed here.
"""

from .activities import (
    ActivityInput,
    activity_delete,
    activity_record,
    activity_state,
    activity_update,
    natural_key,
    totals_rebuild,
)
from .attendance import AttendeeInput, attendance_set, attendance_sign_in, contributors_of
from .engagements import (
    ITEM_FIELDS,
    action_item_from_suggestion,
    action_item_save,
    engagement_move,
    engagement_start,
)
from .imports import activities_import, read_activities
from .rates import employment_cost_problems, employment_cost_set, in_kind_rate_set
from .timesheets import TimesheetRow, timesheet_week_save

__all__ = [
    "ITEM_FIELDS",
    "ActivityInput",
    "AttendeeInput",
    "TimesheetRow",
    "action_item_from_suggestion",
    "action_item_save",
    "activities_import",
    "attendance_set",
    "attendance_sign_in",
    "activity_delete",
    "activity_record",
    "activity_state",
    "activity_update",
    "contributors_of",
    "employment_cost_problems",
    "employment_cost_set",
    "engagement_move",
    "engagement_start",
    "in_kind_rate_set",
    "natural_key",
    "read_activities",
    "timesheet_week_save",
    "totals_rebuild",
]
