"""A staff member at a browser made small (test client + real CSRF tokens), and requests filed through LINE."""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from storage.models import Province, ServiceRequest
from tests.bot.test_service_requests import FIRST_MESSAGES, REUSING, answer_until_summary

PASSWORD = "รหัสผ่านยาว123"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_staff(app, name: str, centre: str, login: str, line_id: str | None = None, admin: bool = False) -> None:
    """Create a staff account with `flask --app bot staff add`, as an operator would."""
    args = ["staff", "add", "--name", name, "--center", centre, "--login", login, "--password", PASSWORD]
    args += ["--line-user-id", line_id] if line_id else []
    args += ["--admin"] if admin else []
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output


def signed_in_staff(app, name: str, centre: str, login: str, **options) -> StaffBrowser:
    """A new staff account (`add_staff`, with its options) signed in to the console in a browser session."""
    add_staff(app, name, centre, login, **options)
    browser = StaffBrowser(app)
    browser.sign_in(login)
    return browser


class StaffBrowser:
    """One staff member's browser session on the console: follows redirects, sends the form's CSRF token."""

    def __init__(self, app) -> None:
        self.client = app.test_client()
        self.token: str | None = None

    def get(self, path: str, **options):
        response = self.client.get(path, follow_redirects=options.pop("follow", True), **options)
        self._keep_token(response)
        return response

    def post(self, path: str, data: dict | None = None, follow: bool = True, token: bool = True):
        if token and self.token is None:
            self.get("/staff/login")
        form = dict(data or {}) | ({"csrf_token": self.token} if token else {})
        response = self.client.post(path, data=form, follow_redirects=follow)
        self._keep_token(response)
        return response

    def _keep_token(self, response) -> None:
        if response.mimetype == "text/html":
            found = TOKEN.search(response.get_data(as_text=True))
            if found:
                self.token = unescape(found.group(1))

    def sign_in(self, login: str, password: str = PASSWORD):
        response = self.post("/staff/login", {"login": login, "password": password})
        return response

    def page(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)


def file_request(chat, app, user: str, service: str = "packaging", answers: dict | None = None) -> ServiceRequest:
    """An entrepreneur files a request through the LINE webhook, start to confirm; returns it."""
    chat.consent(user)
    chat.say(user, FIRST_MESSAGES.get(service, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ"))
    answer_until_summary(chat, app, user, REUSING | (answers or {}))
    chat.tap(user, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalars(select(ServiceRequest).order_by(ServiceRequest.id.desc())).first()


def load(app, model, row_id):
    """A fresh copy of a row, as the database has it now."""
    with app.extensions["frontdesk"].sessions() as session:
        return session.get(model, row_id)


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def form_fields(page: str, action: str, **typed) -> dict:
    """What the page's form posting to `action` sends: its hidden fields (not the token) and what was typed."""
    start = page.index(f'action="{action}"')
    form = page[start:page.index("</form>", start)]
    return {name: unescape(value) for name, value in HIDDEN.findall(form) if name != "csrf_token"} | typed


def centre_of(app, province: str) -> tuple[int, str]:
    """The id and name of the centre that serves a province."""
    with app.extensions["frontdesk"].sessions() as session:
        centre = session.scalar(select(Province).where(Province.name == province)).centre
        return centre.id, centre.name


def transfer(admin: StaffBrowser, request: ServiceRequest, centre_id: int, reason: str):
    """An admin moves the request to another centre with the request page's transfer form."""
    path = f"/staff/requests/{request.id}"
    return admin.post(f"{path}/transfer", form_fields(admin.page(path), f"{path}/transfer",
                                                      centre_id=str(centre_id), reason=reason))
