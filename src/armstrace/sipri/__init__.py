"""SIPRI's Arms Transfers Database beside the news: read its trade register, compare."""

from __future__ import annotations

from armstrace.sipri.register import SipriRegister, SipriRow, read_register

__all__ = ["SipriRegister", "SipriRow", "read_register"]
