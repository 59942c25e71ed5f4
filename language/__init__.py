"""Plain-Python language rules for the chat: entities (places, postcodes, filters) and danger."""
