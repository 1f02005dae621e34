"""Pages of collegial bodies, one module per topic; `urls.py` routes to them.

- `bodies`: the list of bodies, a body with its members and meetings, the meetings list;
- `meetings`: planning a meeting, its page (attendance, quorum, agenda, decisions) and its state;
- `agenda`: the agenda of a meeting and its decisions, edited in place with HTMX;
- `documents`: the protocol, the draft order, entering the order that carries the decisions out.
"""
