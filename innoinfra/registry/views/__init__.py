"""Pages of the registry, by topic:

- `public` — what anyone may read: the registry of sites, organizations and orders, the map, embeds, feeds;
- `manage` — staff pages: sites and their states, organizations, orders, catalogues, history of changes;
- `imports` — importing organizations from Excel: upload → preview → confirm, the template workbook.
"""
