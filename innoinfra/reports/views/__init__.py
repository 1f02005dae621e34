"""Reporting pages, by topic:

- `campaigns` — the start page, campaigns and their progress for the staff;
- `builder` — the form builder: the items of a campaign's form;
- `reports` — an organization's reports, the fill page, the report with its remarks and history, acceptance
  and return, the council agenda, the DOCX and attached files.
"""
