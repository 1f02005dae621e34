"""How long a monitoring table's rows and the territory filter take to draw, by the number of rows (N municipalities):
through the template language (as before), by tables.rows_html (once per change of the facts) and from a stored
table (each request). No database. `python bench/monitoring_rows.py 60 600`"""

from __future__ import annotations

import os
import pickle
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoinfra.settings")
os.environ.setdefault("SECRET_KEY", "x" * 50)
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ["DEBUG"] = "0"

import django

django.setup()

from django.template import engines  # noqa: E402

from innoinfra.monitoring.tables import Table, rows_html  # noqa: E402
from innoinfra.monitoring.templatetags.monitoring import table_body, territory_options  # noqa: E402

BEFORE = engines["django"].from_string(
    "{% load monitoring %}{% for link, row in table.linked_rows %}<tr>{% for value in row %}{% if forloop.first %}"
    '<th scope="row" class="fw-normal">{% if link %}<a href="{{ link }}">{{ value|cell }}</a>{% else %}'
    "{{ value|cell }}{% endif %}</th>{% else %}<td>{{ value|cell }}</td>{% endif %}{% endfor %}</tr>{% endfor %}"
    '{% for m in territories %}<option value="{{ m.0 }}"{% if m.0 == chosen %} selected{% endif %}>{{ m.1 }}'
    "</option>{% endfor %}"
)


class Chosen:
    pk = 5


def median_ms(draw) -> float:
    times = []
    for _ in range(30):
        started = time.perf_counter()
        draw()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(n: int) -> None:
    table = Table("x", "X", ["a"] * 6, [[f"Муниципалитет {i}", i * 7, i * 3, 1234 + i, i, "12 %"] for i in range(n)])
    territories = [(i, f"Район {i}") for i in range(n)]
    before = median_ms(lambda: BEFORE.render({"table": table, "territories": territories, "chosen": 5}))
    drawn = median_ms(lambda: (rows_html(table), territory_options(territories, Chosen)))
    table.body = rows_html(table)
    stored = pickle.dumps(table)
    served = median_ms(lambda: (table_body(pickle.loads(stored)), territory_options(territories, Chosen)))
    print(f"N={n}: template {before:.2f} ms, rows_html + options {drawn:.2f} ms, stored + options {served:.2f} ms")


for n in map(int, sys.argv[1:] or ["60", "600"]):
    measure(n)
