"""Load test: visitors browsing the public pages and methodists on their daily round (bench/README.md).

    locust -f bench/locustfile.py --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:8000

Runs against a served installation with the demo data (`manage.py loaddemo`): the methodist signs in as
methodist/demo through the login form, as a person would. Page addresses with ids (a site, a practice, a call) are
taken from the pages themselves, so the test follows whatever the data holds.
"""

from __future__ import annotations

import random
import re

from locust import HttpUser, between, task

SITE_LINK = re.compile(r'href="(/registry/sites/\d+/)"')
PRACTICE_LINK = re.compile(r'href="(/practices/\d+/)"')
CALL_LINK = re.compile(r'href="/calls/(\d+)/"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCH_WORDS = ["проектная деятельность", "цифровая среда", "наставничество", "инклюзия", "читательская грамотность"]


def links(user: HttpUser, url: str, pattern: re.Pattern, name: str) -> list[str]:
    """The links of one kind on a page, for the later requests of this simulated person."""
    with user.client.get(url, name=name, catch_response=True) as response:
        found = sorted(set(pattern.findall(response.text))) if response.status_code == 200 else []
        if response.status_code != 200:
            response.failure(f"{url}: HTTP {response.status_code}")
        return found


class Visitor(HttpUser):
    """Someone from a school or a parent: the home page, the registry, a site, the map, the data bank, events."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self):
        self.sites = links(self, "/registry/", SITE_LINK, "/registry/")
        self.practices = links(self, "/practices/", PRACTICE_LINK, "/practices/")

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def registry(self):
        self.client.get("/registry/", name="/registry/")

    @task(3)
    def site(self):
        if self.sites:
            self.client.get(random.choice(self.sites), name="/registry/sites/[id]/")

    @task(1)
    def map_data(self):
        self.client.get("/registry/map/data.json", name="/registry/map/data.json")

    @task(2)
    def practices_search(self):
        self.client.get("/practices/", params={"q": random.choice(SEARCH_WORDS)}, name="/practices/?q=")

    @task(2)
    def practice(self):
        if self.practices:
            self.client.get(random.choice(self.practices), name="/practices/[id]/")

    @task(2)
    def events(self):
        self.client.get("/events/", name="/events/")


class Methodist(HttpUser):
    """Лариса's day: sign in, what is overdue in the plans, a call's applications, the reports, a site."""

    weight = 1
    wait_time = between(1, 3)
    username = "methodist"
    password = "demo"

    def on_start(self):
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF_FIELD.search(page.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},  # CSRF checks the referer over HTTPS
            name="/accounts/login/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"вход не удался: HTTP {response.status_code}")
        self.calls = links(self, "/calls/", CALL_LINK, "/calls/")
        self.sites = links(self, "/registry/", SITE_LINK, "/registry/")

    @task(3)
    def overdue(self):
        self.client.get("/plans/execution/", params={"view": "overdue"}, name="/plans/execution/?view=overdue")

    @task(2)
    def applications(self):
        if self.calls:
            self.client.get(f"/calls/{random.choice(self.calls)}/applications/", name="/calls/[id]/applications/")

    @task(2)
    def reports(self):
        self.client.get("/reports/", name="/reports/")

    @task(2)
    def site(self):
        if self.sites:
            self.client.get(random.choice(self.sites), name="/registry/sites/[id]/ (методист)")
