"""The webhook as LINE sees it: signatures, every event type, redelivery, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.line import fake_events as ev
from storage.models import LineUser, Message, ProcessedEvent
from tests.chat import quick_replies, shown

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "line-openapi" / "webhook.yml"
USER = "U" + "1" * 32


def rows(app, model):
    with app.extensions["frontdesk"].sessions() as session:
        return list(session.scalars(select(model)))


def test_missing_signature_is_refused_and_nothing_is_stored(app, chat):
    body = ev.webhook_body([ev.text(USER, "สวัสดีค่ะ")])
    response = chat.client.post("/callback", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert rows(app, ProcessedEvent) == [] and rows(app, LineUser) == []


def test_wrong_signature_is_refused_and_nothing_is_sent(app, chat, line_api):
    body = ev.webhook_body([ev.text(USER, "สวัสดีค่ะ")])
    response = chat.post([], signature=ev.sign(body, "another-secret"), body=body)
    assert response.status_code == 400
    assert rows(app, ProcessedEvent) == [] and line_api.delivered_messages() == []


def test_signature_over_a_changed_body_is_refused(app, chat):
    body = ev.webhook_body([ev.text(USER, "สวัสดีค่ะ")])
    signature = ev.sign(body, "test-channel-secret")
    response = chat.post([], signature=signature, body=body.replace("สวัสดี".encode(), "ลาก่อน".encode()))
    assert response.status_code == 400


def test_verification_call_with_no_events_is_accepted(chat):
    assert chat.post([]).status_code == 200


def test_malformed_json_with_a_valid_signature_gets_a_clear_400(app, chat):
    body = b'{"destination": "U1", "events": [ {"type": '
    response = chat.post([], signature=ev.sign(body, "test-channel-secret"), body=body)
    assert response.status_code == 400
    assert response.get_json()["message"]
    assert rows(app, ProcessedEvent) == []


EVENT_TYPES = ["message", "unsend", "follow", "unfollow", "join", "leave", "memberJoined", "memberLeft",
               "postback", "videoPlayComplete", "beacon", "accountLink", "membership", "module", "activated",
               "deactivated", "botSuspended", "botResumed", "delivery"]


def test_the_event_type_list_matches_lines_webhook_spec():
    if not SPEC.exists():
        pytest.fail(f"LINE's webhook spec is absent at {SPEC}; it ships in ../shared/spec/line-openapi")
    text = SPEC.read_text()
    mapping = text[text.index("propertyName: type"):text.index("EventMode:")]
    spec_types = [line.split(":")[0].strip() for line in mapping.splitlines()[2:] if '"#/' in line]
    assert sorted(spec_types) == sorted(EVENT_TYPES)


def sample_event(kind: str) -> dict:
    """A plausible event of each type, shaped as in webhook.yml."""
    event = ev.base_event(kind, USER, reply=kind in ("message", "follow", "postback", "join", "beacon"))
    extra = {
        "message": {"message": {"type": "text", "id": "1", "quoteToken": "q", "text": "สวัสดีค่ะ"}},
        "unsend": {"unsend": {"messageId": "325708"}},
        "follow": {"follow": {"isUnblocked": True}},
        "join": {"source": {"type": "group", "groupId": "C" + "2" * 32}},
        "leave": {"source": {"type": "group", "groupId": "C" + "2" * 32}},
        "memberJoined": {"source": {"type": "group", "groupId": "C" + "2" * 32},
                         "joined": {"members": [{"type": "user", "userId": USER}]}},
        "memberLeft": {"source": {"type": "group", "groupId": "C" + "2" * 32},
                       "left": {"members": [{"type": "user", "userId": USER}]}},
        "postback": {"postback": {"data": "intent=greeting"}},
        "videoPlayComplete": {"videoPlayComplete": {"trackingId": "track-1"}},
        "beacon": {"beacon": {"hwid": "d41d8cd98f", "type": "enter"}},
        "accountLink": {"link": {"result": "ok", "nonce": "xxxxxxxxxxxxxxx"}},
        "membership": {"membership": {"type": "joined", "membershipId": 3189}},
        "module": {"module": {"type": "attached", "botId": "U" + "3" * 32, "scopes": ["message:send"]}},
        "activated": {"chatControl": {"expireAt": 1462629479960}},
        "delivery": {"delivery": {"data": "pnp-delivery"}},
    }.get(kind, {})
    return event | extra


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_webhook_event_type_is_accepted(chat, app, kind):
    response = chat.post([sample_event(kind)])
    assert response.status_code == 200
    assert len(rows(app, ProcessedEvent)) == 1


def test_an_event_type_line_adds_later_is_logged_and_ignored(chat, app, line_api):
    event = ev.base_event("somethingNew", USER) | {"somethingNew": {"x": 1}}
    assert chat.post([event]).status_code == 200
    assert line_api.delivered_messages() == []


def test_standby_events_get_no_reply(chat, line_api):
    assert chat.post([ev.text(USER, "สวัสดีค่ะ", mode="standby")]).status_code == 200
    assert line_api.delivered_messages() == []


def test_redelivered_event_is_processed_once(chat, app, line_api):
    event = ev.text(USER, "สวัสดีค่ะ")
    first = chat.send(event)
    again = dict(event, deliveryContext={"isRedelivery": True}, replyToken="another-token-for-redelivery")
    assert chat.post([again]).status_code == 200
    assert chat.post([event]).status_code == 200
    assert first and len(line_api.delivered_messages(to=USER)) == len(first)
    assert len([m for m in rows(app, Message) if m.direction == "in"]) == 1


def test_follow_greets_in_thai_and_asks_consent_before_collecting_anything(chat, app):
    messages = chat.follow(USER)
    texts = shown(messages)
    assert "ยินดีต้อนรับ" in texts[0]
    assert "ยินยอม" in texts[-1]
    labels = [action["label"] for action in quick_replies(messages[-1])]
    assert "ยินยอม" in labels and "ไม่ยินยอม" in labels
    [user] = rows(app, LineUser)
    assert user.line_user_id == USER and user.active and user.consented_at is None


def test_unfollow_marks_the_user_inactive(chat, app):
    chat.follow(USER)
    assert chat.post([ev.unfollow(USER)]).status_code == 200
    [user] = rows(app, LineUser)
    assert not user.active


def test_text_before_consent_is_not_kept_in_the_transcript(chat, app):
    chat.follow(USER)
    chat.say(USER, "ผมชื่อสมชาย เบอร์ 0812345678 อยากทำกล่องใหม่")
    incoming = [m for m in rows(app, Message) if m.direction == "in" and m.kind == "text"]
    assert incoming and all(m.text is None for m in incoming)


@pytest.mark.parametrize("text", [
    "ก" * 5000,
    "😀🙏🎉" * 10,
    "\u200b\u200c\u200d\ufeff",
    "<script>alert('x')</script><b>สวัสดี</b>",
    "๐๘๑๒๓๔๕๖๗๘",
    "",
])
def test_odd_text_gets_a_polite_answer_within_lines_limits(chat, text):
    messages = chat.send(ev.text(USER, text))
    assert messages, "the user got no answer"
    for message in messages:
        if message["type"] == "text":
            assert 0 < len(message["text"].encode("utf-16-le")) // 2 <= 5000
        assert len(quick_replies(message)) <= 13
    assert len(messages) <= 5


def test_expired_reply_token_falls_back_to_a_push(chat, line_api):
    event = ev.text(USER, "สวัสดีค่ะ")
    line_api.expire_reply_token(event["replyToken"])
    messages = chat.send(event)
    pushes = [r for r in line_api.requests("/v2/bot/message/push") if r.status == 200]
    assert messages and len(pushes) == 1
    assert pushes[0].header("X-Line-Retry-Key")


def test_reply_that_fails_with_500_is_pushed_instead(chat, line_api):
    line_api.fail_next("/v2/bot/message/reply", status=500)
    messages = chat.send(ev.text(USER, "สวัสดีค่ะ"))
    assert messages and [m.via for m in line_api.delivered_messages(to=USER)] == ["push"] * len(messages)


def test_several_events_in_one_body_are_each_answered(chat, line_api):
    other = "U" + "9" * 32
    response = chat.post([ev.text(USER, "สวัสดีค่ะ"), ev.text(other, "สวัสดีครับ")])
    assert response.status_code == 200
    assert line_api.delivered_messages(to=USER) and line_api.delivered_messages(to=other)


def test_healthz_reports_the_database(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json()["database"] == "ok"


def test_sticker_gets_a_friendly_answer(chat):
    [answer] = shown(chat.send(ev.sticker(USER)))
    assert "สติกเกอร์" in answer


def test_raw_body_with_extra_whitespace_is_verified_as_sent(chat):
    body = json.dumps({"destination": "U1", "events": []}, indent=4).encode()
    response = chat.post([], signature=ev.sign(body, "test-channel-secret"), body=body)
    assert response.status_code == 200


def test_a_failed_reply_in_a_group_is_pushed_to_the_group(chat, line_api):
    group = "C" + "3" * 32
    event = ev.base_event("join", USER) | {"source": {"type": "group", "groupId": group}}
    line_api.fail_next("/v2/bot/message/reply", status=500)
    assert chat.post([event]).status_code == 200
    pushed = line_api.delivered_messages(to=group)
    assert pushed and {m.via for m in pushed} == {"push"}
    assert line_api.delivered_messages(to=USER) == []
