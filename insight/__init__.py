"""Anonymous figures of demand and gaps for commissioners: what is counted at each search, small numbers
suppressed, the report, its CSV and charts. Plain Python and SQLAlchemy; knows nothing of Rasa.

Nothing here holds a conversation id, any text the worker typed or a time finer than the day, so
nothing here points back to a conversation (and erasing one needs nothing from here).
"""
