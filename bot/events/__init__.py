"""Events and announcements: CLUSTER DAY and friends in LINE, seats and waiting lists, check-in, reminders.

    dialogue.py       the `event` intent and the event buttons in LINE (registration, waiting list, cancel)
    party.py          a registration's party changed afterwards, tapped or typed
    preferences.py    the "what news do you want" choices
    registrations.py  seats, waiting list, offers and check-in, safe under concurrent taps
    tickets.py        the check-in QR code (PNG at /tickets/<code>.png)
    jobs.py           day-before reminders and lapsed offers, run by the worker
    cli.py            flask --app bot events add | list | checkin | remind
    console.py        the console pages (/staff/events, /staff/checkin)
Announcements live in bot/announcements/; both are wired here.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the CLI groups, the ticket images, the console pages and the jobs of events and announcements."""
    from bot.announcements import cli as announce_cli
    from bot.announcements import jobs as announcement_jobs  # noqa: F401  (registers the worker's tasks)
    from bot.events import cli as events_cli
    from bot.events import jobs as event_jobs  # noqa: F401
    from bot.events import tickets

    app.cli.add_command(events_cli.events_group)
    app.cli.add_command(announce_cli.announce_group)
    app.register_blueprint(tickets.blueprint)
    if "staff_auth" in app.blueprints:  # the console is there to plug into
        from bot.announcements import console as announcement_pages
        from bot.events import console as event_pages
        from bot.events import door

        event_pages.init_app(app)
        app.register_blueprint(door.blueprint)
        announcement_pages.init_app(app)
