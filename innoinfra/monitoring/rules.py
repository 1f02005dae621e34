"""Who sees monitoring: the staff of the education authority and the methodological centre, each for the
territory they run (the figures are scoped by `filters.monitoring_filters`)."""

import rules

from innoinfra.accounts.rules import is_staff_member

rules.add_perm("monitoring.view_dashboard", is_staff_member)
