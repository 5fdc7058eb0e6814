"""/simulator: the chat page and the small JSON API behind it."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from sqlalchemy import select
from werkzeug.routing import BuildError

from bot.errors import LineApiError
from bot.line import fake_events
from bot.richmenu import deploy
from bot.simulator import webhook_events
from bot.simulator.state import Simulator, TooManyUsers
from storage.models import LineUser

blueprint = Blueprint("simulator", __name__, url_prefix="/simulator", template_folder="templates",
                      static_folder="static")
MOUNT = "/simulator/line-api"
MAX_FILE_BYTES = 900 * 1024  # under the app's 1 MB request limit; the page shrinks photos before sending
STARTED = str(int(time.time()))
EMOJI = sorted(path.stem for path in (Path(__file__).parent / "static" / "emoji").glob("*.svg"))


def simulator() -> Simulator:
    return current_app.extensions["simulator"]


@blueprint.get("/")
def page():
    """The chat, as a phone would show it, beside the simulated users."""
    return render_template("simulator/index.html", staff_url=_staff_url(), connected=simulator().connected,
                           stickers=webhook_events.STICKERS, emoji=EMOJI, version=STARTED)


@blueprint.get("/api/users")
def users():
    sim = simulator()
    following = _following([user.user_id for user in sim.users()])
    return jsonify(users=[user.as_dict() | {"following": following.get(user.user_id)} for user in sim.users()],
                   connected=sim.connected, staffUrl=_staff_url())


@blueprint.post("/api/users")
def add_user():
    name = str((request.get_json(silent=True) or {}).get("name") or "")
    try:
        return jsonify(simulator().add_user(name).as_dict() | {"following": None})
    except TooManyUsers:
        return jsonify(message="มีผู้ใช้จำลองครบจำนวนแล้วค่ะ"), 400


@blueprint.post("/api/events")
def make_event():
    """A signed webhook body for what the user just did; the page POSTs it to /callback itself."""
    form = request.get_json(silent=True) or {}
    user_id = _known_user(form.get("user"))
    try:
        event, shown = webhook_events.build(str(form.get("kind")), user_id, form)
    except webhook_events.BadAction as error:
        return jsonify(message=str(error)), 400
    return jsonify(_ready(user_id, event, shown))


@blueprint.post("/api/upload")
def upload():
    """An image or file the user attaches: kept at the fake LINE API's content endpoint, then sent."""
    user_id = _known_user(request.form.get("user"))
    sent = request.files.get("file")
    data = sent.read() if sent else b""
    if not data or len(data) > MAX_FILE_BYTES:
        return jsonify(message="ไฟล์ต้องมีขนาดไม่เกิน 900 KB ค่ะ"), 400
    content_type = sent.mimetype or "application/octet-stream"
    kind = "image" if content_type.startswith("image/") else "file"
    message_id = fake_events.message_id()
    simulator().keep_upload(message_id, data, content_type)
    event, shown = webhook_events.media(user_id, kind, message_id, sent.filename or "file", len(data))
    return jsonify(_ready(user_id, event, shown))


@blueprint.get("/api/chat")
def chat():
    user_id = _known_user(request.args.get("user"))
    return jsonify(simulator().chat(user_id, max(0, request.args.get("after", 0, type=int))))


@blueprint.get("/api/content/<message_id>")
def content(message_id: str):
    found = simulator().upload(message_id)
    if found is None:
        abort(404)
    return Response(found[0], content_type=found[1])


@blueprint.get("/api/richmenu")
def rich_menu():
    """The rich menu this user sees at LINE (theirs or the default), with its tap areas."""
    user_id = _known_user(request.args.get("user"))
    found = simulator().fake.rich_menu_of(user_id)
    if found is None:
        return jsonify(menu=None)
    menu, _, _ = found
    image = url_for("simulator.rich_menu_image", user=user_id, menu=menu["richMenuId"])
    return jsonify(menu={k: menu[k] for k in ("richMenuId", "size", "selected", "chatBarText", "areas")},
                   image=image)


@blueprint.get("/api/richmenu/image")
def rich_menu_image():
    found = simulator().fake.rich_menu_of(_known_user(request.args.get("user")))
    if found is None:
        abort(404)
    return Response(found[1], content_type=found[2], headers={"Cache-Control": "max-age=3600"})


@blueprint.post("/api/richmenu/deploy")
def deploy_rich_menu():
    """Run the same deploy as `flask --app bot richmenu deploy`, through the bot's LINE client."""
    try:
        result = deploy(current_app.extensions["frontdesk"].line)
    except LineApiError as error:
        return jsonify(message=str(error)), 502
    return jsonify(result.as_dict())


@blueprint.get("/api/provinces")
def provinces():
    return jsonify(provinces=webhook_events.provinces())


def _ready(user_id: str, event: dict, shown: dict | None) -> dict:
    """Record the user's side of the chat, let the fake know whose reply token this is, sign the body."""
    sim = simulator()
    if event.get("replyToken"):
        sim.fake.register_reply_token(event["replyToken"], user_id)
    if shown is not None:
        side = "note" if shown["type"] == "note" else "user"
        sim.record(user_id, side, shown, read_token=(event.get("message") or {}).get("markAsReadToken"))
    secret = current_app.extensions["frontdesk"].settings.line_channel_secret
    body, signature = webhook_events.signed_body([event], secret, sim.fake.bot_user_id)
    return {"body": body, "signature": signature, "callback": url_for("webhook.callback"),
            "eventId": event["webhookEventId"]}


def _known_user(user_id: object) -> str:
    # Only users the simulator made: a page must not speak as a real LINE user (a staff member, say).
    if not isinstance(user_id, str) or simulator().user(user_id) is None:
        abort(404)
    return user_id


def _following(user_ids: list[str]) -> dict[str, bool]:
    """Whether each user follows the bot, as the bot's database says (absent: never added it)."""
    with current_app.extensions["frontdesk"].sessions() as session:
        rows = session.execute(select(LineUser.line_user_id, LineUser.active)
                               .where(LineUser.line_user_id.in_(user_ids)))
        return {line_id: bool(active) for line_id, active in rows}


def _staff_url() -> str | None:
    """The staff console's entry, once a colleague's console is registered."""
    for endpoint in ("staff_queue.queue", "staff_auth.login"):
        try:
            return url_for(endpoint)
        except BuildError:
            continue
    rule = next((r for r in current_app.url_map.iter_rules()
                 if r.rule.startswith("/staff") and not r.arguments and "GET" in (r.methods or ())), None)
    return rule.rule if rule else None
