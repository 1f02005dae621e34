"""Pages of plans, a module per topic; `urls.py` and `urls_calendar.py` route to them.

- `plans`: the list, the plan as a document with its execution, the plan's own settings and state;
- `editor`: editing a draft in place (HTMX requests answered with the plan table);
- `execution`: marking occurrences, dates set by hand, the dashboard of what is due and overdue;
- `exports`: the plan and its execution report as Word and Excel files;
- `imports`: import of a plan from Word or Excel (upload, preview, save);
- `calendar`: the month of due dates and the iCalendar feeds with their private links.
"""
