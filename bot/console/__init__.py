"""The staff console (/staff): login, the request queue, request pages, dashboard, staff accounts.

How another blueprint plugs in (e.g. events and announcements):

    from bot.console.auth import admin_required, current_staff, login_required, scoped
    from bot.console.web import db, register_nav

    blueprint = Blueprint("staff_events", __name__, url_prefix="/staff/events")

    @blueprint.get("/")
    @login_required                      # or @admin_required
    def events(): return render_template("events/list.html", ...)

    def init_app(app):
        app.register_blueprint(blueprint)
        register_nav("กิจกรรม", "staff_events.events", admin_only=False, order=30)

- Templates extend "console/base.html" and fill `{% block title %}` and `{% block content %}`; flashed
  messages (categories "info" / "error") are shown by the base; `console/macros.html` has form helpers.
- Every POST under /staff is CSRF-checked: put `<input type="hidden" name="csrf_token"
  value="{{ csrf_token() }}">` in each form. Nothing outside /staff is checked.
- `db()` is the request's SQLAlchemy session: commit it yourself, then queue jobs (after the commit).
- `current_staff()` is the signed-in Staff, or None; in a view behind `login_required`, `signed_in_staff()`
  is the same Staff, never None. `scoped(select(...), Model.centre_id)` limits a query to their centre
  unless they are an admin. Filters `thai_datetime`, `thai_date`, `duration` are available.
"""

from __future__ import annotations

from flask import Flask

from bot.console import web


def init_app(app: Flask) -> None:
    """Register the console's blueprints, CSRF, filters, nav entries and the demo-data command."""
    from bot import sla  # noqa: F401  registers the periodic reminder task with the job queue
    from bot.console import accounts, auth, dashboard, demo_data, queue, request_page

    web.init_web(app)
    app.add_template_global(auth.current_staff, "current_staff")
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", auth.SESSION_LIFETIME)
    for module in (auth, queue, request_page, dashboard, accounts):
        app.register_blueprint(module.blueprint)
    web.register_nav("คิวคำขอ", "staff_queue.queue", order=10)
    web.register_nav("แดชบอร์ด", "staff_dashboard.dashboard", order=20)
    web.register_nav("เจ้าหน้าที่", "staff_accounts.staff_list", admin_only=True, order=80)
    web.register_nav("บัญชีของฉัน", "staff_accounts.account", order=90)
    app.cli.add_command(demo_data.demo_data_command)

