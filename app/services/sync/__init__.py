"""Sync between installations: signed bundles on a USB stick, and the trust behind them.

One module per concern, each readable on its own:

- ``container``: the file, its age encryption and its ZIP, checked byte by byte;
- ``manifest``: the signed manifest, parsed strictly, every number bounded;
- ``schema``: strict JSON, each column's rule, record validation and text cleaning;
- ``read``: the order of checks (nothing large inflated before the signature), clocks;
- ``trust``: whom this installation trusts, with which rights; removals that stick;
- ``enrolment``: HQ vouching for a field device's key, mission and id;
- ``revocation``: HQ-signed revocations that travel in bundles and receipts;
- ``rights``: who may change what, checked at import;
- ``merge``: last writer wins, order-free; ``importer``: one transaction per batch;
- ``export``: the next bundle; ``receipts``; ``conflicts``; ``documents`` (received PDFs);
- ``hq_key``: HQ's encryption key and how the field accepts it; ``display``: safe text.

The names below are the package's public face (the UI and the command line use them).
"""

from __future__ import annotations

from app.services.sync.conflicts import ConflictInfo, list_conflicts, resolve_conflict
from app.services.sync.container import AGE_MAGIC, SUFFIX, ZIP_MAGIC
from app.services.sync.export import ExportResult, export_bundle
from app.services.sync.importer import (
    DeviceStatus,
    ImportOutcome,
    ImportSummary,
    Missing,
    ReceivedBundle,
    apply_bundles,
    device_statuses,
    import_bundles,
    import_log,
    read_bundles,
)
from app.services.sync.merge import TableCounts
from app.services.sync.read import VerifiedBundle, read_bundle, read_certificate
from app.services.sync.receipts import (
    ReceiptResult,
    ReceiptSummary,
    SentBundle,
    import_receipt,
    sent_bundles,
    write_receipt,
)
from app.services.sync.schema import BundleError, TableData, table_columns
from app.services.sync.trust import SignerInfo, UntrustedSignerError

__all__ = [
    "AGE_MAGIC", "SUFFIX", "ZIP_MAGIC", "BundleError", "ConflictInfo", "DeviceStatus",
    "ExportResult", "ImportOutcome", "ImportSummary", "Missing", "ReceiptResult",
    "ReceiptSummary", "ReceivedBundle", "SentBundle", "SignerInfo", "TableCounts", "TableData",
    "UntrustedSignerError", "VerifiedBundle", "apply_bundles", "device_statuses",
    "export_bundle", "import_bundles", "import_log", "import_receipt", "list_conflicts",
    "read_bundle", "read_bundles", "read_certificate", "resolve_conflict", "sent_bundles",
    "table_columns", "write_receipt",
]  # fmt: skip
