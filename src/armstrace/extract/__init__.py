"""The extract stage: documents in, evidence-linked records out.

`Extractor` is imported lazily: it pulls in spaCy, which the light modules of this
package (sentences, numbers, money, dates) do not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armstrace.extract.extractor import ExtractConfig, Extractor, load_language_model

__all__ = ["ExtractConfig", "Extractor", "load_language_model"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from armstrace.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
