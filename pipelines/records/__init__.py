"""Municipal records: actiepunten, initiatieven, opgaven, platforms, gebieden,
activiteiten (and the optional burgerpeiling).

Read CSV/XLSX as Dutch Excel writes it, validate against the declared schema
(``specs.py``), resolve kern names, strip personal data per audience and
aggregate per kern. See ``docs/records.md``.
"""

from pipelines.records.aggregate import aggregate_records
from pipelines.records.audience import apply_audience, personal_columns
from pipelines.records.load import OPTIONAL_TYPES, RECORD_TYPES, load_records
from pipelines.records.model import Problem, RecordsReadError, RecordsResult

__all__ = [
    "OPTIONAL_TYPES",
    "RECORD_TYPES",
    "Problem",
    "RecordsReadError",
    "RecordsResult",
    "aggregate_records",
    "apply_audience",
    "load_records",
    "personal_columns",
]
