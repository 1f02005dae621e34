"""Pages of events, a module per topic; `urls.py` routes to them (certificates have their own `certificates/views.py`).

- `public`: the list, the month, the ICS feed, an event with its registration form, the participant's own page;
- `manage`: the organizer's pages: my events, create and edit, states, participants and attendance, programme,
  materials, feedback, the check-in page the participant's QR code opens;
- `staff`: a head registering staff, «Сотрудники на мероприятиях», a teacher's «Мои мероприятия и сертификаты».
"""
