"""Adapters that run the same stage functions on more than one process."""
