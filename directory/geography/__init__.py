"""Offline UK geography: postcodes, places and administrative areas from open data."""
