"""The demo advice site that embeds the Signpost webchat widget (see web/README.md)."""
