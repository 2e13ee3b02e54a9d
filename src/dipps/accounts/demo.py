"""Demo users: every demo login (`dipps demo-data`) shares this one password.

It lives here, beside the users, so that the apps adding demo people of their own
(engagements' second coach) and the site's demo orchestration read one constant.
"""

DEMO_PASSWORD = "dipps-demo-2025"
