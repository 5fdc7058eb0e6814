"""Operators' commands and background deliveries, against a real database and the fake LINE API."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot import jobs
from bot.config import Settings
from storage import repositories as repo
from storage.database import unit_of_work
from storage.models import Centre, Delivery, Province, Staff
from tests.bot.test_service_requests import ANSWERS, FIRST_MESSAGES, answer_until_summary

USER = "U" + "b" * 32


def deliver(app, recipients: list[str], text: str = "ทดสอบ") -> int:
    """Create a committed push delivery and run its job."""
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        delivery_id = repo.new_delivery(session, "test", recipients, [{"type": "text", "text": text}]).id
    jobs.enqueue_deliveries([delivery_id])
    jobs.run_scheduled()
    return delivery_id


def delivery(app, delivery_id: int) -> Delivery:
    with app.extensions["frontdesk"].sessions() as session:
        return session.get(Delivery, delivery_id)


def test_seed_covers_all_77_provinces_and_is_idempotent(app):
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0 and "0 new events" in result.output
    with app.extensions["frontdesk"].sessions() as session:
        provinces = list(session.scalars(select(Province)))
        assert len(provinces) == 77 and all(p.centre_id for p in provinces)
        assert len(list(session.scalars(select(Centre)))) == 30


def test_staff_add_accepts_a_centre_code_or_a_province_it_serves(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["staff", "add", "--name", "ก", "--center", "ITC-R1"]).exit_code == 0
    result = runner.invoke(args=["staff", "add", "--name", "ข", "--center", "ลำพูน", "--admin"])
    assert result.exit_code == 0 and json.loads(result.output)["centre"] == "ITC-R1"
    refused = runner.invoke(args=["staff", "add", "--name", "ค", "--center", "แอตแลนติส"])
    assert refused.exit_code != 0 and "no centre" in refused.output
    with app.extensions["frontdesk"].sessions() as session:
        assert len(list(session.scalars(select(Staff)))) == 2


def test_requests_list_json_has_the_documented_keys(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    result = app.test_cli_runner().invoke(args=["requests", "list", "--json"])
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert {"reference", "service", "status", "province", "centre", "line_user_id", "business_name",
            "contact_name", "phone", "details", "created_at"} <= row.keys()
    assert row["service"] == "machinery" and row["phone"] == "0812345678" and row["line_user_id"] == USER
    assert row["province"] == "เชียงราย" and row["created_at"].startswith("20")
    assert row["answers"]["machine"] == ANSWERS["machine"]


def test_a_push_retried_after_500s_keeps_its_retry_key_and_arrives_once(app, line_api):
    line_api.fail_next("/v2/bot/message/push", status=500, times=2)
    delivery_id = deliver(app, [USER])
    pushes = line_api.requests("/v2/bot/message/push")
    assert [r.status for r in pushes] == [500, 500, 200]
    assert len({r.header("X-Line-Retry-Key") for r in pushes}) == 1
    assert len(line_api.delivered_messages(to=USER)) == 1 and delivery(app, delivery_id).status == "sent"


def test_a_timeout_that_line_accepted_is_not_sent_twice(app, line_api):
    line_api.hang_next("/v2/bot/message/push", seconds=3, then="accept")
    delivery_id = deliver(app, [USER])
    assert [r.status for r in line_api.requests("/v2/bot/message/push")][-1] == 409
    assert len(line_api.delivered_messages(to=USER)) == 1 and delivery(app, delivery_id).status == "sent"


def test_a_4xx_is_not_retried_and_is_recorded(app, line_api):
    line_api.fail_next("/v2/bot/message/push", status=400)
    delivery_id = deliver(app, [USER])
    assert len(line_api.requests("/v2/bot/message/push")) == 1
    assert delivery(app, delivery_id).status == "failed" and "400" in delivery(app, delivery_id).last_error


def test_a_rate_limited_push_backs_off_and_arrives(app, line_api):
    line_api.fail_next("/v2/bot/message/push", status=429, headers={"Retry-After": "1"})
    delivery_id = deliver(app, [USER])
    assert delivery(app, delivery_id).status == "sent" and len(line_api.delivered_messages(to=USER)) == 1


def test_a_delivery_job_run_twice_sends_once(app, line_api):
    delivery_id = deliver(app, [USER])
    jobs.send_delivery(delivery_id)
    jobs.run_scheduled()
    assert len(line_api.delivered_messages(to=USER)) == 1 and delivery(app, delivery_id).attempts == 1


def test_uncertain_messages_are_exported_for_labelling(chat, app):
    chat.consent(USER)
    chat.say(USER, "อืม")
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    result = app.test_cli_runner().invoke(args=["nlu", "export-uncertain", "--since", "1"])
    lines = result.output.splitlines()
    assert lines[0] == "text,intent,predicted,confidence,created_at"
    assert [line.split(",")[0] for line in lines[1:]] == ["อืม"]


def test_the_embedded_queue_creates_its_folder_on_a_fresh_machine(tmp_path, line_api):
    from tests.conftest import make_app
    jobs_path = tmp_path / "not-there-yet" / "jobs.sqlite3"
    app = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", line_api, tasks_immediate=False,
                   jobs_path=str(jobs_path))
    deliver_id = None
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        deliver_id = repo.new_delivery(session, "test", [USER], [{"type": "text", "text": "ทดสอบ"}]).id
    jobs.enqueue_deliveries([deliver_id])
    assert jobs_path.exists() and len(jobs.queue) == 1
    jobs.queue.flush()
    app.extensions["frontdesk"].engine.dispose()


def test_two_bots_on_two_sqlite_databases_keep_separate_job_queues(tmp_path):
    first, second = (Settings.from_env({"DATABASE_URL": f"sqlite:///{tmp_path / name / 'frontdesk.sqlite3'}"})
                     for name in ("first", "second"))
    assert first.jobs_path == str(tmp_path / "first" / "jobs.sqlite3")
    assert second.jobs_path == str(tmp_path / "second" / "jobs.sqlite3")
    assert Settings.from_env({}).jobs_path == Settings().jobs_path  # the default stays in instance/
