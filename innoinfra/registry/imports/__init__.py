"""Organizations from an Excel workbook: the file is checked, its columns recognised by their headers, and every
row checked against the registry. Nothing here touches HTTP or saves anything: the result is a plan (create /
update / unchanged / reject, row by row) that the preview page shows and `import_services.import_organizations`
carries out.

- `columns` — the columns of the template and the export, the headers people use for them, `ImportFileError`;
- `workbook` — reading the file: extension and size, the archive inside, the header row, the rows (`Sheet`);
- `plan` — cleaning every cell, matching every row to an organization, the resulting `ImportPlan`.
"""

from .columns import COLUMNS, TEMPLATE_HEADERS, TEMPLATE_SHEET, Column, ImportFileError
from .plan import CREATE, REJECT, UNCHANGED, UPDATE, ImportPlan, RowPlan, plan_import
from .workbook import MAX_ROWS, RawRow, Sheet, check_file, read_workbook

__all__ = [
    "COLUMNS",
    "CREATE",
    "MAX_ROWS",
    "REJECT",
    "TEMPLATE_HEADERS",
    "TEMPLATE_SHEET",
    "UNCHANGED",
    "UPDATE",
    "Column",
    "ImportFileError",
    "ImportPlan",
    "RawRow",
    "RowPlan",
    "Sheet",
    "check_file",
    "plan_import",
    "read_workbook",
]
