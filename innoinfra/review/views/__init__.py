"""Pages of the review engine, one module per topic; `urls.py` routes to them.

- `calls`: the public list and page of a call, the methodist's settings, timetable, documents, applications,
  automatic assignment and messages to applicants;
- `applications`: the applicant's form and the methodist's handling (check, remarks, experts, decisions);
- `experts`: the expert's desk, the scoring form, conflict declarations;
- `rankings`: the ranking and the progress of the review, for the call's staff and the chair of its council;
- `rubrics`: rubrics (оценочные листы) and their criteria;
- `documents`: downloads of a call's results (Excel) and of conclusions (Word).
"""
