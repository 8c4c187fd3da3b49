"""Signals officials sends to apps that depend on it (officials knows nothing of them).

`officials_imported` is sent by `beacon import_officials` after an import committed, with
the `report`. Receivers do what waits on fresh data (actions releases letters held for a
seat whose term had ended) and return a list of lines for the command's summary.
"""

from django.dispatch import Signal

officials_imported = Signal()
