"""Operators' commands: `flask --app bot db upgrade | seed | requests list | staff add`."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from intents.entities import SECTORS
from intents.provinces import all_provinces
from storage import repositories as repo
from storage import seeding
from storage.database import unit_of_work
from storage.migrate import upgrade
from storage.models import Message, ServiceRequest, Staff

db_group = AppGroup("db", help="Database schema.")
requests_group = AppGroup("requests", help="Service requests.")
staff_group = AppGroup("staff", help="Centre staff accounts.")
nlu_group = AppGroup("nlu", help="Learning from real traffic.")


def init_app(app: Flask) -> None:
    for group in (db_group, requests_group, staff_group, nlu_group):
        app.cli.add_command(group)
    app.cli.add_command(seed_command)


def _services():
    return current_app.extensions["frontdesk"]


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema (Alembic)."""
    upgrade(_services().settings.database_url)
    click.echo("database is at the latest schema")


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load centres for all 77 provinces and a sample CLUSTER DAY event (safe to run again)."""
    services = _services()
    provinces = [{"name": p.name, "name_en": p.name_en, "region": p.region} for p in all_provinces()]
    try:
        with unit_of_work(services.sessions) as session:
            summary = seeding.seed(session, seeding.load_centres(), provinces, services.clock(), list(SECTORS))
    except seeding.SeedError as error:
        raise click.ClickException(f"the centre file breaks its rules: {error}") from error
    click.echo(f"{summary.centres} centres, {summary.provinces} provinces, {summary.events} new events")


@requests_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_requests(as_json: bool) -> None:
    """Every service request, oldest first."""
    with unit_of_work(_services().sessions) as session:
        for request in repo.all_requests(session):
            row = _request_row(request)
            click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                       f"{row['reference']}  {row['service']:<18} {row['status']:<10} {row['province']}")


def _request_row(request: ServiceRequest) -> dict:
    return {
        "reference": request.reference,
        "service": request.service,
        "status": request.status,
        "province": request.province,
        "centre": request.centre.code,
        "centre_name": request.centre.name,
        "line_user_id": request.user.line_user_id if request.user else None,
        "business_name": request.business_name,
        "contact_name": request.contact_name,
        "phone": request.phone,
        "details": request.details,
        "answers": request.answers,
        "attachments": len(request.attachments),
        "created_at": request.created_at.isoformat(),
    }


@staff_group.command("add")
@click.option("--name", required=True)
@click.option("--center", "--centre", "centre", required=True, help="Centre code or any province it serves.")
@click.option("--line-user-id", default=None, help="The staff member's LINE user id (U...), for alerts.")
@click.option("--password", default=None, help="Password for the staff console.")
@click.option("--admin", is_flag=True, help="Admin: all centres.")
@click.option("--login", default=None, help="Console login (default: the name).")
def add_staff(name: str, centre: str, line_user_id: str | None, password: str | None, admin: bool,
              login: str | None) -> None:
    """Create a staff account for a centre."""
    with unit_of_work(_services().sessions) as session:
        found = repo.find_centre(session, centre)
        if found is None:
            raise click.ClickException(f"no centre with code or province {centre!r}")
        if line_user_id and session.scalar(select(Staff).where(Staff.line_user_id == line_user_id)):
            raise click.ClickException("that LINE user is already linked to a staff account")
        if login and session.scalar(select(Staff).where(Staff.login == login)):
            raise click.ClickException(f"the login {login!r} is taken")
        staff = Staff(name=name, login=login or repo.free_login(session, name), centre_id=found.id,
                      line_user_id=line_user_id, is_admin=admin,
                      password_hash=generate_password_hash(password) if password else None)
        session.add(staff)
        session.flush()
        click.echo(json.dumps({"id": staff.id, "name": name, "login": staff.login, "centre": found.code},
                              ensure_ascii=False))



@nlu_group.command("export-uncertain")
@click.option("--since", "days", type=int, default=30, show_default=True, help="Days back to look.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-",
              help="CSV file (default: standard output).")
def export_uncertain(days: int, output) -> None:
    """Write low-confidence and fallback messages as CSV to label (fill `intent`, then put the file in
    intents/data/learned/ and the next model learns from it)."""
    services = _services()
    since = services.clock() - timedelta(days=days)
    query = (select(Message).where(Message.direction == "in", Message.kind == "text", Message.text.is_not(None),
                                   Message.created_at >= since, Message.fallback.is_(True))
             .order_by(Message.created_at))
    writer = csv.writer(output)
    writer.writerow(["text", "intent", "predicted", "confidence", "created_at"])
    seen: set[str] = set()
    with unit_of_work(services.sessions) as session:
        for message in session.scalars(query):
            assert message.text is not None, "the query selects messages with text"
            if message.text.strip() and message.text not in seen:
                seen.add(message.text)
                writer.writerow([message.text, "", message.intent, f"{message.confidence:.3f}",
                                 message.created_at.isoformat()])
