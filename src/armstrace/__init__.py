"""armstrace: an evidence-linked register of arms transfers built from news."""

from armstrace.errors import ArmstraceError, ConfigError, InputError, StoreError
from armstrace.model import Document, Evidence, Money, PartialDate, Record, Skipped

__all__ = [
    "ArmstraceError",
    "ConfigError",
    "Document",
    "Evidence",
    "InputError",
    "Money",
    "PartialDate",
    "Record",
    "Skipped",
    "StoreError",
]
__version__ = "0.1.0"
