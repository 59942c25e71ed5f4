"""Check action server replies against Rasa's schema without re-checking the schema every time.

Rasa validates each reply with `jsonschema.validate`, which first validates the (constant) schema
against its metaschema: under load that was 22% of a replica's CPU (py-spy, bench/results/load.md).
Same schema, same errors and message; applied by bot/rasa_cli.py.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def action_reply_validator() -> Validator:
    """Rasa's action reply schema, checked once and compiled into a validator."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's `_validate_action_result`, with the validator built once."""
    error = best_match(action_reply_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def validate_action_results_once() -> None:
    """Install the cached validation on RemoteAction; safe to call twice."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
