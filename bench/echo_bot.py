"""The baseline of bench/webhook_load.py: line-bot-sdk's Flask echo example, pointed at the fake LINE API.

Kept in the SDK example's shape (WebhookHandler, `@handler.add(MessageEvent, message=TextMessageContent)`,
a fresh ApiClient per event, `reply_message_with_http_info` with the same text), so it measures what a
minimal bot on this stack costs. The one change: settings are read in a factory, not at import time.

    gunicorn --worker-class gevent --workers 2 --worker-connections 100 "bench.echo_bot:create_app()"

Environment: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL (the fake).
"""

from __future__ import annotations

import os

from flask import Flask, abort, request
from linebot.v3 import WebhookHandler
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, ReplyMessageRequest, TextMessage
from linebot.v3.webhooks import MessageEvent, TextMessageContent


def create_app() -> Flask:
    """The echo bot: answer every text message with the same text."""
    app = Flask(__name__)
    configuration = Configuration(access_token=os.environ["LINE_CHANNEL_ACCESS_TOKEN"],
                                  host=os.environ["LINE_API_BASE_URL"].rstrip("/"))
    handler = WebhookHandler(os.environ["LINE_CHANNEL_SECRET"])

    @app.route("/callback", methods=["POST"])
    def callback():
        signature = request.headers["X-Line-Signature"]
        body = request.get_data(as_text=True)
        app.logger.info("Request body: " + body)
        try:
            handler.handle(body, signature)
        except InvalidSignatureError:
            abort(400)
        return "OK"

    @handler.add(MessageEvent, message=TextMessageContent)
    def handle_message(event):
        with ApiClient(configuration) as api_client:
            line_bot_api = MessagingApi(api_client)
            line_bot_api.reply_message_with_http_info(
                ReplyMessageRequest(reply_token=event.reply_token,
                                    messages=[TextMessage(text=event.message.text)]))

    return app
