"""What a user types at a request's questions, through the webhook and the fake LINE API: a real name or product
is kept whatever it sounds like to the classifier; a question to the bot, an off-topic remark, a "none" or the
answer to another question is not, and the same question is asked again with everything already told kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot import workdays
from bot.dialogue import texts
from bot.line import fake_events as ev
from intents.dates import bangkok_today
from storage.models import ServiceRequest
from tests.bot.test_service_requests import (
    ANSWER_QUESTIONS,
    ANSWERS,
    FIRST_MESSAGES,
    USER,
    answer_until,
    answer_until_summary,
    names_sent,
    requests_in,
    state_of,
    typed_at,
)
from tests.chat import quick_replies

NEXT_QUESTION = {"business_name": "ขอชื่อผู้ติดต่อค่ะ", "contact_name": "ขอเบอร์โทร"}


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
@pytest.mark.parametrize("typed, name", [("Nok", "Nok"), ("Joy", "Joy"), ("Mint", "Mint"), ("Nok ka", "Nok")])
def test_a_short_latin_name_is_the_name_not_a_cancel(chat, app, question, typed, name):
    said = typed_at(chat, app, question, typed)  # the classifier reads "Nok" as a cancel (0.82)
    assert NEXT_QUESTION[question] in said[-1] and "ยกเลิก" not in " ".join(said)
    kept = names_sent(chat, app)
    assert kept == ((name, ANSWERS["contact_name"]) if question == "business_name" else
                    (ANSWERS["business_name"], name))


@pytest.mark.parametrize("typed", ["cancel", "ยกเลิก"])
def test_the_exact_cancel_command_at_a_name_question_still_cancels(chat, app, typed):
    [answer] = typed_at(chat, app, "contact_name", typed)
    assert "ยกเลิกเรื่องนี้แล้ว" in answer and state_of(app, USER) is None and requests_in(app) == []


QUESTIONS = ANSWER_QUESTIONS | {"phone": "ขอเบอร์โทรที่ติดต่อกลับได้ค่ะ", "province": "กิจการของท่านอยู่จังหวัดไหนคะ"}


def request_sent(chat, app) -> ServiceRequest:
    """Answer the remaining questions as ANSWERS does, confirm, and give the request filed."""
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    return request


def kept_as_asked(request: ServiceRequest) -> bool:
    """True when the request keeps the answers typed when asked again, not what was typed before."""
    return (request.business_name, request.contact_name, request.answers["product"]) == (
        ANSWERS["business_name"], ANSWERS["contact_name"], ANSWERS["product"])


@pytest.mark.parametrize("question", ["product", "business_name", "contact_name"])
@pytest.mark.parametrize("typed", ["หวยงวดนี้ออกอะไรคะ 555", "ขอเลขเด็ดงวดนี้หน่อย 5555", "อยากกู้เงินซื้อรถส่วนตัวค่ะ"])
def test_an_off_topic_remark_or_wish_is_declined_and_the_same_question_asked_again(chat, app, question, typed):
    said = typed_at(chat, app, question, typed)
    assert "นอกเหนือบริการ" in said[0] and said[-1].endswith(QUESTIONS[question])
    assert state_of(app, USER) == question and kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("question, typed", [
    ("product", "ต้องส่งรูปด้วยไหมคะ"), ("product", "ต้องทำยังไงต่อคะ?"), ("product", "หวยงวดนี้ออกอะไรคะ"),
    ("product", "ราคาเท่าไหร่คะ"), ("business_name", "ราคาเท่าไหร่คะ"),
    ("product", "ทำไมต้องบอกชื่อร้านด้วยคะ"),  # and "ด้วย" is no shop's name
])
def test_a_question_is_not_kept_as_the_answer_and_may_be_asked_after(chat, app, question, typed):
    said = typed_at(chat, app, question, typed)
    assert said[-1].endswith(QUESTIONS[question]) and "ถามได้หลังจากนี้" in said[-1]
    assert state_of(app, USER) == question and kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("question, typed", [
    ("contact_name", "เดือนหน้าจะไปออกบูธที่ขอนแก่นค่ะ มีศูนย์ไหม"),  # "เดือนหน้าจะไปออกบูธที่ขอนแก่น" was the name (h90)
    ("business_name", "มีที่จอดรถไหม"),  # "มี…ไหม" asks, with no particle after it
])
def test_a_message_asking_with_mai_is_never_kept_as_a_name(chat, app, question, typed):
    said = typed_at(chat, app, question, typed)
    assert not said[-1].startswith("ขอบคุณ")  # not taken and moved on from
    request = request_sent(chat, app)
    assert typed.split()[0] not in (request.business_name, request.contact_name)
    assert kept_as_asked(request)


@pytest.mark.parametrize("question, typed", [
    ("business_name", "ต้องใช้ชื่อที่จดทะเบียนหรือเปล่าคะ"),
    ("business_name", "ต้องเป็นชื่อจดทะเบียนไหมคะ"),  # an event to the classifier (ลงทะเบียน), which must not interrupt
    ("business_name", "ใช้ชื่อแบรนด์ได้ไหมคะ"), ("business_name", "ชื่อภาษาอังกฤษได้มั้ยครับ"),
    ("contact_name", "ชื่อเล่นได้ไหมคะ"), ("contact_name", "ใส่ชื่อใครดีคะ 555"), ("contact_name", "ต้องใช้ชื่อจริงไหมครับ"),
])
def test_a_question_about_the_name_asked_for_is_told_how_to_answer_and_asked_again(chat, app, question, typed):
    [answer] = typed_at(chat, app, question, typed)
    hint = {"business_name": "ไม่จำเป็นต้องเป็นชื่อจดทะเบียน", "contact_name": "ชื่อเล่นหรือชื่อจริงก็ได้"}[question]
    assert hint in answer and answer.endswith(QUESTIONS[question]) and state_of(app, USER) == question
    assert kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("question, typed", [
    ("business_name", "ทำไมต้องบอกชื่อร้านด้วยคะ"), ("contact_name", "ทำไมต้องให้ชื่อด้วย"),
    ("contact_name", "ทำไมต้องบอกชื่อร้านด้วยคะ"),
    ("phone", "ทำไมต้องให้เบอร์คะ"), ("province", "ทำไมต้องบอกจังหวัดครับ"),
])
def test_asking_why_a_detail_is_needed_is_told_what_it_is_for_and_asked_again(chat, app, question, typed):
    [answer] = typed_at(chat, app, question, typed)
    reason, asked = answer.split("\n")
    assert "ติดต่อท่านเรื่องคำขอนี้" in reason and "ศูนย์ที่ดูแล" in reason and asked.startswith(QUESTIONS[question])
    assert state_of(app, USER) == question and kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("question, typed, hint", [
    ("contact_name", "ไม่มี", "ชื่อเล่นก็ได้"), ("contact_name", "ไม่มีค่ะ", "ชื่อเล่นก็ได้"),
    ("business_name", "ไม่มี", "ยังไม่มีชื่อร้าน"), ("business_name", "ยังไม่มีชื่อร้านค่ะ", "ยังไม่มีชื่อร้าน"),
    ("business_name", "ไม่มีชื่อ", "ยังไม่มีชื่อร้าน"),
    ("business_name", "ยังไม่มีชื่อร้านค่ะ ขายเองที่บ้าน", "ยังไม่มีชื่อร้าน"),
    ("contact_name", "ไม่ทราบค่ะ ลูกสาวเป็นคนดูแล", "ชื่อเล่นก็ได้"),
    ("product", "ไม่มี", "ตั้งใจจะทำ"), ("product", "ยังไม่มีสินค้าเลยค่ะ", "ตั้งใจจะทำ"),
])
def test_none_is_no_name_or_product_and_the_question_is_asked_again_with_a_way_to_answer(
        chat, app, question, typed, hint):
    [answer] = typed_at(chat, app, question, typed)
    assert hint in answer and answer.endswith(QUESTIONS[question]) and state_of(app, USER) == question
    assert kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("question, typed", [
    ("business_name", "ร้านป้าแดง"), ("business_name", "หวานเย็น"), ("business_name", "ร้านไม่มีชื่อ"),
    ("business_name", "ร้านซ่อมรถช่างเอก"),  # out of scope to the classifier (0.998), and a real business
    ("business_name", "บ้านไหม"), ("contact_name", "แม่มณี"), ("contact_name", "ไหม"),
    ("product", "น้ำพริกเผาสูตรคุณยาย ใส่ขวดแก้ว"), ("product", "กุนเชียงค่ะ"), ("product", "เสื้อไหมค่ะ"),
    ("product", "หมอนไหม"), ("product", "ขนมอะไรก็ได้ที่ขายดี"),
    ("product", "ยังไม่มีสินค้าค่ะ อยากทำน้ำพริกขาย"),  # a none the product follows
])
def test_a_real_name_or_product_is_kept_whatever_it_sounds_like(chat, app, question, typed):
    said = typed_at(chat, app, question, typed)
    assert state_of(app, USER) != question and "นอกเหนือบริการ" not in " ".join(said)
    request = request_sent(chat, app)
    kept = {"business_name": request.business_name, "contact_name": request.contact_name,
            "product": request.answers["product"]}[question]
    assert kept == typed.removesuffix("ค่ะ")


@pytest.mark.parametrize("question, typed", [("product", "555"), ("business_name", "5555+"), ("contact_name", "ฮ่าๆ")])
def test_laughter_alone_is_no_answer_and_the_question_is_asked_again(chat, app, question, typed):
    [again] = typed_at(chat, app, question, typed)
    assert again.startswith("รับทราบค่ะ 😊") and again.endswith(QUESTIONS[question])
    assert state_of(app, USER) == question and kept_as_asked(request_sent(chat, app))


@pytest.mark.parametrize("typed", ["ชื่อร้านคือ ดอยดีคอฟฟี่", "ร้านชื่อดอยดีคอฟฟี่ค่ะ"])
def test_the_shop_named_at_the_contact_question_is_taken_as_the_shop_and_the_contact_asked_again(chat, app, typed):
    [again] = typed_at(chat, app, "contact_name", typed)
    assert "ชื่อกิจการ" in again and again.endswith(QUESTIONS["contact_name"])
    assert state_of(app, USER) == "contact_name"
    assert names_sent(chat, app) == ("ดอยดีคอฟฟี่", ANSWERS["contact_name"])


def test_the_shop_and_the_person_named_at_the_contact_question_are_both_taken(chat, app):
    said = typed_at(chat, app, "contact_name", "ร้านชื่อดอยดีคอฟฟี่ ผมชื่อเอกครับ")
    assert QUESTIONS["phone"] in said[-1]
    assert names_sent(chat, app) == ("ดอยดีคอฟฟี่", "เอก")


@pytest.mark.parametrize("typed", ["ชื่อร้านคือ ดอยดีคอฟฟี่", "ร้านป้าแดงค่ะ"])
def test_a_shop_is_never_kept_as_the_person_to_call(chat, app, typed):
    chat.consent(USER)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    answer_until(chat, app, USER, "contact_name", ANSWERS | {"details": "อยากสอบถามเรื่องทุนค่ะ"})
    [again] = chat.say(USER, typed)
    assert state_of(app, USER) == "contact_name" and again.endswith(QUESTIONS["contact_name"])
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "contact_staff" and request.contact_name == ANSWERS["contact_name"]


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
def test_more_about_the_need_typed_for_a_name_is_added_to_it_and_the_name_asked_again(chat, app, question):
    described = "ทำต้นแบบ 3 ชิ้น ไว้ทดสอบ"  # the request's own service to the classifier, and no name
    said = typed_at(chat, app, question, described)
    assert "รับทราบรายละเอียด" in said[-1] and said[-1].endswith(QUESTIONS[question])
    request = request_sent(chat, app)
    assert kept_as_asked(request) and request.details.endswith(f" / {described}")


def test_a_description_typed_again_for_a_name_is_the_name_after_all(chat, app):
    shop = "ต้นแบบดี โปรดักส์"  # a shop the classifier reads as a prototype request
    typed_at(chat, app, "business_name", shop)
    said = chat.say(USER, shop)
    assert QUESTIONS["contact_name"] in said[-1]
    assert names_sent(chat, app) == (shop, ANSWERS["contact_name"])
    assert "ต้นแบบดี" not in requests_in(app)[0].details


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
def test_i_told_you_already_before_a_name_is_not_part_of_it(chat, app, question):
    said = typed_at(chat, app, question, "บอกไปแล้วค่ะ นุชเบเกอรี่")
    assert NEXT_QUESTION[question] in said[-1]
    assert names_sent(chat, app) == (("นุชเบเกอรี่", ANSWERS["contact_name"]) if question == "business_name" else
                                     (ANSWERS["business_name"], "นุชเบเกอรี่"))


def test_i_told_you_already_alone_asks_for_the_answer_again(chat, app):
    chat.consent(USER)
    chat.say(USER, "บรรจุภัณฑ์ค่ะ")  # the service alone: what is needed is asked
    assert state_of(app, USER) == "details"
    again = chat.say(USER, "ก็บอกไปแล้วไง")[-1]
    assert again.startswith("ขออภัยค่ะ") and state_of(app, USER) == "details"
    chat.say(USER, "ก็บอกไปแล้วไงคะ ดริปเปอร์เซรามิก")
    assert request_sent(chat, app).details == "ดริปเปอร์เซรามิก"


@pytest.mark.parametrize("typed", ["ชื่อเดียวกับร้านค่ะ", "ใช้ชื่อร้านเลยครับ"])
def test_the_same_as_the_shop_names_the_contact_by_the_shop_s_name(chat, app, typed):
    said = typed_at(chat, app, "contact_name", typed)
    assert NEXT_QUESTION["contact_name"] in said[-1]
    assert names_sent(chat, app) == (ANSWERS["business_name"], "กาแฟดอยหลวง")  # ANSWERS' shop, without ร้าน


def test_an_isan_none_is_no_name(chat, app):
    [again] = typed_at(chat, app, "contact_name", "บ่มีชื่อร้านดอก ขายตามตลาดนัด")
    assert again.endswith(QUESTIONS["contact_name"]) and state_of(app, USER) == "contact_name"


def test_an_emoji_alone_for_a_name_is_asked_again_as_letters(chat, app):
    said = typed_at(chat, app, "business_name", "🙏")
    assert "รบกวนพิมพ์ชื่อเป็นตัวอักษร" in said[-1] and state_of(app, USER) == "business_name"


@pytest.mark.parametrize("typed", ["ไม่รู้", "ยังไม่แน่ใจค่ะ"])
def test_not_knowing_what_is_needed_asks_the_officer_to_advise(chat, app, typed):
    chat.consent(USER)
    chat.say(USER, "กล่อง")  # the service alone: what is needed is asked
    assert state_of(app, USER) == "details"
    said = chat.say(USER, typed)
    assert said[-1].startswith("ไม่เป็นไรค่ะ 😊 เจ้าหน้าที่จะช่วยแนะนำ") and state_of(app, USER) == "product"
    assert request_sent(chat, app).details == "ยังไม่แน่ใจ ขอให้เจ้าหน้าที่แนะนำ"


def test_an_earlier_answer_corrected_at_a_later_question_is_changed_and_the_question_asked_again(chat, app):
    said = typed_at(chat, app, "contact_name", "เมื่อกี้พิมพ์ชื่อร้านผิดค่ะ ที่ถูกคือ ครามสกลนคร")
    assert "แก้" in said[0] and said[-1].endswith(QUESTIONS["contact_name"]) and state_of(app, USER) == "contact_name"
    assert names_sent(chat, app) == ("ครามสกลนคร", ANSWERS["contact_name"])


def test_a_change_of_mind_typed_for_what_is_needed_offers_the_other_service(chat, app):
    chat.consent(USER)
    chat.tap(USER, "service=food_processing")
    chat.say(USER, "น้ำพริกเผาค่ะ")
    assert state_of(app, USER) == "details"
    [offer] = chat.say(USER, "เอ้ย ไม่เอาอันนี้ละ เปลี่ยนเป็นอยากไปอบรมการตลาดออนไลน์แทนค่ะ")
    assert "ฝึกอบรม" in offer and state_of(app, USER) == "details"


def test_a_phone_number_alone_for_the_product_is_taken_as_the_phone_and_the_product_asked_again(chat, app):
    said = typed_at(chat, app, "product", "0623334444")
    assert "ได้เบอร์โทรแล้วค่ะ" in said[-1] and said[-1].endswith(QUESTIONS["product"])
    chat.say(USER, ANSWERS["product"])
    asked = answer_until_summary(chat, app, USER)
    assert not any("ขอเบอร์โทร" in text for text in asked) and "0623334444" in asked[-1]


def test_the_same_as_the_shop_with_no_shop_asks_for_the_person_s_own_name(chat, app):
    chat.consent(USER)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    answer_until(chat, app, USER, "contact_name", ANSWERS | {"details": "อยากสอบถามเรื่องทุนค่ะ"})
    said = chat.say(USER, "ชื่อเดียวกับร้านค่ะ")
    assert "ขอทราบชื่อ" in said[-1] and state_of(app, USER) == "contact_name"


@pytest.mark.parametrize(("typed", "name"), [("วีระอัญมณี พิมพ์ไปแล้วนะ", "วีระอัญมณี"), ("เซรามิกลุงแก้วเจ้า", "เซรามิกลุงแก้ว")])
def test_a_grumble_or_a_northern_particle_after_a_name_is_not_part_of_it(chat, app, typed, name):
    typed_at(chat, app, "business_name", typed)
    assert names_sent(chat, app) == (name, ANSWERS["contact_name"])


def test_an_address_typed_for_the_contact_is_no_name_but_a_surname_with_อยู่_is(chat, app):
    [again] = typed_at(chat, app, "contact_name", "บ้านอยู่ในเมืองนี่แหละ ใกล้ตลาดเทศบาล")
    assert again.endswith(QUESTIONS["contact_name"]) and state_of(app, USER) == "contact_name"
    chat.say(USER, "สมชาย อยู่สุข")
    assert names_sent(chat, app) == (ANSWERS["business_name"], "สมชาย อยู่สุข")


def lately_passed() -> date:
    """A day of the last weeks whose date next year the centres are open on."""
    today, calendar = bangkok_today(), workdays.load_calendar()
    return next(day for n in range(15, 50) if (day := today - timedelta(days=n)).strftime("%m%d") != "0229"
                and calendar.is_working_day(day.replace(year=day.year + 1)))


def test_a_day_that_passed_lately_is_asked_about_and_next_year_s_taken_with_one_tap(chat, app):
    passed = lately_passed()
    typed = f"{passed.day} {texts.THAI_MONTHS[passed.month - 1]} ค่ะ"
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until(chat, app, USER, "preferred_date")
    [asked] = chat.send(ev.text(USER, typed))
    next_year = texts.thai_date(passed.replace(year=passed.year + 1))
    assert asked["text"].startswith(f"วันที่ {texts.thai_date(passed)} ผ่านมาแล้วค่ะ หากหมายถึง {next_year} แตะวันที่")
    assert state_of(app, USER) == "preferred_date"
    chat.tap(USER, quick_replies(asked)[0]["data"])
    assert state_of(app, USER) != "preferred_date"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["preferred_date"] == passed.replace(year=passed.year + 1).isoformat()


def test_a_change_of_mind_typed_for_the_product_offers_the_other_service_and_is_not_kept(chat, app):
    [offer] = typed_at(chat, app, "product", "เอาใหม่ค่ะ จริงๆอยากไปอบรมเรื่องขายของออนไลน์มากกว่า")
    assert "ดูเหมือนท่านต้องการเรื่อง" in offer and state_of(app, USER) == "product"


@pytest.mark.parametrize(("question", "typed"), [
    ("business_name", "ไม่ใช่ค่ะ ไม่เอาบรรจุภัณฑ์แล้ว"),
    ("business_name", "บ่มีชื่อร้านเด้อ"),
    ("product", "อยู่น่านค่ะ"),
])
def test_a_no_a_none_or_a_place_is_no_name_or_product(chat, app, question, typed):
    said = typed_at(chat, app, question, typed)
    assert said[-1].endswith(QUESTIONS.get(question, "สินค้าของท่านคืออะไรคะ (ส่งรูปมาประกอบได้เลยค่ะ)"))
    assert state_of(app, USER) == question


def at_the_date(chat, app) -> None:
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until(chat, app, USER, "preferred_date")


def offered(message) -> dict[str, str]:
    return {reply["label"]: reply.get("data", "") for reply in quick_replies(message)}


def test_a_weekend_is_not_booked_and_the_working_days_beside_it_are_one_tap_away(chat, app):
    today = bangkok_today()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 + 14)
    at_the_date(chat, app)
    typed = f"วันเสาร์ที่ {saturday.day} {texts.THAI_MONTHS[saturday.month - 1]} ได้ไหมคะ"
    [asked] = chat.send(ev.text(USER, typed))
    assert asked["text"].startswith(f"วันที่ {texts.thai_date(saturday)} ตรงกับวันเสาร์ ศูนย์ปิดทำการค่ะ")
    before, after = [(label, data) for label, data in offered(asked).items() if data.startswith("answer=2")]
    days = [date.fromisoformat(data.removeprefix("answer=")) for _, data in (before, after)]
    assert days[0] < saturday < days[1] and all(day.weekday() < 5 for day in days)
    assert state_of(app, USER) == "preferred_date"
    chat.tap(USER, after[1])
    assert state_of(app, USER) != "preferred_date"
    assert request_sent(chat, app).answers["preferred_date"] == days[1].isoformat()


@pytest.mark.parametrize("typed", ["เร็วที่สุดค่ะ ของต้องส่งลูกค้าสิ้นเดือน", "วันไหนก็ได้ค่ะ ยกเว้นวันจันทร์"])
def test_words_said_instead_of_a_date_are_kept_as_typed_for_staff_to_fix_the_day(chat, app, typed):
    at_the_date(chat, app)
    chat.say(USER, typed)
    assert state_of(app, USER) != "preferred_date"
    summary = answer_until_summary(chat, app, USER)
    assert typed in summary[-1]
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["preferred_date"] == typed


@pytest.mark.parametrize("typed", ["ใช่ค่ะ", "ปีหน้าค่ะ", "โอเคครับ", "เอาอันนั้นแหละ"])  # a cancel to the classifier
def test_the_one_date_offered_is_taken_in_words_as_with_its_chip(chat, app, typed):
    passed = lately_passed()
    at_the_date(chat, app)
    chat.say(USER, f"{passed.day} {texts.THAI_MONTHS[passed.month - 1]}")
    chat.say(USER, typed)
    assert state_of(app, USER) != "preferred_date"
    assert request_sent(chat, app).answers["preferred_date"] == passed.replace(year=passed.year + 1).isoformat()


def test_a_weekday_alone_is_the_next_such_day(chat, app):
    today, calendar = bangkok_today(), workdays.load_calendar()
    day = next(day for n in range(1, 7) if calendar.is_working_day(day := today + timedelta(days=n)))
    at_the_date(chat, app)
    chat.say(USER, f"{texts.WEEKDAYS[day.weekday()]}ค่ะ")
    assert request_sent(chat, app).answers["preferred_date"] == day.isoformat()
