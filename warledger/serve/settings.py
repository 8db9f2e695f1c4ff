"""What a running server is set to: which ledger, who may read, limits, and an optional tile layer."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import urlparse

from warledger.errors import InputError


@dataclass(frozen=True)
class Settings:
    db: str
    read_auth: bool = False            # True: reading the API needs a token too
    tile_url: Optional[str] = None     # e.g. https://tile.example.org/{z}/{x}/{y}.png (online use only)
    max_body: int = 2_000_000          # bytes: any request body larger than this is refused (413)
    max_reports: int = 500             # reports one POST /api/reports may carry
    gazetteer: Optional[str] = None
    title: str = "warledger"
    extra_headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, db: str, **overrides: Any) -> "Settings":
        """Defaults, then ``WARLEDGER_READ_AUTH``, ``WARLEDGER_TILE_URL``, then ``overrides``."""
        values: dict[str, Any] = {  # field name -> value (of that field's type)
            "read_auth": os.environ.get("WARLEDGER_READ_AUTH", "").lower() in ("1", "true", "yes", "token"),
            "tile_url": os.environ.get("WARLEDGER_TILE_URL") or None,
            "gazetteer": os.environ.get("WARLEDGER_GAZETTEER") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(db=db, **values)
        settings.check()
        return settings

    def check(self) -> None:
        if self.tile_url:
            u = urlparse(self.tile_url)
            if u.scheme not in ("http", "https") or not u.netloc or "{z}" not in self.tile_url:
                raise InputError(f"tile URL {self.tile_url!r}: give an http(s) URL template with {{z}}, {{x}}, {{y}}")
        if self.max_body < 1000:
            raise InputError("max body size must be at least 1000 bytes")

    @property
    def tile_origin(self) -> Optional[str]:
        if not self.tile_url:
            return None
        u = urlparse(self.tile_url.replace("{s}", "a"))
        host = u.netloc.replace("a.", "*.", 1) if "{s}" in self.tile_url else u.netloc
        return f"{u.scheme}://{host}"
