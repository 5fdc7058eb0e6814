"""The fake LINE API, driven by the real line-bot-sdk v3 exactly as the bot drives LINE."""

from __future__ import annotations

import functools
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import urllib3
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    BroadcastRequest,
    Configuration,
    FlexBox,
    FlexBubble,
    FlexMessage,
    FlexText,
    MessageAction,
    MessagingApi,
    MessagingApiBlob,
    MulticastRequest,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    ShowLoadingAnimationRequest,
    TextMessage,
)
from pydantic.v1 import ValidationError

from bot.line.fake_api import FakeLineApi, new_user_id, validate_messages

TOKEN = "test-token"


@pytest.fixture
def line_api() -> Iterator[FakeLineApi]:
    with FakeLineApi(access_token=TOKEN).serve() as api:
        yield api


@pytest.fixture
def client(line_api: FakeLineApi) -> Iterator[ApiClient]:
    with ApiClient(Configuration(host=line_api.base_url, access_token=TOKEN)) as api_client:
        yield api_client


@pytest.fixture
def messaging(client: ApiClient) -> MessagingApi:
    return MessagingApi(client)


def text_push(to: str, *texts: str) -> PushMessageRequest:
    return PushMessageRequest(to=to, messages=[TextMessage(text=t) for t in texts])


def post_raw(client: ApiClient, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    """POST JSON through the SDK's transport, past its client-side models, to see what LINE itself says."""
    return client.call_api(
        path, "POST", header_params={"Content-Type": "application/json", **(headers or {})}, body=body,
        auth_settings=["Bearer"], response_types_map={"200": "object"}, _return_http_data_only=True,
    )


def rejection(call: Callable[[], Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
    """The status, JSON body and headers of the ApiException a call raises."""
    with pytest.raises(ApiException) as caught:
        call()
    return caught.value.status, json.loads(caught.value.body), dict(caught.value.headers)


# --- sending -----------------------------------------------------------------------------------------


def test_pushed_text_is_delivered_to_the_user(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    response = messaging.push_message(text_push(user, "สวัสดีครับ", "ยินดีต้อนรับ"))

    assert line_api.delivered_texts(to=user) == ["สวัสดีครับ", "ยินดีต้อนรับ"]
    assert [m.id for m in response.sent_messages] == [d.message_id for d in line_api.delivered_messages(user)]
    assert all(m.quote_token for m in response.sent_messages)


def test_every_answer_carries_a_request_id(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    answer = messaging.push_message_with_http_info(text_push(new_user_id(), "hi"))

    request_id = answer.headers["x-line-request-id"]
    assert uuid.UUID(request_id)
    assert line_api.requests("/v2/bot/message/push")[0].request_id == request_id


def test_reply_token_works_once(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    token = line_api.new_reply_token(user)
    reply = ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="รับเรื่องแล้วค่ะ")])
    messaging.reply_message(reply)

    status, body, _ = rejection(lambda: messaging.reply_message(reply))

    assert (status, body) == (400, {"message": "Invalid reply token"})
    assert line_api.delivered_texts(to=user) == ["รับเรื่องแล้วค่ะ"]


def test_expired_or_verify_reply_tokens_are_refused(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    token = line_api.new_reply_token(new_user_id())
    line_api.expire_reply_token(token)

    for dead in (token, "0" * 32):
        request = ReplyMessageRequest(reply_token=dead, messages=[TextMessage(text="x")])
        assert rejection(functools.partial(messaging.reply_message, request))[:2] == (
            400, {"message": "Invalid reply token"})
    assert line_api.delivered_messages() == []


def test_multicast_reaches_each_user_and_counts_each_against_the_quota(
    line_api: FakeLineApi, messaging: MessagingApi
) -> None:
    users = [new_user_id() for _ in range(3)]
    messaging.multicast(MulticastRequest(to=users, messages=[TextMessage(text="CLUSTER DAY 20 พ.ย. 2569")]))

    assert {d.to for d in line_api.delivered_messages()} == set(users)
    assert messaging.get_message_quota_consumption().total_usage == 3


def test_broadcast_reaches_every_follower(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    followers = [new_user_id(), new_user_id()]
    line_api.set_profile(followers[0], "สมชาย")
    line_api.add_follower(followers[1])

    messaging.broadcast(BroadcastRequest(messages=[TextMessage(text="ประกาศ")]))

    assert [d.to for d in line_api.delivered_messages()] == followers


# --- retry keys --------------------------------------------------------------------------------------


def test_repeated_retry_key_answers_409_with_the_accepted_request_id(
    line_api: FakeLineApi, messaging: MessagingApi
) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    first = messaging.push_message_with_http_info(text_push(user, "แจ้งเตือน"), x_line_retry_key=key)

    status, body, headers = rejection(lambda: messaging.push_message(text_push(user, "แจ้งเตือน"), x_line_retry_key=key))

    assert status == 409
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"] == [m.to_dict() for m in first.data.sent_messages]
    assert headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    assert line_api.delivered_texts(to=user) == ["แจ้งเตือน"]


def test_retry_key_after_a_server_error_is_processed(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    line_api.fail_next("/v2/bot/message/push", status=500)

    assert rejection(lambda: messaging.push_message(text_push(user, "a"), x_line_retry_key=key))[0] == 500
    messaging.push_message(text_push(user, "a"), x_line_retry_key=key)

    assert line_api.delivered_texts(to=user) == ["a"]


def test_retry_key_of_a_refused_request_can_be_used_again(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    line_api.set_quota(limit=0)

    assert rejection(lambda: messaging.push_message(text_push(user, "a"), x_line_retry_key=key))[0] == 429
    line_api.set_quota(limit=None)
    messaging.push_message(text_push(user, "a"), x_line_retry_key=key)

    assert line_api.delivered_texts(to=user) == ["a"]


def test_retry_key_must_be_a_uuid_and_is_refused_on_reply(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    reply = ReplyMessageRequest(reply_token=line_api.new_reply_token(user), messages=[TextMessage(text="x")])

    assert rejection(lambda: messaging.push_message(text_push(user, "x"), x_line_retry_key="not-a-uuid"))[0] == 400
    assert rejection(lambda: messaging.reply_message(reply, _headers={"X-Line-Retry-Key": str(uuid.uuid4())}))[0] == 400
    assert line_api.delivered_messages() == []


def test_concurrent_pushes_with_one_retry_key_deliver_once(line_api: FakeLineApi, client: ApiClient) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    statuses: list[int] = []

    def push() -> None:
        try:
            MessagingApi(client).push_message(text_push(user, "once"), x_line_retry_key=key)
            statuses.append(200)
        except ApiException as error:
            statuses.append(error.status)

    threads = [threading.Thread(target=push) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] + [409] * 7
    assert line_api.delivered_texts(to=user) == ["once"]


# --- LINE's limits -----------------------------------------------------------------------------------


def test_six_messages_are_refused_by_the_sdk_and_by_line(client: ApiClient) -> None:
    with pytest.raises(ValidationError):
        text_push(new_user_id(), *["x"] * 6)

    body = {"to": new_user_id(), "messages": [{"type": "text", "text": "x"}] * 6}
    status, error, _ = rejection(lambda: post_raw(client, "/v2/bot/message/push", body))

    assert status == 400
    assert error["message"] == "The request body has 1 error(s)"
    assert error["details"] == [{"message": "size must be between 1 and 5", "property": "messages"}]


def test_text_is_limited_to_5000_utf16_units(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    messaging.push_message(text_push(user, "😀" * 2500))  # each emoji is two UTF-16 units

    status, error, _ = rejection(lambda: messaging.push_message(text_push(user, "ก" * 5001)))

    assert status == 400
    assert error["details"][0]["property"] == "messages[0].text"
    assert len(line_api.delivered_messages(to=user)) == 1


def test_fourteen_quick_reply_items_are_refused(client: ApiClient) -> None:
    item = QuickReplyItem(action=MessageAction(label="ออกแบบ", text="ออกแบบ"))
    with pytest.raises(ValidationError):
        QuickReply(items=[item] * 14)

    message = TextMessage(text="เลือกบริการ", quick_reply=QuickReply(items=[item] * 13)).to_dict()
    message["quickReply"]["items"].append(message["quickReply"]["items"][0])
    status, error, _ = rejection(
        lambda: post_raw(client, "/v2/bot/message/push", {"to": new_user_id(), "messages": [message]}))

    assert status == 400
    assert error["details"][0]["property"] == "messages[0].quickReply.items"


def test_multicast_is_limited_to_500_user_ids(client: ApiClient) -> None:
    users = [new_user_id() for _ in range(501)]
    with pytest.raises(ValidationError):
        MulticastRequest(to=users, messages=[TextMessage(text="x")])

    body = {"to": users, "messages": [{"type": "text", "text": "x"}]}
    status, error, _ = rejection(lambda: post_raw(client, "/v2/bot/message/multicast", body))

    assert status == 400
    assert {"message": "size must be between 1 and 500", "property": "to"} in error["details"]


def test_unknown_message_type_is_refused(line_api: FakeLineApi, client: ApiClient) -> None:
    body = {"to": new_user_id(), "messages": [{"type": "carousel", "text": "x"}]}
    status, error, _ = rejection(lambda: post_raw(client, "/v2/bot/message/push", body))

    assert status == 400
    assert error["details"][0]["property"] == "messages[0].type"
    assert line_api.delivered_messages() == []


def test_flex_alt_text_is_limited_to_400_characters(messaging: MessagingApi) -> None:
    bubble = FlexBubble(body=FlexBox(layout="vertical", contents=[FlexText(text="ศูนย์ ITC")]))
    flex = FlexMessage(alt_text="ก" * 401, contents=bubble)

    status, error, _ = rejection(lambda: messaging.push_message(PushMessageRequest(to=new_user_id(), messages=[flex])))

    assert status == 400
    assert error["details"] == [{"message": "Length must be between 1 and 400", "property": "messages[0].altText"}]


def test_schema_catches_what_the_limits_do_not(client: ApiClient) -> None:
    flex = {"type": "flex", "altText": "ok", "contents": {
        "type": "bubble", "body": {"type": "box", "layout": "diagonal", "contents": [{"type": "sparkle"}]}}}
    body = {"to": new_user_id(), "messages": [{"type": "sticker", "packageId": "446"}, flex]}

    status, error, _ = rejection(lambda: post_raw(client, "/v2/bot/message/push", body))

    assert status == 400
    assert {d["property"] for d in error["details"]} == {
        "messages[0].stickerId", "messages[1].contents.body.layout", "messages[1].contents.body.contents[0].type"}


def test_validate_messages_lists_the_problems() -> None:
    good = TextMessage(text="สวัสดี", quick_reply=QuickReply(items=[
        QuickReplyItem(action=PostbackAction(label="ติดต่อเจ้าหน้าที่", data="intent=contact_staff"))])).to_dict()

    assert validate_messages([good]) == []
    assert validate_messages([{"type": "text", "text": ""}]) == ["messages[0].text: Length must be between 1 and 5000"]
    assert validate_messages([good] * 6) == ["messages: size must be between 1 and 5"]


def test_without_the_spec_the_hand_written_limits_still_apply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING"):
        problems = validate_messages([{"type": "sticker"}, {"type": "text", "text": "x" * 5001}], openapi_dir=tmp_path)

    assert problems == ["messages[1].text: Length must be between 1 and 5000"]
    assert "hand-written limits only" in caplog.text


# --- authentication and unknown paths ----------------------------------------------------------------


def test_missing_or_wrong_token_is_401(line_api: FakeLineApi) -> None:
    for token in ("", "wrong-token"):  # the SDK always sends "Bearer <token>"; "" leaves it empty
        with ApiClient(Configuration(host=line_api.base_url, access_token=token)) as anonymous:
            status, body, _ = rejection(lambda: MessagingApi(anonymous).get_bot_info())
            assert status == 401
            assert body["message"].startswith(("Authorization header required", "Authentication failed"))


def test_unknown_path_is_404_with_line_error_body(client: ApiClient) -> None:
    status, body, headers = rejection(lambda: post_raw(client, "/v2/bot/no/such/thing", {}))

    assert (status, body) == (404, {"message": "Not found"})
    assert "x-line-request-id" in headers


# --- users, content, rich menus ----------------------------------------------------------------------


def test_profile_is_known_only_for_registered_users(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    line_api.set_profile(user, "ร้านกาแฟดอยช้าง", "https://example.com/p.jpg")

    profile = messaging.get_profile(user)

    assert (profile.display_name, profile.picture_url, profile.language) == (
        "ร้านกาแฟดอยช้าง", "https://example.com/p.jpg", "th")
    assert rejection(lambda: messaging.get_profile(new_user_id()))[0] == 404


def test_blob_api_downloads_content_from_the_configured_host(line_api: FakeLineApi, client: ApiClient) -> None:
    photo = b"\xff\xd8\xff\xe0 a jpeg of a coffee pack"
    line_api.put_content("468789577898262530", photo, "image/jpeg")
    blob = MessagingApiBlob(client)

    answer = blob.get_message_content_with_http_info("468789577898262530")

    assert bytes(answer.data) == photo
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert rejection(lambda: blob.get_message_content("1"))[0] == 404


def test_rich_menu_becomes_default_only_with_an_image(line_api: FakeLineApi, client: ApiClient) -> None:
    messaging, blob = MessagingApi(client), MessagingApiBlob(client)
    menu = RichMenuRequest(
        size=RichMenuSize(width=2500, height=843), selected=True, name="front desk", chat_bar_text="เมนู",
        areas=[RichMenuArea(bounds=RichMenuBounds(x=0, y=0, width=2500, height=843),
                            action=PostbackAction(data="menu=services"))],
    )
    menu_id = messaging.create_rich_menu(menu).rich_menu_id

    assert rejection(lambda: messaging.set_default_rich_menu(menu_id))[0] == 400
    blob.set_rich_menu_image(menu_id, b"\x89PNG image", _headers={"Content-Type": "image/png"})
    messaging.set_default_rich_menu(menu_id)

    assert messaging.get_default_rich_menu_id().rich_menu_id == menu_id
    assert [m.rich_menu_id for m in messaging.get_rich_menu_list().richmenus] == [menu_id]
    messaging.delete_rich_menu(menu_id)
    assert rejection(messaging.get_default_rich_menu_id)[0] == 404


def test_loading_animation_is_accepted_for_a_user(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    messaging.show_loading_animation(ShowLoadingAnimationRequest(chat_id=user, loading_seconds=10))

    assert line_api.requests("/v2/bot/chat/loading/start")[0].json == {"chatId": user, "loadingSeconds": 10}
    assert line_api.requests()[0].status == 202


# --- faults ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "headers"), [(500, {}), (429, {"Retry-After": "3"})])
def test_injected_error_surfaces_as_api_exception(
    line_api: FakeLineApi, messaging: MessagingApi, status: int, headers: dict[str, str]
) -> None:
    user = new_user_id()
    line_api.fail_next("/v2/bot/message/push", status=status, headers=headers)

    caught_status, _, caught_headers = rejection(lambda: messaging.push_message(text_push(user, "x")))

    assert caught_status == status
    assert caught_headers.get("Retry-After") == headers.get("Retry-After")
    assert line_api.delivered_messages() == []
    messaging.push_message(text_push(user, "x"))  # only the next request fails
    assert line_api.delivered_texts(to=user) == ["x"]


def test_hang_past_the_client_timeout_is_a_timeout_and_line_keeps_the_message(
    line_api: FakeLineApi, messaging: MessagingApi
) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    line_api.hang_next("/v2/bot/message/push", seconds=1.0, then="accept")

    with pytest.raises(urllib3.exceptions.ReadTimeoutError):
        messaging.push_message(text_push(user, "ส่งแล้ว"), x_line_retry_key=key, _request_timeout=0.2)
    retry_status = rejection(lambda: messaging.push_message(text_push(user, "ส่งแล้ว"), x_line_retry_key=key))[0]

    assert retry_status == 409
    assert line_api.wait_for(lambda: line_api.delivered_texts(to=user)) == ["ส่งแล้ว"]


def test_dropped_request_delivers_nothing_and_its_retry_goes_through(
    line_api: FakeLineApi, messaging: MessagingApi
) -> None:
    user, key = new_user_id(), str(uuid.uuid4())
    line_api.hang_next("/v2/bot/message/push", seconds=0.5, then="drop")

    with pytest.raises(urllib3.exceptions.ReadTimeoutError):
        messaging.push_message(text_push(user, "x"), x_line_retry_key=key, _request_timeout=0.1)
    line_api.wait_for(lambda: line_api.requests("/v2/bot/message/push"))
    messaging.push_message(text_push(user, "x"), x_line_retry_key=key)

    assert line_api.delivered_texts(to=user) == ["x"]


def test_failure_ratio_is_repeatable_for_a_seed(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    def outcomes() -> list[int]:
        line_api.reset()
        line_api.fail_ratio("/v2/bot/message/push", 0.5, status=503, seed=7)
        statuses = []
        for _ in range(20):
            try:
                messaging.push_message(text_push(new_user_id(), "x"))
                statuses.append(200)
            except ApiException as error:
                statuses.append(error.status)
        return statuses

    first = outcomes()
    assert first == outcomes()
    assert set(first) == {200, 503}


def test_wait_for_sees_a_push_made_by_a_background_thread(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    user = new_user_id()
    threading.Timer(0.1, lambda: messaging.push_message(text_push(user, "งานเบื้องหลัง"))).start()

    assert line_api.wait_for(lambda: line_api.delivered_texts(to=user), timeout=5) == ["งานเบื้องหลัง"]
    with pytest.raises(TimeoutError):
        line_api.wait_for(lambda: line_api.delivered_texts(to=new_user_id()), timeout=0.1)


# --- quota -------------------------------------------------------------------------------------------


def test_quota_endpoints_report_the_limit_and_usage(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    assert messaging.get_message_quota().type == "none"
    line_api.set_quota(limit=2, used=1)
    messaging.push_message(text_push(new_user_id(), "x"))

    quota = messaging.get_message_quota()
    assert (quota.type, quota.value) == ("limited", 2)
    assert messaging.get_message_quota_consumption().total_usage == 2
    status, body, _ = rejection(lambda: messaging.push_message(text_push(new_user_id(), "x")))
    assert (status, body) == (429, {"message": "You have reached your monthly limit."})


def test_replies_are_free(line_api: FakeLineApi, messaging: MessagingApi) -> None:
    token = line_api.new_reply_token(new_user_id())
    messaging.reply_message(ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="x")]))

    assert messaging.get_message_quota_consumption().total_usage == 0
