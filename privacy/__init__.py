"""Retention and erasure for everything Signpost keeps about a conversation (see privacy/README.md)."""
