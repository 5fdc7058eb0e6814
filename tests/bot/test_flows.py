"""Request flows as tables of (state, answers, input) -> (next state, what the bot says); no LINE, no database."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue import flows, mentions, turns
from bot.line.outbound import Flex, Outbound, Text
from intents import extract_entities
from tests.chat import shown

TODAY = date(2026, 11, 20)
PROFILE = {"business_name": "ร้านป้าแดง", "contact_name": "แดง", "phone": "0812345678",
           "province": "เชียงราย"}


def said(messages: list[Outbound]) -> str:
    """What a person reads: each text, or a card's alt text and contents."""
    return "\n".join(m.text if isinstance(m, Text) else
                     shown([{"type": "flex", "altText": m.alt_text, "contents": m.contents}])[0] for m in messages)


@pytest.mark.parametrize("service, state, answers, reply, next_state, expected", [
    ("packaging", "details", {}, "อยากได้ถุงซิปล็อกพิมพ์โลโก้", "product", "สินค้าของท่าน"),
    ("packaging", "product", {"details": "ถุง"}, "กล้วยตาก", "business_name", "ชื่อกิจการ"),
    ("packaging", "phone", {}, "๐๘๑ ๒๓๔ ๕๖๗๘", "details", "อยากพัฒนาบรรจุภัณฑ์"),
    ("packaging", "phone", {}, "โทรมาได้เลย", "phone", "081-234-5678"),
    ("packaging", "phone", {}, "0212", "phone", "เบอร์โทรไม่ถูกต้อง"),
    ("packaging", "phone", {}, "ทางไลน์ค่ะ", "details", "จะติดต่อท่านทาง LINE นี้"),
    ("packaging", "province", {}, "กทม.", "details", "อยากพัฒนาบรรจุภัณฑ์"),
    ("packaging", "province", {}, "ดาวอังคาร", "province", "ไม่พบชื่อจังหวัด"),
    ("machinery", "machine", {}, "CNC", "details", "จะใช้เครื่องทำงานอะไร"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "15/12/2569", "business_name",
     "ชื่อกิจการ"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "1/1/2568", "preferred_date",
     "ผ่านมาแล้ว"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "ยังไม่แน่ใจ", "business_name",
     "ชื่อกิจการ"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "ยังไม่แน่ใจครับ", "business_name",
     "ชื่อกิจการ"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "ยังไม่ทราบเลยค่ะ", "business_name",
     "ชื่อกิจการ"),
    ("machinery", "preferred_date", {"machine": "CNC", "details": "กัดไม้"}, "ไม่แน่ใจค่ะ ต้องถามหุ้นส่วนก่อน",
     "business_name", "ชื่อกิจการ"),
    ("training", "people", {"details": "การตลาดออนไลน์"}, "๑๒ คน", "business_name", "ชื่อกิจการ"),
    ("training", "people", {"details": "การตลาดออนไลน์"}, "เยอะ", "people", "ตัวเลข"),
    ("business_matching", "market", {"details": "ผ้าไหม", "buyer": "ห้าง"}, "japan", "business_name",
     "ชื่อกิจการ"),
    ("business_matching", "market", {"details": "ผ้าไหม", "buyer": "ห้าง"}, "ขายทั้งในและต่างประเทศ",
     "business_name", "ชื่อกิจการ"),
    ("cluster", "sector", {}, "automotive", "details", "เล่าเกี่ยวกับกิจการ"),
    ("packaging", "reuse_profile", {}, "ใช้ค่ะ", "details", "อยากพัฒนาบรรจุภัณฑ์"),
    ("cluster", "sector", {}, "ฟุตบอล", "sector", "เลือกอุตสาหกรรม"),
    ("cluster", "sector", {}, "other", "details", "เล่าเกี่ยวกับกิจการ"),  # the "อื่น ๆ" chip
    ("cluster", "sector", {}, "อื่น ๆ ค่ะ", "details", "เล่าเกี่ยวกับกิจการ"),
    ("consulting", "province", {"details": "ลดต้นทุน", **{k: v for k, v in PROFILE.items() if k != "province"}},
     "โคราช", "confirm", "สรุปคำขอ"),
])
def test_a_step_reads_the_answer_and_asks_the_next_question(service, state, answers, reply, next_state,
                                                            expected):
    turn = flows.answer(flows.FLOWS[service], state, answers, reply, TODAY)
    assert turn.state == next_state
    assert expected in said(turn.messages)


@pytest.mark.parametrize("reply, market", [
    ("ทั้งสองอย่างค่ะ", "both"), ("ทั้งคู่เลยครับ", "both"), ("ทั้งในและนอกประเทศ", "both"), ("ทั้ง ๒ อย่าง", "both"),
    ("ขายทั้งในและต่างประเทศ", "both"), ("อยากขายคนต่างชาติค่ะ", "export"), ("ในประเทศก่อนค่ะ", "domestic"),
    ("ญี่ปุ่นค่ะ", "japan"),
])
def test_the_market_is_read_as_said(reply, market):
    turn = flows.answer(flows.FLOWS["business_matching"], "market", {"details": "ผ้าไหม", "buyer": "ห้าง"}, reply, TODAY)
    assert turn.answers["market"] == market and turn.state == "business_name"


@pytest.mark.parametrize("state, answers, reply, taken, next_state", [
    ("product", {"details": "ถุงซิปล็อก"}, "กาแฟคั่วบดจากน่านค่ะ", {"province": "น่าน"}, "business_name"),
    ("contact_name", {"details": "ถุง", "product": "กาแฟ", "business_name": "ร้านดอย"}, "นุชค่ะ 081-234-5678",
     {"phone": "0812345678"}, "province"),
    ("details", {}, "กล่องใส่น้ำพริก ส่งจากโคราช โทร ๐๙๑ ๒๓๔ ๕๖๗๘ ได้เลยค่ะ",
     {"phone": "0912345678", "province": "นครราชสีมา"}, "product"),
    # A shop named after a place is not taken to be there; the province is still asked.
    ("business_name", {"details": "ถุง", "product": "กาแฟ"}, "ร้านลำปางเซรามิก", {"province": None},
     "contact_name"),
    # What was answered already stays as it was.
    ("product", {"details": "ถุง", "province": "เชียงราย"}, "กาแฟจากน่าน", {"province": "เชียงราย"}, "business_name"),
    # The name is kept without the number typed after it.
    ("contact_name", {"details": "ถุง", "product": "กาแฟ", "business_name": "ร้านดอย"}, "สมชาย 0891112222",
     {"contact_name": "สมชาย", "phone": "0891112222"}, "province"),
    ("contact_name", {"details": "ถุง", "product": "กาแฟ", "business_name": "ร้านดอย"},
     "พี่ชื่อนิดค่ะ เบอร์ ๐๘๑-๒๓๔-๕๖๗๘", {"contact_name": "นิด", "phone": "0812345678"}, "province"),
    # A business named after the answer is taken, and left out of the answer.
    ("product", {"details": "ถุง"}, "ชามจานเซรามิคครับ ร้านชื่อ บ้านดินเผาแม่ทะ",
     {"product": "ชามจานเซรามิค", "business_name": "บ้านดินเผาแม่ทะ"}, "contact_name"),
    ("business_name", {"details": "ถุง", "product": "กาแฟ"}, "ร้านชื่อดอยดาวคอฟฟี่ค่ะ",
     {"business_name": "ดอยดาวคอฟฟี่"}, "contact_name"),
    ("product", {"details": "ถุง", "business_name": "ร้านดอย"}, "กาแฟค่ะ พี่ชื่อนิดนะคะ",
     {"product": "กาแฟ", "contact_name": "นิด"}, "phone"),
    # A shop's name mentioned is no name given: "ด้วย" is nobody's shop.
    ("details", {}, "อยากเปลี่ยนชื่อร้านด้วยค่ะ ให้ดูทันสมัย", {"business_name": None}, "product"),
    # A province typed alone with a slip of the finger.
    ("province", {"details": "ถุง"}, "จันบุรีค่ะ", {"province": "จันทบุรี"}, "product"),
    # ... but an answer to another question is read as spelt: a brand, not a slip for ตราด.
    ("product", {"details": "ถุง"}, "ตราแดงค่ะ", {"province": None}, "business_name"),
    # Selling on LINE is no wish to be contacted there: the phone is still asked.
    ("product", {"details": "ถุง"}, "กาแฟดริป ขายทางไลน์ค่ะ", {"phone": None}, "business_name"),
    # Where the business is, typed for a name: the place is taken, the name asked again.
    ("contact_name", {"details": "ถุง", "product": "กาแฟ", "business_name": "ร้านดอย"}, "อยู่แปดริ้วค่ะ",
     {"contact_name": None, "province": "ฉะเชิงเทรา"}, "contact_name"),
    ("business_name", {"details": "ถุง", "product": "กาแฟ"}, "ร้านอยู่ที่ลำปางค่ะ",
     {"business_name": None, "province": "ลำปาง"}, "business_name"),
    # ... but a shop named after a place is a name.
    ("business_name", {"details": "ถุง", "product": "กาแฟ"}, "ลำปางเซรามิก", {"business_name": "ลำปางเซรามิก",
                                                                            "province": None}, "contact_name"),
])
def test_a_phone_or_province_said_in_passing_is_taken_and_not_asked_again(state, answers, reply, taken,
                                                                          next_state):
    turn = flows.answer(flows.FLOWS["packaging"], state, answers, reply, TODAY)
    assert {key: turn.answers.get(key) for key in taken} == taken
    assert turn.state == next_state


def test_names_given_in_the_first_message_are_not_asked_again():
    first = "สวัสดีค่ะ ขายกาแฟคั่วที่เชียงราย ชื่อร้านดอยดาวคอฟฟี่ค่ะ ถุงดูไม่พรีเมียมเลย อยากได้ถุงใหม่"
    answers = flows.prefill(flows.FLOWS["packaging"], first, {}, TODAY)
    assert answers["business_name"] == "ดอยดาวคอฟฟี่" and answers["details"].startswith("สวัสดีค่ะ ขายกาแฟ")
    everything = "อยากทำต้นแบบที่วางมือถือไม้ครับ ทำที่โคราช ชื่อร้าน WoodDee ผมชื่อเอก เบอร์ 0๘๖ ๗๗๗ ๘๘๘๘"
    answers = flows.prefill(flows.FLOWS["prototype"], everything, extract_entities(everything, today=TODAY), TODAY)
    assert {k: answers[k] for k in ("business_name", "contact_name", "phone", "province")} == {
        "business_name": "WoodDee", "contact_name": "เอก", "phone": "0867778888", "province": "นครราชสีมา"}
    # A name that runs on into the sentence is not a name: better asked than wrong.
    run_on = "ชื่อร้านดอยดาวคอฟฟี่ ตอนนี้ขายออนไลน์อยู่แต่ถุงดูไม่พรีเมียมเลยอยากได้ถุงใหม่ที่ดูดีขึ้นมีโลโก้สวย"
    assert "business_name" not in flows.prefill(flows.FLOWS["packaging"], run_on, {}, TODAY)


def test_valid_answers_are_stored_normalised():
    turn = flows.answer(flows.FLOWS["packaging"], "phone", {}, "+66 81 234 5678", TODAY)
    assert turn.answers["phone"] == "0812345678"
    turn = flows.answer(flows.FLOWS["packaging"], "province", {}, "โคราช", TODAY)
    assert turn.answers["province"] == "นครราชสีมา"


@pytest.mark.parametrize("reply, stored", [
    ("กาแฟคั่วบดบรรจุถุงค่ะ", "กาแฟคั่วบดบรรจุถุง"),
    ("น้ำพริก ๓ รสครับผม 😊", "น้ำพริก ๓ รส"),
    ("กล่องใหม่ครับ ดูไม่สวย", "กล่องใหม่ครับ ดูไม่สวย"),  # only the closing particle goes
    ("ผ้ามูลค่าสูง", "ผ้ามูลค่าสูง"),  # ...and only as a whole word
    ("ผลไม้อบแห้ง (freeze dry) ค่ะ", "ผลไม้อบแห้ง (freeze dry)"),  # the bracket it closes stays
    ('ขนม "ครองแครง"', 'ขนม "ครองแครง"'),
])
def test_a_free_text_answer_is_stored_without_its_closing_particle(reply, stored):
    turn = flows.answer(flows.FLOWS["packaging"], "product", {"details": "ถุง"}, reply, TODAY)
    assert turn.answers["product"] == stored


def test_confirm_submits_and_edit_reopens_one_question():
    flow = flows.FLOWS["consulting"]
    answers = {"details": "ลดต้นทุน"} | PROFILE
    assert flows.answer(flow, "confirm", answers, "ยืนยัน", TODAY).submit
    edit = flows.answer(flow, "confirm", answers, "แก้ไข", TODAY)
    assert edit.state == "edit"
    reopened = flows.answer(flow, "edit", answers, "phone", TODAY)
    assert reopened.state == "phone" and "phone" not in reopened.answers
    again = flows.answer(flow, "phone", reopened.answers, "0899999999", TODAY)
    assert again.state == "confirm" and isinstance(again.messages[0], Flex)


def test_the_first_message_prefills_what_it_already_says():
    flow = flows.FLOWS["training"]
    text = "อยากพาพนักงาน 15 คนไปอบรมการตลาดออนไลน์ที่เชียงใหม่ค่ะ"
    found = {"people": 15, "province": "เชียงใหม่"}
    answers = flows.prefill(flow, text, found, TODAY)
    assert answers["people"] == 15 and answers["province"] == "เชียงใหม่" and answers["details"] == text
    assert turns.next_question(flow, answers) == "business_name"


def test_a_bare_service_name_still_asks_for_the_need():
    assert "details" not in flows.prefill(flows.FLOWS["packaging"], "บรรจุภัณฑ์", {}, TODAY)


def test_profile_reuse_fills_only_what_the_flow_asks():
    flow = flows.FLOWS["contact_staff"]
    turn = flows.reuse_profile(flow, {"details": "ขอคุยเรื่องกล่อง"}, PROFILE, accept=True)
    assert turn.state == "confirm" and "business_name" not in turn.answers


@pytest.mark.parametrize("service", sorted(flows.FLOWS))
def test_every_flow_collects_the_contact_essentials(service):
    keys = [q.key for q in flows.FLOWS[service].fields]
    assert {"details", "contact_name", "phone", "province"} <= set(keys)
    assert len(keys) == len(set(keys))


def test_a_machine_named_in_the_first_message_is_not_asked_again():
    answers = flows.prefill(flows.FLOWS["machinery"], "ขอจองใช้เครื่องตัดเลเซอร์ครับ", {}, TODAY)
    assert answers == {"machine": "เครื่องตัดเลเซอร์"}
    assert turns.next_question(flows.FLOWS["machinery"], answers) == "details"


@pytest.mark.parametrize("service, first_message, asked", [
    # What the machine is for, or what the business makes, said in the first message is not asked again.
    ("machinery", "อยากเช่าเครื่องตัดเลเซอร์ครับ ทำป้ายไม้", "สะดวกใช้เครื่องวันไหน"),
    ("machinery", "ขอจองใช้เครื่องตัดเลเซอร์ตัดอะคริลิกครับ", "สะดวกใช้เครื่องวันไหน"),
    ("machinery", "อยากใช้ 3D printer พิมพ์ชิ้นส่วนโดรนครับ", "สะดวกใช้เครื่องวันไหน"),
    ("cluster", "อยากเข้าร่วมคลัสเตอร์อาหารค่ะ ทำน้ำพริกแกงขายส่ง", "ชื่อกิจการ"),
    ("cluster", "สนใจคลัสเตอร์สิ่งทอค่ะ ทอผ้าไหมมัดหมี่ขาย", "ชื่อกิจการ"),
    # A call asked for with its topic after "เรื่อง", however short the topic.
    ("contact_staff", "อยากคุยกับเจ้าหน้าที่เรื่องขอสินเชื่อขยายโรงงานค่ะ", "ชื่อผู้ติดต่อ"),
    ("contact_staff", "อยากให้เจ้าหน้าที่โทรกลับเรื่องขอ อย. ค่ะ", "ชื่อผู้ติดต่อ"),
    # The machine or the sector with only the request, a date, a place or a question says nothing of it.
    ("machinery", "อยากเช่าเครื่องตัดเลเซอร์ครับ", "จะใช้เครื่องทำงานอะไร"),
    ("machinery", "ขอจองใช้เครื่อง CNC ของศูนย์พรุ่งนี้ครับ", "จะใช้เครื่องทำงานอะไร"),
    ("machinery", "อยากเช่าเครื่องเลเซอร์ที่เชียงรายค่ะ ราคาเท่าไหร่", "จะใช้เครื่องทำงานอะไร"),
    ("cluster", "สนใจคลัสเตอร์อาหารค่ะ", "เล่าเกี่ยวกับกิจการ"),
    ("cluster", "สนใจเข้าร่วมคลัสเตอร์อาหารแปรรูปค่ะ สมัครยังไงคะ", "เล่าเกี่ยวกับกิจการ"),
    ("cluster", "อยากเป็นสมาชิกคลัสเตอร์อะไหล่มอเตอร์ไซค์ครับ", "เล่าเกี่ยวกับกิจการ"),
    ("contact_staff", "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ", "อยากคุยกับเจ้าหน้าที่เรื่องอะไร"),
    ("contact_staff", "มีเรื่องอยากปรึกษาค่ะ ขอคุยกับเจ้าหน้าที่", "อยากคุยกับเจ้าหน้าที่เรื่องอะไร"),
    ("contact_staff", "ขอคุยกับเจ้าหน้าที่ด่วนค่ะ มีเรื่องด่วน", "อยากคุยกับเจ้าหน้าที่เรื่องอะไร"),
    ("contact_staff", "ขอเบอร์เจ้าหน้าที่หน่อย มีเรื่องจะถามค่ะ", "อยากคุยกับเจ้าหน้าที่เรื่องอะไร"),
])
def test_the_first_message_is_not_asked_again_beyond_the_request(service, first_message, asked):
    flow = flows.FLOWS[service]
    answers = flows.prefill(flow, first_message, extract_entities(first_message, today=TODAY), TODAY)
    assert asked in said(turns.ask(flow, turns.next_question(flow, answers), answers))


@pytest.mark.parametrize("service, first_message, shows", [
    ("machinery", "อยากเช่าเครื่องตัดเลเซอร์ครับ ทำป้ายไม้", "งานที่จะทำ อยากเช่าเครื่องตัดเลเซอร์ครับ ทำป้ายไม้"),
    ("cluster", "อยากเข้าร่วมคลัสเตอร์อาหารค่ะ ทำน้ำพริกแกงขายส่ง",
     "กิจการ อยากเข้าร่วมคลัสเตอร์อาหารค่ะ ทำน้ำพริกแกงขายส่ง"),
])
def test_the_summary_shows_what_the_first_message_told(service, first_message, shows):
    flow = flows.FLOWS[service]
    answers = flows.prefill(flow, first_message, extract_entities(first_message, today=TODAY), TODAY)
    answers |= PROFILE | ({"preferred_date": "ยังไม่ระบุ"} if service == "machinery" else {})
    assert turns.next_question(flow, answers) == "confirm"
    assert shows in said(turns.ask(flow, "confirm", answers))


def test_prefilled_answers_are_checked_like_typed_ones():
    found = {"date": date(2026, 1, 1), "people": 900, "phone": "0812345678"}
    answers = flows.prefill(flows.FLOWS["machinery"], "จองเครื่อง cnc วันที่ 1/1/2569 โทร 0812345678", found, TODAY)
    assert "preferred_date" not in answers and answers["phone"] == "0812345678"
    assert "people" not in flows.prefill(flows.FLOWS["training"], "อบรม 900 คน", found, TODAY)


def test_a_day_that_passed_lately_in_the_first_message_is_asked_not_moved_to_next_year():
    text = "อยากจองเครื่องฟรีซดรายไปอบลำไย วันที่ 15 ตุลาคมนี้ได้ไหมคะ"
    answers = flows.prefill(flows.FLOWS["machinery"], text, extract_entities(text, today=TODAY), TODAY)
    assert "preferred_date" not in answers
    turn = flows.answer(flows.FLOWS["machinery"], "preferred_date", answers, "15 ต.ค.", TODAY)
    assert "หากหมายถึง 15 ต.ค. 2570" in said(turn.messages)


@pytest.mark.parametrize("reply, next_state", [("ยืนยันค่ะ", "confirm"), ("แก้เบอร์", "phone"),
                                               ("แก้ จังหวัด ค่ะ", "province"), ("ok", "confirm"),
                                               ("แก้ชื่อร้าน", "business_name"), ("แก้ชื่อ", "contact_name"),
                                               ("ยืนยันค่ะ👍", "confirm"), ("โอเคครับ ส่งเลย", "confirm"),
                                               ("ได้เลยค่ะ", "confirm")])
def test_the_summary_understands_everyday_confirmations_and_edits(reply, next_state):
    flow = flows.FLOWS["consulting"]
    turn = flows.answer(flow, "confirm", {"details": "ลดต้นทุน"} | PROFILE, reply, TODAY)
    assert turn.state == next_state and (turn.submit == (next_state == "confirm"))


@pytest.mark.parametrize("reply, field, value", [
    ("แก้เบอร์เป็น 089-123-4567 ค่ะ", "phone", "0891234567"),
    ("เปลี่ยนเบอร์มือถือ ๐๘๙๑๒๓๔๕๖๗", "phone", "0891234567"),
    ("แก้ชื่อร้านเป็น ครัวป้าแดงค่ะ", "business_name", "ครัวป้าแดง"),
    ("แก้ ชื่อ เป็น สมชาย เป็นสุข", "contact_name", "สมชาย เป็นสุข"),
    ("เปลี่ยนจังหวัดเป็นโคราชครับ", "province", "นครราชสีมา"),
    ("แก้ความต้องการ: ลดต้นทุนค่าไฟโรงงาน", "details", "ลดต้นทุนค่าไฟโรงงาน"),
    ("อ๊ะ ขอเปลี่ยนจังหวัดเป็นมหาสารคามค่ะ", "province", "มหาสารคาม"),
    ("รบกวนแก้ชื่อร้านเป็น ครัวแม่", "business_name", "ครัวแม่"),
])
def test_an_answer_changed_by_typing_its_new_value_goes_straight_back_to_the_summary(reply, field, value):
    flow = flows.FLOWS["consulting"]
    answers = {"details": "ลดต้นทุน"} | PROFILE
    for state in ("confirm", "edit"):
        turn = flows.answer(flow, state, answers, reply, TODAY)
        assert turn.state == "confirm" and not turn.submit
        assert turn.answers == answers | {field: value}
        assert "ให้แล้ว" in said(turn.messages) and value in said(turn.messages)


def test_words_that_only_look_like_a_change_change_nothing():
    answers = {"details": "ลดต้นทุน"} | PROFILE
    turn = flows.answer(flows.FLOWS["consulting"], "confirm", answers, "เปลี่ยนใจ ไม่ส่งแล้ว", TODAY)
    assert turn.state == "confirm" and not turn.submit and turn.answers == answers
    assert "ยืนยันส่งคำขอ" in said(turn.messages)
    # Nothing to change, and send: it goes as it is.
    turn = flows.answer(flows.FLOWS["consulting"], "confirm", answers, "ไม่ต้องแก้เบอร์ ส่งเลย", TODAY)
    assert turn.submit and turn.answers == answers


@pytest.mark.parametrize("reply", ["แก้เบอร์เป็น 12345", "เปลี่ยนจังหวัดเป็นดาวอังคาร"])
def test_a_typed_change_that_does_not_read_asks_that_question_again(reply):
    flow = flows.FLOWS["consulting"]
    answers = {"details": "ลดต้นทุน"} | PROFILE
    turn = flows.answer(flow, "confirm", answers, reply, TODAY)
    assert turn.state in ("phone", "province") and turn.state not in turn.answers
    assert "ไม่ถูกต้อง" in said(turn.messages) or "ไม่พบชื่อจังหวัด" in said(turn.messages)


def test_sector_chips_fit_lines_20_character_labels():
    assert all(len(choice.label) <= 20 for choice in flows.FLOWS["cluster"].field("sector").choices)


@pytest.mark.parametrize("state, reply, shown_as", [
    ("contact_name", "นุชค่ะ", "ชื่อผู้ติดต่อ นุช เบอร์โทร"),
    ("contact_name", "สมศักดิ์ ครับ", "ชื่อผู้ติดต่อ สมศักดิ์ เบอร์โทร"),
    ("contact_name", "วิชัยครับ", "ชื่อผู้ติดต่อ วิชัย เบอร์โทร"),
    ("contact_name", "จันทร์เพ็ญค่ะ เบอร์ให้ไปแล้วนะคะ", "ชื่อผู้ติดต่อ จันทร์เพ็ญ เบอร์โทร"),
    ("contact_name", "ผมชื่อวิชัยครับผม", "ชื่อผู้ติดต่อ วิชัย เบอร์โทร"),
    ("contact_name", "ดิฉันชื่อ สมศรี นะคะ", "ชื่อผู้ติดต่อ สมศรี เบอร์โทร"),
    ("contact_name", "หนูชื่อฝนค่ะค่ะ", "ชื่อผู้ติดต่อ ฝน เบอร์โทร"),
    ("contact_name", "ผมวิทยาครับ", "ชื่อผู้ติดต่อ วิทยา เบอร์โทร"),
    ("contact_name", "ดิฉัน มาลี ศรีสุข ค่ะ", "ชื่อผู้ติดต่อ มาลี ศรีสุข เบอร์โทร"),
    ("contact_name", "หนูนาค่ะ", "ชื่อผู้ติดต่อ หนูนา เบอร์โทร"),
    ("business_name", "หจก.ไม้งามเฟอร์นิเจอร์ครับ", "ชื่อกิจการ หจก.ไม้งามเฟอร์นิเจอร์ ชื่อผู้ติดต่อ"),
    ("business_name", "ใบเตยโซพค่ะ", "ชื่อกิจการ ใบเตยโซพ ชื่อผู้ติดต่อ"),
    ("business_name", "บริษัท สยาม ฟู้ด จำกัด ครับ", "ชื่อกิจการ บริษัท สยาม ฟู้ด จำกัด ชื่อผู้ติดต่อ"),
    ("business_name", "ร้านคุณค่า", "ชื่อกิจการ ร้านคุณค่า ชื่อผู้ติดต่อ"),
    ("business_name", "ข้าวมันไก่เจ้าเก่า จ้า", "ชื่อกิจการ ข้าวมันไก่เจ้าเก่า ชื่อผู้ติดต่อ"),
    # The words around a name are not kept with it.
    ("contact_name", "ป้าแดงเองจ้า", "ชื่อผู้ติดต่อ ป้าแดง เบอร์โทร"),
    ("contact_name", "ผมเองครับ สมชาย", "ชื่อผู้ติดต่อ สมชาย เบอร์โทร"),
    ("contact_name", "เรียกพี่นกก็ได้ค่ะ", "ชื่อผู้ติดต่อ พี่นก เบอร์โทร"),
    ("contact_name", "เรียกว่าต้อมครับ", "ชื่อผู้ติดต่อ ต้อม เบอร์โทร"),
    ("contact_name", "081-234-5678 แอนค่ะ", "ชื่อผู้ติดต่อ แอน เบอร์โทร"),  # the name after the number
    ("contact_name", "ชื่อจริงค่ะ ปวีณา ทองดี", "ชื่อผู้ติดต่อ ปวีณา ทองดี เบอร์โทร"),
    ("contact_name", "พ่อครับ สมศักดิ์ ใจดี", "ชื่อผู้ติดต่อ สมศักดิ์ ใจดี (พ่อ) เบอร์โทร"),
    ("contact_name", "ลูกชายครับ ก็อต", "ชื่อผู้ติดต่อ ก็อต (ลูกชาย) เบอร์โทร"),
    ("contact_name", "แม่ค่ะ เบอร์เดียวกัน", "ชื่อผู้ติดต่อ แม่ เบอร์โทร"),  # h80: "เบอร์เดียวกัน (แม่)"
    ("business_name", "ป้าบอกไปแล้วจ้า ร้านป้าแดงหมูยอ", "ชื่อกิจการ ร้านป้าแดงหมูยอ ชื่อผู้ติดต่อ"),
    ("contact_name", "0812345678 / สมชาย ใจดี ครับ", "ชื่อผู้ติดต่อ สมชาย ใจดี เบอร์โทร"),
    ("business_name", "ชื่อร้านแอนเบเกอรี่นะคะ", "ชื่อกิจการ แอนเบเกอรี่ ชื่อผู้ติดต่อ"),
    ("business_name", "ร้านป้าแดงเองจ้า", "ชื่อกิจการ ร้านป้าแดง ชื่อผู้ติดต่อ"),
    ("business_name", "เป็นวิสาหกิจชุมชนบ้านหนองบัวค่ะ", "ชื่อกิจการ วิสาหกิจชุมชนบ้านหนองบัว ชื่อผู้ติดต่อ"),
    ("business_name", "เป็นหนึ่งการช่าง", "ชื่อกิจการ เป็นหนึ่งการช่าง ชื่อผู้ติดต่อ"),  # a name, not "is"
])
def test_names_are_kept_without_the_polite_particle_they_were_typed_with(state, reply, shown_as):
    flow = flows.FLOWS["consulting"]
    answers = {k: v for k, v in ({"details": "ลดต้นทุน"} | PROFILE).items() if k != state}
    turn = flows.answer(flow, state, answers, reply, TODAY)
    assert turn.state == "confirm"
    assert shown_as in said(turn.messages)


@pytest.mark.parametrize("reply", ["ค่ะ", "ครับ ครับ", "ผมชื่อ"])
def test_a_name_that_is_only_a_particle_is_asked_again(reply):
    turn = flows.answer(flows.FLOWS["consulting"], "contact_name", {"details": "ลดต้นทุน"}, reply, TODAY)
    assert turn.state == "contact_name" and "ขอชื่อ" in said(turn.messages)


@pytest.mark.parametrize(("text", "buyers", "market"), [
    ("อยากหาโรงงาน OEM รับผลิตสบู่สมุนไพร แล้วส่งออกไปญี่ปุ่นค่ะ", "โรงงาน OEM", "japan"),
    ("อยากขายให้ร้านอาหารและโรงแรม", "โรงแรม/ร้านอาหาร", None),
    # A chain named for the modern trade it is (h87: "ส่งเซเว่น" was asked "อยากเจอคู่ค้าแบบไหน" again).
    ("อยากหาผู้ซื้อส่งเซเว่นค่ะ ขายกล้วยตากบางกระทุ่ม พิษณุโลกค่ะ 🍌", "ห้าง/โมเดิร์นเทรด", None),
    ("อยากเอาสินค้าเข้าแม็คโครกับโลตัสครับ", "ห้าง/โมเดิร์นเทรด", None),
    ("เคยทำงานที่เซเว่นมาก่อน ตอนนี้อยากหาคนรับซื้อกล้วยตาก", None, None),
    ("ไม่อยากส่งออก อยากขายในประเทศ", None, "domestic"),
    # What the sender is, or makes, is no partner or market sought.
    ("เราเป็นโรงงานรับผลิต OEM อยากหาลูกค้า", None, None),
    ("ห้างหุ้นส่วนจำกัด ทำขนมญี่ปุ่น อยากหาคนซื้อ", None, None),
])
def test_the_partner_and_market_a_first_message_seeks(text, buyers, market):
    assert (mentions.find_buyers(text), mentions.find_market(text)) == (buyers, market)


@pytest.mark.parametrize(("service", "text", "product"), [
    ("food_processing", "สบายดีบ่ เฮาเฮ็ดข้าวเกรียบกล้วย อยากได้ อย. ต้องเฮ็ดจั่งใด๋", "ข้าวเกรียบกล้วย"),
    ("packaging", "หวัดดีครับ ผมทำน้ำพริกกุ้งเสียบที่หาดใหญ่ อยากได้คนช่วยออกแบบกล่องใหม่", "น้ำพริกกุ้งเสียบ"),
    ("product_design", "พิมพ์แทนป้อเน้อเจ้า ป้อเปิ้นเยียะถ้วยชามเซรามิกอยู่เกาะคา อยากได้ลายใหม่ๆ", "ถ้วยชามเซรามิก"),
    ("packaging", "ร้านเราขายกาแฟคั่วบดค่ะ อยากได้ถุงใหม่", "กาแฟคั่วบด"),
    ("product_design", "ช่วยออกแบบโคมไฟไม้ไผ่หน่อยครับ", "โคมไฟไม้ไผ่"),
    ("prototype", "ขอทำต้นแบบรองเท้าแตะยางพาราค่ะ", "รองเท้าแตะยางพารา"),
    ("packaging", "สนใจทำบรรจุภัณฑ์ข้าวไรซ์เบอรี่ค่ะ", "ข้าวไรซ์เบอรี่"),
    ("packaging", "อยากได้ฉลากน้ำพริกกุ้งเสียบ", "น้ำพริกกุ้งเสียบ"),
    ("food_processing", "ทำขนมลาหนิ อยากขอ อย.", "ขนมลา"),
    ("packaging", "หวัดดีครับ ทำน้ำพริกกุ้งเสียบขาย อยากได้ถุงซิปล็อคใหม่สวยๆ", "น้ำพริกกุ้งเสียบ"),  # a sentence's start
    ("packaging", "อยากได้กล่องใส่ลำไยอบแห้งใหม่เจ้า กล่องเก่ามันบ่งาม", "ลำไยอบแห้ง"),
    ("packaging", "อยากได้ถุงใส่กาแฟคั่วแบบมีวาล์วค่ะ", "กาแฟคั่ว"),
])
def test_a_product_the_first_message_names_is_not_asked_again(service, text, product):
    flow = flows.FLOWS[service]
    answers = flows.prefill(flow, text, extract_entities(text, today=TODAY), TODAY)
    assert answers["product"] == product and turns.next_question(flow, answers) != "product"


@pytest.mark.parametrize("text", [
    # Wanting to make the pack, the business, a verb that says how it sells: no product named.
    "อยากทำกล่องใหม่ให้ขนมเปี๊ยะค่ะ", "ทำธุรกิจเสื้อผ้าค่ะ", "เราทำ OEM ค่ะ", "เราขายไม่ออก", "อยากพัฒนาสูตรน้ำพริก",
    "อยากออกแบบบรรจุภัณฑ์ใหม่", "ใส่ชื่อร้านด้วยค่ะ", "สวัสดีค่ะ ทำไงดีคะ",
    # A way, a time or the pack after the verb: "how", "through Facebook", "alone", "the coffee sachet".
    "ทำไงให้น้ำพริกเก็บได้นาน", "ทำอย่างไรให้ขายดี", "ขายผ่านเฟสบุ๊คค่ะ", "ทำคนเดียวค่ะ", "ผมทำงานประจำ",
    "ทำซองกาแฟใหม่", "อยากพัฒนาบรรจุภัณฑ์ให้ดูพรีเมียม",
])
def test_a_message_that_names_no_product_leaves_the_question(text):
    assert mentions.find_product(text) is None


@pytest.mark.parametrize(("typed", "contact"), [
    # Someone typing for a parent names both: whom to call is both, as typed.
    ("นายแก้ว ใจดี (ป้อ) ส่วนหนูชื่อฝน", "นายแก้ว ใจดี (ป้อ) ส่วนหนูชื่อฝน"),
    ("พ่อชื่อสมชาย หนูชื่อนกค่ะ", "พ่อชื่อสมชาย หนูชื่อนก"),
    ("พ่อชื่อสมชายค่ะ ส่วนหนูชื่อนกค่ะ", "พ่อชื่อสมชาย ส่วนหนูชื่อนก"),
    ("แม่ชื่อบัวผันนะคะ แต่ให้ติดต่อหนูชื่อแพรวค่ะ", "แม่ชื่อบัวผัน แต่ให้ติดต่อหนูชื่อแพรว"),
    # One person: most of the time called by a nickname, or "as for me".
    ("ส่วนใหญ่เรียกว่าหมูค่ะ ชื่อจริงชื่อสุนิสา", "สุนิสา"),
    ("ส่วนตัวชื่อเอกครับ", "เอก"),
    ("ติดต่อลูกสาวชื่อฝนก็ได้ค่ะ", "ฝน"),
    ("ขอโทษที่ตอบช้านะคะ ชื่อแก้วค่ะ", "แก้ว"),
])
def test_the_contact_named_for_someone_else_keeps_who_is_who(typed, contact):
    turn = flows.answer(flows.FLOWS["consulting"], "contact_name", {"details": "ลดต้นทุน"}, typed, TODAY)
    assert turn.answers["contact_name"] == contact


@pytest.mark.parametrize(("typed", "province"), [("สะเดาครับ", "สงขลา"), ("ระโนดหนิ", "สงขลา"), ("ฝาง", "เชียงใหม่"),
                                               ("ร้านอยู่สะเดาค่ะ", "สงขลา"), ("อยู่ที่ฝางครับ", "เชียงใหม่")])
def test_a_district_alone_answers_the_province_question(typed, province):
    answers = {k: v for k, v in ({"details": "ลดต้นทุน"} | PROFILE).items() if k != "province"}
    turn = flows.answer(flows.FLOWS["consulting"], "province", answers, typed, TODAY)
    assert turn.state == "confirm" and turn.answers["province"] == province


def test_a_3d_printer_named_in_thai_is_the_machine():
    text = "จองเครื่องพิมพ์3มิติค่ะ"
    answers = flows.prefill(flows.FLOWS["machinery"], text, extract_entities(text, today=TODAY), TODAY)
    assert answers["machine"] == "3D printer"


def test_the_people_who_come_are_the_number_after_but():
    answers = {"details": "อบรมผ้าไหม"}
    turn = flows.answer(flows.FLOWS["training"], "people", answers, "ในกลุ่มมี15คนจ้า แต่ไปได้สัก8คน", TODAY)
    assert turn.answers["people"] == 8


def test_carrying_on_after_an_aside_names_no_contact():
    answers = {"details": "กระปุกใหม่", "product": "ปลาร้าบอง", "business_name": "ปลาร้าบองสมุนไพร"}
    turn = flows.answer(flows.FLOWS["packaging"], "contact_name", answers, "ทำต่อเด้อ", TODAY)
    assert turn.state == "contact_name" and "contact_name" not in turn.answers


@pytest.mark.parametrize("reply", ["0812345678", "0812345678 ค่ะ", "02 123 4567 ต่อ 12", "0812345678 โทรได้ทั้งวันค่ะ",
                                   "0812345678 หลัง 5 โมงเย็นนะคะ"])
def test_a_number_alone_at_the_name_question_is_taken_as_the_phone_and_the_name_asked_again(reply):
    flow = flows.FLOWS["consulting"]
    turn = flows.answer(flow, "contact_name", {"details": "ลดต้นทุน", "business_name": "ร้านดี"}, reply, TODAY)
    assert turn.state == "contact_name" and turn.answers["phone"].startswith("0")
    assert said(turn.messages).startswith("ได้เบอร์โทรแล้วค่ะ ขอชื่อด้วยนะคะ")
