"""Who an announcement reaches: `announce send --dry-run` counts for each kind of segment."""

from __future__ import annotations

import json

from storage.models import utcnow
from tests.bot.test_service_requests import FIRST_MESSAGES, REUSING, answer_until_summary
from tests.events.helpers import add_event, make_followers, registrant, user_id


def dry_run(app, *options: str) -> dict:
    result = app.test_cli_runner().invoke(args=["announce", "send", "--text", "ทดสอบ", "--dry-run", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_without_filters_every_active_subscribed_follower_counts(app):
    make_followers(app, 1203)
    make_followers(app, 5, start=5000, active=False)
    make_followers(app, 7, start=6000, subscribed=False)
    figures = dry_run(app)
    assert figures["recipients"] == 1203 and figures["batches"] == 3 and figures["dry_run"] is True


def test_province_cluster_and_service_narrow_together_and_widen_within(app):
    make_followers(app, 10, start=1, province="เชียงใหม่", sectors=["processed_food"])
    make_followers(app, 20, start=100, province="เชียงใหม่", sectors=["cosmetics"], interests=["packaging"])
    make_followers(app, 30, start=200, province="ลำปาง", sectors=["processed_food", "textiles"])
    make_followers(app, 40, start=300, province="นครราชสีมา", interests=["machinery", "packaging"])
    assert dry_run(app, "--province", "เชียงใหม่")["recipients"] == 30
    assert dry_run(app, "--province", "Chiang Mai", "--province", "ลำปาง")["recipients"] == 60
    assert dry_run(app, "--cluster", "processed_food")["recipients"] == 40
    assert dry_run(app, "--cluster", "อาหารแปรรูป", "--province", "ลำปาง")["recipients"] == 30
    assert dry_run(app, "--cluster", "cosmetics", "--cluster", "textiles")["recipients"] == 50
    assert dry_run(app, "--service", "packaging")["recipients"] == 60
    assert dry_run(app, "--service", "packaging", "--province", "โคราช")["recipients"] == 40


def test_interests_also_come_from_the_requests_people_made(chat, app):
    packaging, cluster = user_id(0xAA), user_id(0xBB)
    for user, service in ((packaging, "packaging"), (cluster, "cluster")):
        registrant(chat, user)  # a name and phone on the profile: offered, and taken
        chat.say(user, FIRST_MESSAGES[service])
        answer_until_summary(chat, app, user, REUSING)
        chat.tap(user, "confirm=yes")
    make_followers(app, 3)
    assert dry_run(app, "--service", "packaging")["recipients"] == 1
    assert dry_run(app, "--cluster", "เครื่องสำอาง")["recipients"] == 1  # the sector named in the request
    assert dry_run(app, "--cluster", "processed_food")["recipients"] == 0
    assert dry_run(app, "--province", "เชียงราย")["recipients"] == 2


def test_event_audience_is_the_people_registered_for_it(chat, app):
    event = add_event(app, capacity=1)
    make_followers(app, 50)
    for n in (1, 2):
        registrant(chat, user_id(0xE0 + n))
        chat.tap(user_id(0xE0 + n), f"ev_people={event['id']}:1")
    chat.tap(user_id(0xE2), f"ev_wait={event['id']}:1")
    assert dry_run(app, "--event", str(event["id"]))["recipients"] == 2


def test_unknown_filters_are_refused_with_a_clear_message(app):
    runner = app.test_cli_runner()
    for options in (["--province", "แอตแลนติส"], ["--cluster", "spaceships"], ["--service", "lottery"],
                    ["--event", "999"]):
        result = runner.invoke(args=["announce", "send", "--text", "x", "--dry-run", *options])
        assert result.exit_code != 0 and ("no " in result.output or "not one of" in result.output
                                          or "unknown" in result.output), result.output


def test_the_quota_is_shown_and_a_send_beyond_it_is_refused_without_force(app, line_api):
    make_followers(app, 700, consented_at=utcnow())
    line_api.set_quota(1000, used=500)
    figures = dry_run(app)
    assert figures["quota"] == {"needed": 700, "limit": 1000, "used": 500, "remaining": 500, "enough": False,
                                "error": None}
    assert "500" in figures["warning"]
    refused = app.test_cli_runner().invoke(args=["announce", "send", "--text", "CLUSTER DAY"])
    assert refused.exit_code != 0 and "quota" in refused.output
    assert line_api.requests("/v2/bot/message/multicast") == []
    assert dry_run(app, "--province", "เชียงใหม่")["quota"]["enough"] is True
