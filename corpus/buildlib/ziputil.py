"""Make zip-based Office files (DOCX, XLSX) byte-for-byte reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

FIXED = (2000, 1, 1, 0, 0, 0)


def normalize_zip(path: Path, when: str | None = None) -> None:
    """Rewrite the archive with fixed timestamps and a stable member order.

    `when` (ISO timestamp) optionally replaces dcterms:created/modified in
    docProps/core.xml, which some writers set to the current time.
    """
    with zipfile.ZipFile(path) as zin:
        members = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, blob in members:
            if when and name == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + when.encode() + m.group(3), blob)
            info = zipfile.ZipInfo(name, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, blob)
    path.write_bytes(buf.getvalue())
