"""LINE's request checks, as the fake LINE API applies them: hand-written limits, then LINE's OpenAPI schema.

Split from fake_api.py: the server decides what happens to a request, this module only says what is wrong
with its body (in LINE's error wording), so tests and the bot's own message checks can reuse it.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

# LINE's limits (PRODUCT.md "Facts to respect", LINE's API reference).
MAX_MESSAGES = 5
MAX_TEXT_UTF16 = 5000
MAX_QUICK_REPLY_ITEMS = 13
MAX_ALT_TEXT = 400
MAX_MULTICAST_TO = 500
MAX_ACTION_LABEL = 20
MAX_ACTION_DATA = 300
MAX_URL = 2000
MAX_FLEX_CAROUSEL_BUBBLES = 12
MAX_RICH_MENU_IMAGE_BYTES = 1024 * 1024
KNOWN_MESSAGE_TYPES = (
    "text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex",
    "coupon",
)


def _utf16_len(text: str) -> int:
    """Length as LINE counts it: UTF-16 code units (an emoji is often two)."""
    return len(text.encode("utf-16-le")) // 2



class ErrorDetail(NamedTuple):
    """One entry of LINE's ``details`` array."""

    property: str
    message: str


def default_openapi_dir() -> Path:
    """Where LINE's OpenAPI files are: $LINE_OPENAPI_DIR, else ../shared/spec/line-openapi."""
    configured = os.environ.get("LINE_OPENAPI_DIR")
    if configured:
        return Path(configured)
    repository_root = Path(__file__).resolve().parents[2]
    return repository_root.parent / "shared" / "spec" / "line-openapi"


def validate_messages(
    messages: list[dict[str, Any]], *, openapi_dir: Path | None = None, require_https: bool = True
) -> list[str]:
    """Return LINE's objections to a list of message objects, as 'property: message' lines."""
    details = body_errors("BroadcastRequest", {"messages": messages}, openapi_dir, require_https)
    return [f"{d.property}: {d.message}" for d in details]


def body_errors(
    schema_name: str, body: Any, openapi_dir: Path | None, require_https: bool
) -> list[ErrorDetail]:
    """LINE's objections to a request body of `schema_name`: hand-written limit checks first, then the OpenAPI
    schema's findings on other properties."""
    found = _hand_errors(schema_name, body, require_https)
    validator = _schema_validator(openapi_dir or default_openapi_dir(), schema_name)
    if validator is not None:
        reported = {d.property for d in found}
        for detail in _schema_errors(validator, body):
            if detail.property not in reported:
                reported.add(detail.property)
                found.append(detail)
    return found


def _hand_errors(schema_name: str, body: Any, require_https: bool) -> list[ErrorDetail]:
    if not isinstance(body, dict):
        return [ErrorDetail("", "must be a JSON object")]
    if schema_name == "RichMenuRequest":
        return _rich_menu_errors(body)
    if schema_name.endswith(("MessageRequest", "castRequest")):
        return _messages_errors(body.get("messages"), require_https)
    return []


def _messages_errors(messages: Any, require_https: bool) -> list[ErrorDetail]:
    if not isinstance(messages, list):
        return [ErrorDetail("messages", "must be specified")]
    found = []
    if not 1 <= len(messages) <= MAX_MESSAGES:
        found.append(ErrorDetail("messages", f"size must be between 1 and {MAX_MESSAGES}"))
    for index, message in enumerate(messages):
        found += _message_errors(message, f"messages[{index}]", require_https)
    return found


def _message_errors(message: Any, at: str, require_https: bool) -> list[ErrorDetail]:
    if not isinstance(message, dict):
        return [ErrorDetail(at, "must be a JSON object")]
    kind = message.get("type")
    if kind not in KNOWN_MESSAGE_TYPES:
        return [ErrorDetail(f"{at}.type", f"must be one of [{', '.join(KNOWN_MESSAGE_TYPES)}]")]
    found = _quick_reply_errors(message.get("quickReply"), f"{at}.quickReply", require_https)
    if kind in ("text", "textV2"):
        found += _length_errors(message, "text", f"{at}.text", 1, MAX_TEXT_UTF16)
    if kind in ("flex", "template", "imagemap"):
        found += _length_errors(message, "altText", f"{at}.altText", 1, MAX_ALT_TEXT)
    if kind == "flex" and isinstance(message.get("contents"), dict):
        found += _flex_errors(message["contents"], f"{at}.contents")
    if kind == "template" and isinstance(message.get("template"), dict):
        found += _template_errors(message["template"], f"{at}.template")
    if require_https:
        for key in ("originalContentUrl", "previewImageUrl", "baseUrl"):
            found += _https_errors(message.get(key), f"{at}.{key}")
    return found


def _length_errors(obj: dict[str, Any], key: str, at: str, low: int, high: int) -> list[ErrorDetail]:
    value = obj.get(key)
    if value is None:
        return [ErrorDetail(at, "must be specified")]
    if not isinstance(value, str) or not low <= _utf16_len(value) <= high:
        return [ErrorDetail(at, f"Length must be between {low} and {high}")]
    return []


def _https_errors(url: Any, at: str) -> list[ErrorDetail]:
    if url is None or (isinstance(url, str) and url.startswith("https://") and len(url) <= MAX_URL):
        return []
    return [ErrorDetail(at, f"must be an HTTPS URL of at most {MAX_URL} characters")]


def _quick_reply_errors(quick_reply: Any, at: str, require_https: bool) -> list[ErrorDetail]:
    if not isinstance(quick_reply, dict) or not isinstance(quick_reply.get("items"), list):
        return []
    items = quick_reply["items"]
    found = []
    if not 1 <= len(items) <= MAX_QUICK_REPLY_ITEMS:
        found.append(ErrorDetail(f"{at}.items", f"size must be between 1 and {MAX_QUICK_REPLY_ITEMS}"))
    for index, item in enumerate(items):
        where = f"{at}.items[{index}]"
        if isinstance(item, dict) and isinstance(item.get("action"), dict):
            found += _action_errors(item["action"], f"{where}.action", label_required=True)
            if require_https:
                found += _https_errors(item.get("imageUrl"), f"{where}.imageUrl")
    return found


def _action_errors(action: dict[str, Any], at: str, *, label_required: bool) -> list[ErrorDetail]:
    found = []
    if label_required or "label" in action:
        found += _length_errors(action, "label", f"{at}.label", 1, MAX_ACTION_LABEL)
    kind = action.get("type")
    if kind == "postback":
        found += _length_errors(action, "data", f"{at}.data", 1, MAX_ACTION_DATA)
        if "displayText" in action:
            found += _length_errors(action, "displayText", f"{at}.displayText", 1, MAX_ACTION_DATA)
    elif kind == "message":
        found += _length_errors(action, "text", f"{at}.text", 1, MAX_ACTION_DATA)
    elif kind == "uri":
        found += _length_errors(action, "uri", f"{at}.uri", 1, 1000)
    return found


def _template_errors(template: dict[str, Any], at: str) -> list[ErrorDetail]:
    kind = template.get("type")
    has_header = bool(template.get("title") or template.get("thumbnailImageUrl"))
    if kind == "buttons":
        found = _length_errors(template, "text", f"{at}.text", 1, 60 if has_header else 160)
        return found + _actions_errors(template, at, 1, 4)
    if kind == "confirm":
        return _length_errors(template, "text", f"{at}.text", 1, 240) + _actions_errors(template, at, 2, 2)
    if kind in ("carousel", "image_carousel"):
        columns = template.get("columns")
        if not isinstance(columns, list) or not 1 <= len(columns) <= 10:
            return [ErrorDetail(f"{at}.columns", "size must be between 1 and 10")]
        found = []
        for index, column in enumerate(columns):
            if kind == "carousel" and isinstance(column, dict):
                found += _actions_errors(column, f"{at}.columns[{index}]", 1, 3)
        return found
    return []


def _actions_errors(container: dict[str, Any], at: str, low: int, high: int) -> list[ErrorDetail]:
    actions = container.get("actions")
    if not isinstance(actions, list) or not low <= len(actions) <= high:
        return [ErrorDetail(f"{at}.actions", f"size must be between {low} and {high}")]
    found = []
    for index, action in enumerate(actions):
        if isinstance(action, dict):
            found += _action_errors(action, f"{at}.actions[{index}]", label_required=True)
    return found


def _flex_errors(container: dict[str, Any], at: str) -> list[ErrorDetail]:
    bubbles = container.get("contents")
    too_many = isinstance(bubbles, list) and not 1 <= len(bubbles) <= MAX_FLEX_CAROUSEL_BUBBLES
    if container.get("type") == "carousel" and too_many:
        return [ErrorDetail(f"{at}.contents", f"size must be between 1 and {MAX_FLEX_CAROUSEL_BUBBLES}")]
    return []


def _rich_menu_errors(menu: dict[str, Any]) -> list[ErrorDetail]:
    required = ("size", "selected", "name", "chatBarText", "areas")
    found = [ErrorDetail(key, "must be specified") for key in required if key not in menu]
    size: dict[str, Any] = menu["size"] if isinstance(menu.get("size"), dict) else {}
    width, height = size.get("width"), size.get("height")
    if "size" in menu and not (isinstance(width, int) and 800 <= width <= 2500):
        found.append(ErrorDetail("size.width", "must be between 800 and 2500"))
    if "size" in menu and not (isinstance(height, int) and height >= 250):
        found.append(ErrorDetail("size.height", "must be at least 250"))
    elif isinstance(width, int) and isinstance(height, int) and width / height < 1.45:
        found.append(ErrorDetail("size", "width / height must be at least 1.45"))
    if isinstance(menu.get("chatBarText"), str) and len(menu["chatBarText"]) > 14:
        found.append(ErrorDetail("chatBarText", "Length must be between 0 and 14"))
    areas: list[Any] = menu["areas"] if isinstance(menu.get("areas"), list) else []
    if len(areas) > 20:
        found.append(ErrorDetail("areas", "size must be between 0 and 20"))
    for index, area in enumerate(areas):
        if isinstance(area, dict) and isinstance(area.get("action"), dict):
            found += _action_errors(area["action"], f"areas[{index}].action", label_required=False)
    return found


# The spec's polymorphism is OpenAPI's `discriminator` (base schema + `allOf` subtypes), which plain JSON
# Schema ignores. `_schema_definitions` turns each into an explicit dispatch on the type property, so an
# unknown type is an error and each known type is checked against its own schema.


@functools.cache
def _schema_definitions(openapi_dir: Path) -> dict[str, Any] | None:
    path = openapi_dir / "messaging-api.yml"
    if not path.is_file():
        log.warning("LINE OpenAPI spec not found at %s: fake LINE API checks hand-written limits only", path)
        return None
    try:
        import yaml
    except ImportError:
        log.warning("PyYAML is not installed: fake LINE API checks hand-written limits only")
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    definitions: dict[str, Any] = _rewrite_refs(spec["components"]["schemas"])
    for name in [n for n, s in definitions.items() if "discriminator" in s]:
        _expand_discriminator(definitions, name)
    return definitions


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: v.replace("#/components/schemas/", "#/$defs/") if k == "$ref" else _rewrite_refs(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _expand_discriminator(definitions: dict[str, Any], name: str) -> None:
    schema = definitions[name]
    prop = schema["discriminator"]["propertyName"]
    mapping = {key: ref.rsplit("/", 1)[1] for key, ref in schema["discriminator"]["mapping"].items()}
    base_ref = {"$ref": f"#/$defs/{name}__base"}
    definitions[f"{name}__base"] = {k: v for k, v in schema.items() if k != "discriminator"}
    dispatch = [
        {"if": {"properties": {prop: {"const": key}}, "required": [prop]}, "then": {"$ref": f"#/$defs/{target}"}}
        for key, target in mapping.items()
    ]
    definitions[name] = {
        "required": [prop],
        "properties": {prop: {"enum": list(mapping)}},
        "allOf": [base_ref, *dispatch],
    }
    for key, target in mapping.items():
        subtype = definitions[target]
        # Subtypes include the base by $ref; pointing them at the base avoids dispatching forever.
        subtype["allOf"] = [base_ref if p == {"$ref": f"#/$defs/{name}"} else p for p in subtype.get("allOf", [])]
        if list(mapping.values()).count(target) == 1:
            subtype.setdefault("properties", {}).setdefault(prop, {"const": key})


class _SchemaValidator(NamedTuple):
    """jsonschema says what is wrong; a compiled copy of the same schema first says, 10x faster, that nothing is."""

    passes: Callable[[Any], bool]
    explains: Any


@functools.cache
def _schema_validator(openapi_dir: Path, schema_name: str) -> _SchemaValidator | None:
    definitions = _schema_definitions(openapi_dir)
    if definitions is None:
        return None
    try:
        import fastjsonschema
        from jsonschema import Draft202012Validator
    except ImportError:
        log.warning("jsonschema or fastjsonschema is not installed: fake LINE API checks hand-written limits only")
        return None
    schema = {"$defs": definitions, "$ref": f"#/$defs/{schema_name}"}
    check = fastjsonschema.compile(schema)

    def passes(body: Any) -> bool:
        try:
            check(body)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return _SchemaValidator(passes, Draft202012Validator(schema))


def _schema_errors(validator: _SchemaValidator, body: Any) -> Iterator[ErrorDetail]:
    if validator.passes(body):
        return
    # Something may be wrong: jsonschema alone decides, and names each error.
    for error in validator.explains.iter_errors(body):
        where = _property_path(error.absolute_path)
        if error.validator == "required":
            for missing in error.validator_value:
                if isinstance(error.instance, dict) and missing not in error.instance:
                    yield ErrorDetail(_join(where, missing), "must be specified")
        else:
            yield ErrorDetail(where, _line_wording(error))


def _property_path(parts: Iterator[Any]) -> str:
    path = ""
    for part in parts:
        path = f"{path}[{part}]" if isinstance(part, int) else _join(path, str(part))
    return path


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _line_wording(error: Any) -> str:
    schema, kind = error.schema, error.validator
    if kind in ("minItems", "maxItems"):
        return f"size must be between {schema.get('minItems', 0)} and {schema.get('maxItems', 2**31 - 1)}"
    if kind in ("minLength", "maxLength"):
        return f"Length must be between {schema.get('minLength', 0)} and {schema.get('maxLength', 2**31 - 1)}"
    if kind == "enum":
        return f"must be one of [{', '.join(map(str, error.validator_value))}]"
    if kind == "const":
        return f"must be {error.validator_value}"
    if kind == "type":
        return f"must be of type {error.validator_value}"
    if kind in ("minimum", "maximum"):
        return f"must be between {schema.get('minimum', '-inf')} and {schema.get('maximum', 'inf')}"
    return str(error.message)
