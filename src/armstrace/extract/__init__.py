"""The extract stage: documents in, evidence-linked records out."""

from armstrace.extract.extractor import ExtractConfig, Extractor, load_language_model

__all__ = ["ExtractConfig", "Extractor", "load_language_model"]
