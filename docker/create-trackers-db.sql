-- Rasa's tracker store lives in its own database beside the directory (docker-compose.yml).
CREATE DATABASE trackers OWNER signpost;
