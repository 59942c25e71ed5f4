# One image for every Signpost process (docker-compose.yml picks the command).
# The model is trained at build time from the repository's data, so replicas serve the same model.
FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PYTHONPATH=/app RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir pip==24.2 \
 && pip install --no-cache-dir --no-deps --ignore-requires-python -r requirements.lock
COPY . .
# The NLU's place gazetteer comes from the geography tables: build them in SQLite for training.
RUN python -m directory setup && python -m scripts.train_if_changed && rm -rf var/trackers.db
RUN useradd --system --home /app signpost && chown -R signpost /app/var /app/models
USER signpost
