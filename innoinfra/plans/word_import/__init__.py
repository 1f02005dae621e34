"""Read a plan table from a Word (.docx) or Excel (.xlsx) file into a `ParsedPlan`.

Both formats are turned into rows of cells first; one set of rules then finds the header, the sections
and the items, so a plan reads the same whichever program it was typed in.

- `reader`: the entry points, `read_plan_file` and `read_plan_upload`;
- `package`: the file itself, checked before any parser sees it (extension, size, package kind, macros);
- `word`, `excel`: each format turned into rows of cells and the blocks of text above the table;
- `cells`: those cells and blocks, and how a cell's text is cleaned;
- `tables`: the plan table: header, column fields, sections, subheadings, items;
- `preamble`: what stands above the table: the title and the approving order.
"""

from .package import MAX_FILE_BYTES, MAX_MEMBERS, MAX_UNPACKED_BYTES
from .reader import read_plan_file, read_plan_upload
from .tables import HEADER_SEARCH_ROWS

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_UNPACKED_BYTES",
    "read_plan_file",
    "read_plan_upload",
]
