"""Centre questions the classifier is unsure of ("พรุ่งนี้ไปธุระที่โคราชค่ะ แวะศูนย์ได้ไหม"): once ข้อมูลศูนย์ is tapped
(or the classifier reads them surely), they are answered as asked, the day too; through the webhook and the fake LINE
API."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogue import texts
from intents.dates import bangkok_today
from tests.bot.test_service_requests import USER
from tests.bot.test_where_they_live import centre_shown, keep_province, province_of


def offered_the_centre(said: list[str], chat) -> list[str]:
    """The answer as ข้อมูลศูนย์ gives it, tapped among the likely choices when the bot was unsure."""
    if any("📞" in s for s in said):
        return said
    assert texts.NOT_SURE in said[-1]
    return chat.tap(USER, "intent=center_info")


def test_a_visit_on_an_errand_is_told_whether_the_centre_opens_that_day(chat, app):
    chat.follow(USER)
    said = offered_the_centre(chat.say(USER, "พรุ่งนี้ไปธุระที่โคราชค่ะ แวะศูนย์ได้ไหม"), chat)
    tomorrow = bangkok_today() + timedelta(days=1)
    assert said[0].startswith(f"วัน{texts.day_and_date(tomorrow)}") and "ทำการ" in said[0]
    assert centre_shown(said[1:], "นครราชสีมา") and province_of(app) is None


def test_a_booth_in_another_province_shows_that_centre_and_leaves_home_as_it_is(chat, app):
    chat.consent(USER)
    keep_province(app, "สงขลา")
    said = offered_the_centre(chat.say(USER, "เดือนหน้าจะไปออกบูธที่ขอนแก่นค่ะ มีศูนย์ไหม"), chat)
    assert centre_shown(said, "ขอนแก่น") and not any("ทำการค่ะ" in s for s in said)
    assert province_of(app) == "สงขลา"
