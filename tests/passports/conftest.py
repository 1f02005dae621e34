# The council's meeting fixtures: a site created by an order from a meeting takes its application's passport.
from tests.council.conftest import body, chair, council, meeting, secretary, today  # noqa: F401
