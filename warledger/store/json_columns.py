"""Reading and writing the ledger's JSON columns (the audit trail's values, a report's problems): functions that
the schema steps and the team and review code share."""
from __future__ import annotations

import json
from typing import Any, Optional


def load_json(value: Optional[str]) -> Any:
    """A JSON column's value (None stays None)."""
    return None if value is None else json.loads(value)


def dump_json(value: Any) -> Optional[str]:
    """A value as its JSON column's text (None stays None; keys sorted, non-ASCII kept)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
