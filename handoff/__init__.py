"""Human handoff for Signpost: service hours, the advisor queue, callbacks and the advisor console.

Plain Python over the shared SQL database; it knows Rasa only through `handoff.rasa_client`.
The Rasa actions use `handoff.service.HandoffService`; the web app mounts
`handoff.console.create_console_app(...)` at /console. See handoff/README.md.
"""
