"""Every sentence the entrepreneur reads, in one place: polite, short, with the same ค่ะ/คะ voice."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัส", "ศุกร์", "เสาร์", "อาทิตย์")
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")

SERVICE_NAMES = {
    "product_design": "ออกแบบผลิตภัณฑ์",
    "prototype": "สร้างผลิตภัณฑ์ต้นแบบ",
    "packaging": "พัฒนาบรรจุภัณฑ์",
    "machinery": "บริการเครื่องจักรกลาง",
    "food_processing": "แปรรูปการเกษตรและอาหาร",
    "training": "ฝึกอบรม / ศึกษาดูงาน",
    "business_matching": "จับคู่ธุรกิจ",
    "consulting": "ที่ปรึกษาธุรกิจและนวัตกรรม",
    "cluster": "เข้าร่วมคลัสเตอร์",
    "contact_staff": "ติดต่อเจ้าหน้าที่",
}

SERVICE_BLURBS = {
    "product_design": "ออกแบบหรือปรับรูปแบบตัวสินค้า ลวดลาย คอลเลกชัน วัสดุ",
    "prototype": "ขึ้นรูปต้นแบบ ชิ้นตัวอย่าง แม่พิมพ์ และล็อตทดลอง",
    "packaging": "กล่อง ถุง ขวด ฉลาก และโลโก้บนบรรจุภัณฑ์",
    "machinery": "ใช้เครื่องจักรกลางของศูนย์ เช่น CNC เลเซอร์ 3D printer เครื่องอบแห้ง",
    "food_processing": "สูตร อายุการเก็บ มาตรฐาน อย. GMP HACCP และวิเคราะห์โภชนาการ",
    "training": "หลักสูตรอบรม เวิร์กช็อป สัมมนา และศึกษาดูงาน",
    "business_matching": "หาผู้ซื้อ คู่ค้า OEM ช่องทางขาย และตลาดญี่ปุ่น (T-GoodTech)",
    "consulting": "บ่มเพาะธุรกิจ เพิ่มผลิตภาพ ลดต้นทุน ดิจิทัล และแหล่งเงินทุน",
    "cluster": "รวมกลุ่มเครือข่ายธุรกิจใน 6 อุตสาหกรรม",
}

STATUS_NAMES = {
    "new": "รอเจ้าหน้าที่รับเรื่อง",
    "accepted": "เจ้าหน้าที่รับเรื่องแล้ว",
    "in_progress": "กำลังดำเนินการ",
    "waiting": "รอข้อมูลจากท่าน",
    "done": "เสร็จสิ้น",
    "rejected": "ไม่สามารถให้บริการได้",
    "cancelled": "ยกเลิกแล้ว",
}

WELCOME = ("สวัสดีค่ะ ยินดีต้อนรับสู่ ITC Front Desk ของศูนย์ปฏิรูปอุตสาหกรรมแห่งอนาคต (ITC) "
           "กรมส่งเสริมอุตสาหกรรม (ดีพร้อม) ค่ะ 🙏\n"
           "พิมพ์บอกความต้องการได้เลย เช่น \"อยากพัฒนาบรรจุภัณฑ์กาแฟ\" หรือเลือกจากเมนูด้านล่างค่ะ")
# One consent, asked before a request or a registration, covers both: each prompt says so.
CONSENT_NOTE = ("ก่อนเริ่มขอรับบริการ ขออนุญาตเก็บชื่อ เบอร์โทร ชื่อกิจการ และจังหวัดของท่าน "
                "เพื่อส่งเรื่องให้ศูนย์ที่ดูแล ติดต่อกลับ และลงทะเบียนกิจกรรมที่ท่านเลือกเท่านั้น ไม่นำไปใช้อย่างอื่น "
                "และขอลบได้ทุกเมื่อโดยพิมพ์ \"ลบข้อมูลของฉัน\" ค่ะ\nท่านยินยอมไหมคะ")
PRIVACY_DETAILS = ("ข้อมูลที่เก็บ: ชื่อผู้ติดต่อ เบอร์โทร ชื่อกิจการ จังหวัด รายละเอียดคำขอ รูป/ไฟล์ที่ส่งมา "
                   "และข้อความที่คุยกับระบบ\nเพื่ออะไร: ส่งคำขอให้ศูนย์ที่ดูแลจังหวัดของท่าน "
                   "ให้เจ้าหน้าที่ติดต่อกลับ แจ้งความคืบหน้า และลงทะเบียนกิจกรรมที่ท่านเลือก\nเก็บนานเท่าไร: จนกว่าท่านจะขอลบ "
                   "เมื่อลบแล้วจะเหลือเพียงสถิติที่ระบุตัวตนไม่ได้ (ประเภทบริการ จังหวัด วันที่)\n"
                   "ลบได้ทุกเมื่อ: พิมพ์ \"ลบข้อมูลของฉัน\" ค่ะ")
CONSENT_THANKS = "ขอบคุณที่ยินยอมค่ะ"
PROVINCE_FOR_A_NAME = "รับทราบจังหวัด{province}ค่ะ 😊"  # a province typed alone at another question, asked again
ADDRESS_NOT_A_NAME = "รับทราบค่ะ 😊 ขอเป็นชื่อของผู้ที่ให้เจ้าหน้าที่ติดต่อกลับนะคะ ชื่อเล่นก็ได้ค่ะ"
PLACE_NOT_A_NAME = "รับทราบที่ตั้งกิจการค่ะ 😊"  # a province typed where a name was asked; the name is asked again
CONSENT_DECLINED = ("รับทราบค่ะ ระบบจะไม่เก็บข้อมูลส่วนบุคคลของท่าน ยังสอบถามข้อมูลศูนย์และกิจกรรมได้ตามปกติ "
                    "หากอยากคุยกับเจ้าหน้าที่ โทรหาศูนย์ได้โดยตรงค่ะ (แตะ \"ศูนย์ใกล้ฉัน\" เพื่อดูเบอร์โทร) "
                    "หากต้องการขอรับบริการภายหลัง แตะ \"ยินยอม\" ได้ทุกเมื่อค่ะ")
# Asking for staff without consent: the centre's card (or "which province?") follows.
CALL_THE_CENTRE = ("ติดต่อเจ้าหน้าที่ได้โดยตรงที่เบอร์ของศูนย์ที่ดูแลจังหวัดของท่านค่ะ "
                   "หากต้องการให้เจ้าหน้าที่โทรกลับ ต้องขออนุญาตเก็บชื่อและเบอร์ของท่านก่อน "
                   "กด \"ยินยอมให้โทรกลับ\" หรือพิมพ์ \"ยินยอม\" ได้เลยนะคะ")
NEED_CONSENT = "การขอรับบริการต้องใช้ชื่อและเบอร์ติดต่อของท่านค่ะ ขออนุญาตก่อนนะคะ"

MENU_PROMPT = "ต้องการให้ช่วยเรื่องไหนคะ"
NOT_SURE = "ขอโทษค่ะ ไม่แน่ใจว่าหมายถึงเรื่องไหน ช่วยเลือกจากตัวเลือกด้านล่างได้ไหมคะ"
# What a service costs is for the centre's staff to say: the bot says so, and how to ask them.
PRICE = ("ค่าบริการขึ้นกับบริการและงานของแต่ละท่านค่ะ บางบริการไม่มีค่าใช้จ่าย บางบริการมีค่าใช้จ่ายบางส่วน "
         "เจ้าหน้าที่ของศูนย์จะแจ้งให้ทราบก่อนเริ่มงานทุกครั้งค่ะ")
PRICE_BEFORE_CONSENT = (PRICE + "\nหากยินยอม ระบบจะส่งคำถามนี้ให้เจ้าหน้าที่ติดต่อกลับ "
                        "หรือแตะ \"ไม่ยินยอม\" แล้วเลือก \"ศูนย์ใกล้ฉัน\" เพื่อโทรถามศูนย์โดยตรงก็ได้ค่ะ")
WHAT_THE_CENTRES_DO = ("ศูนย์ช่วยได้เรื่องออกแบบ บรรจุภัณฑ์ ต้นแบบ เครื่องจักร แปรรูปอาหาร อบรม จับคู่ธุรกิจ "
                       "ที่ปรึกษา และคลัสเตอร์ค่ะ")
OUT_OF_SCOPE = "ขออภัยค่ะ เรื่องนี้อยู่นอกเหนือบริการของศูนย์ ITC ค่ะ " + WHAT_THE_CENTRES_DO
# "ดีพร้อมคืออะไร", "ITC ช่วยอะไรได้บ้าง": who runs the centres, and what they do.
ABOUT = ("ดีพร้อม คือกรมส่งเสริมอุตสาหกรรม ซึ่งดูแลศูนย์ปฏิรูปอุตสาหกรรม (ITC) และ Mini ITC ทั่วประเทศค่ะ "
         + WHAT_THE_CENTRES_DO + "\nพิมพ์บอกความต้องการ หรือแตะ \"ขอรับบริการ\" ได้เลยนะคะ")
GREETING = "สวัสดีค่ะ ยินดีให้บริการค่ะ 😊 ต้องการให้ช่วยเรื่องไหนคะ"
THANKS = "ยินดีค่ะ 🙏 มีอะไรให้ช่วยพิมพ์มาได้ตลอดเลยนะคะ"
ACKNOWLEDGED = "รับทราบค่ะ 😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาหรือเลือกจากเมนูได้เลยนะคะ"
STICKER = "ขอบคุณสำหรับสติกเกอร์ค่ะ 😊 พิมพ์บอกความต้องการ หรือแตะเมนูด้านล่างได้เลยนะคะ"
UNSUPPORTED = "ขออภัยค่ะ ระบบยังอ่านข้อความประเภทนี้ไม่ได้ ช่วยพิมพ์เป็นข้อความแทนได้ไหมคะ"
CONFIRM_HINT = "กรุณากด \"ยืนยันส่งคำขอ\" หรือ \"แก้ไข\" ที่การ์ดด้านบนนะคะ"
CALLED_AFTER_SENDING = ("คำขอจะถึงเจ้าหน้าที่ของศูนย์ทันทีที่กด \"ยืนยันส่งคำขอ\" ค่ะ เจ้าหน้าที่จะติดต่อกลับตามช่องทางที่ให้ไว้"
                        "โดยเร็วในวันและเวลาราชการ และติดตามสถานะได้ทุกเมื่อโดยพิมพ์ \"สถานะคำขอ\" ค่ะ "
                        "คำถามของท่านจดไว้ให้เจ้าหน้าที่แล้วด้วยนะคะ 📝")
ASK_CANCEL_FLOW = "ต้องการยกเลิกเรื่อง{service}ที่กำลังทำอยู่ใช่ไหมคะ"
ASK_CANCEL_SUMMARY = "ยกเลิกการส่งคำขอนี้ใช่ไหมคะ"
OFFER_SWITCH = "ดูเหมือนท่านต้องการเรื่อง{new}นะคะ จะเริ่มเรื่องใหม่ หรือทำเรื่อง{old}ต่อคะ"
STAFF_WILL_CALL = ("ส่งเรื่องถึงเจ้าหน้าที่ของศูนย์แล้วค่ะ เจ้าหน้าที่จะติดต่อกลับโดยเร็ว "
                   "ระหว่างนี้หากต้องการเรื่องอื่น เลือกจากเมนูด้านล่างได้เลยนะคะ")
# Said instead of an answer to a request's question, which is then asked again.
WHY_CONTACT_DETAILS = ("ขอไว้เพื่อให้เจ้าหน้าที่ติดต่อท่านเรื่องคำขอนี้ และส่งเรื่องถึงศูนย์ที่ดูแลให้ถูกแห่งเท่านั้น "
                       "ไม่นำไปใช้อย่างอื่นค่ะ 🙏")
ASK_AFTER = "ตอนนี้ขอ{asked}ก่อนนะคะ ข้อสงสัยอื่นพิมพ์ถามได้หลังจากนี้เลยค่ะ"
NO_BUSINESS_NAME = "ไม่เป็นไรค่ะ หากยังไม่มีชื่อร้าน ใช้ชื่อที่ลูกค้าเรียก หรือชื่อของท่านเองก็ได้ค่ะ"
# Asked about the name asked for ("ต้องเป็นชื่อจดทะเบียนไหมคะ", "ชื่อเล่นได้ไหม"): how to answer, then the question again.
BUSINESS_NAME_FORM = ("ไม่จำเป็นต้องเป็นชื่อจดทะเบียนค่ะ ใช้ชื่อที่ลูกค้ารู้จักได้เลย จะเป็นชื่อร้าน ชื่อแบรนด์ "
                      "หรือชื่อกลุ่ม/วิสาหกิจชุมชน ภาษาไทยหรือภาษาอังกฤษก็ได้ค่ะ")
CONTACT_NAME_FORM = "ชื่อเล่นหรือชื่อจริงก็ได้ค่ะ ขอชื่อที่เจ้าหน้าที่ใช้เรียกท่านเวลาติดต่อกลับนะคะ"
# A description of the need typed for a name: kept, and the name asked again.
DESCRIBED_FOR_A_NAME = "รับทราบรายละเอียดค่ะ 📝 บันทึกไว้ให้เจ้าหน้าที่แล้วนะคะ (ถ้าข้อความเมื่อกี้คือชื่อ พิมพ์ซ้ำอีกครั้งได้เลยค่ะ)"
NEED_TO_BE_ADVISED = "ยังไม่แน่ใจ ขอให้เจ้าหน้าที่แนะนำ"  # stored for "ไม่รู้" typed at what is needed
WILL_ADVISE = "ไม่เป็นไรค่ะ 😊 เจ้าหน้าที่จะช่วยแนะนำให้นะคะ"
SAY_AGAIN = "ขออภัยค่ะ 🙏 รบกวนพิมพ์{asked}อีกครั้งนะคะ"  # "บอกไปแล้ว" with nothing after it
OWN_NAME_PLEASE = "ได้เลยค่ะ 😊 ขอทราบชื่อด้วยนะคะ"  # "ใช้ชื่อเราก็ได้ค่ะ" with no name after it
CONTACT_IS_A_PERSON = "ขอชื่อคนที่ให้เจ้าหน้าที่ติดต่อกลับนะคะ ชื่อเล่นก็ได้ค่ะ"
BUSINESS_TAKEN = "ได้ชื่อกิจการแล้วค่ะ 😊 ผู้ติดต่อคือคนที่เจ้าหน้าที่จะคุยด้วย ชื่อเล่นก็ได้ค่ะ"
NO_PRODUCT = "ไม่เป็นไรค่ะ หากยังไม่มีสินค้า เล่าสั้น ๆ ว่าตั้งใจจะทำสินค้าอะไรก็ได้ค่ะ"
REUSE_AGAIN = "ขอทราบก่อนนะคะ ว่าจะใช้ข้อมูลเดิมไหมคะ (แตะ \"ใช่\" หรือ \"ไม่ใช่\")"
ERROR = "ขออภัยค่ะ ระบบขัดข้องชั่วคราว รบกวนลองใหม่อีกครั้งนะคะ"
WELCOME_BACK = "ยินดีต้อนรับกลับมาค่ะ 😊"

UNSUBSCRIBED = ("ยกเลิกการรับข่าวสารเรียบร้อยค่ะ จะไม่ส่งประกาศหรือข่าวกิจกรรมมาอีก "
                "ยังคุยและขอรับบริการได้ตามปกติ หากต้องการรับข่าวอีกครั้ง แตะ \"รับข่าวสาร\" ได้เลยค่ะ")
SUBSCRIBED = "เริ่มส่งข่าวสารและกิจกรรมให้อีกครั้งแล้วค่ะ 🙏"

NOTHING_TO_CANCEL = "ตอนนี้ไม่มีเรื่องที่กำลังดำเนินการค้างอยู่ค่ะ มีอะไรให้ช่วยไหมคะ"
STOP_NEWS = "หยุดรับข่าวสาร"
STOP_NEWS_TOO = f"หากต้องการหยุดรับข่าวสารและประกาศกิจกรรม แตะ \"{STOP_NEWS}\" ได้เลยนะคะ"
TAKE_BACK = "ทำต่อเรื่องเดิม"
TAKEN_BACK = "ได้ค่ะ กลับมาทำเรื่อง{service}ต่อนะคะ"
NOTHING_TO_TAKE_BACK = "เรื่องที่ยกเลิกไปไม่ได้เก็บไว้แล้วค่ะ เริ่มใหม่ได้เลยนะคะ พิมพ์บอกความต้องการหรือเลือกจากเมนูค่ะ"
FLOW_CANCELLED = "ยกเลิกเรื่องนี้แล้วค่ะ หากต้องการเริ่มใหม่ พิมพ์บอกได้ตลอดเลยนะคะ"
# A day and month typed without a year that passed lately ("1 พ.ย." on 22 พ.ย.): next year's is offered.
DATE_JUST_PASSED = "วันที่ {passed} ผ่านมาแล้วค่ะ หากหมายถึง {next} แตะวันที่ด้านล่างได้เลย หรือพิมพ์วันอื่นนะคะ"
DATE_PASSED = "วันที่นี้ผ่านมาแล้วค่ะ ขอเป็นวันที่ตั้งแต่วันนี้ไปนะคะ"
NO_TIME = "ไม่ระบุ"
TIME_UNREAD = "ขอช่วงเวลาอีกครั้งนะคะ เช่น ช่วงเช้า ช่วงบ่าย หรือ 13:00 น. ค่ะ"
DATE_UNREAD = "ขอวันที่อีกครั้งนะคะ เช่น 15 ธ.ค. หรือ 15/12/2569 หรือแตะ \"เลือกวันที่\" ค่ะ"
DATE_CLOSED = ("วันที่ {day} ตรงกับ{why} ศูนย์ปิดทำการค่ะ สะดวกวันทำการใกล้ ๆ ไหมคะ แตะวันที่ด้านล่าง "
               "หรือพิมพ์วันอื่นได้เลยนะคะ")
DATE_TOO_FAR = ("วันที่ {day} อีกนานกว่า 1 ปีเลยค่ะ พิมพ์ปีผิดหรือเปล่าคะ ขอวันที่ภายใน 1 ปีนะคะ "
                "หรือแตะ \"ยังไม่แน่ใจ\" ไว้ก่อนก็ได้ค่ะ")
# Asked whether the centres open on a day ("เสาร์นี้ศูนย์เปิดไหมคะ"), before the centre's card.
OPEN_THAT_DAY = "วัน{day} ศูนย์เปิดทำการตามปกติ เวลา {hours} ค่ะ"
CLOSED_THAT_DAY = "วัน{day} ตรงกับ{why} ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน{reopens} เวลา {hours}"
CLOSED_AT_WEEKENDS = "วัน{day} ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน{reopens} เวลา {hours}"  # the weekday already says why
DATE_NOT_THEN = ("รับทราบค่ะ สะดวกวันไหนคะ พิมพ์วันที่ หรือแตะ \"เลือกวันที่\" ได้เลย หากยังไม่แน่ใจ "
                 "แตะ \"ยังไม่แน่ใจ\" ไว้ก่อนก็ได้ค่ะ")
DAYS_CLOSED = "ช่วง {days} ศูนย์ปิดทำการค่ะ สะดวกวันทำการถัดไปไหมคะ แตะวันที่ด้านล่าง หรือพิมพ์วันอื่นได้เลยนะคะ"
PICK_AN_OFFER = "แตะวันที่สะดวกด้านล่างได้เลยค่ะ หรือพิมพ์วันอื่นก็ได้นะคะ"
DAYS_BETWEEN = "ช่วง {days}"  # a stretch of days said instead of a date, kept for staff
# A person asked for while a request is open (call_about.py).
WHO_HAS_IT = "{name} จาก {centre} รับเรื่อง {reference} ไว้แล้วค่ะ และจะติดต่อกลับตามที่แจ้งไว้"
NOBODY_HAS_IT_YET = "คำขอ {reference} ({service}) ยังรอเจ้าหน้าที่ของ {centre} รับเรื่องค่ะ ปกติภายใน {hours} ชั่วโมงทำการ"
CALL_IF_URGENT = "หากต้องการให้รีบติดต่อ พิมพ์ \"ขอให้เจ้าหน้าที่โทรกลับ\" ได้เลยนะคะ"
ASK_CALL_ABOUT = "ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอ {reference} ({service}) ใช่ไหมคะ"
CALL_ABOUT_THIS = "ใช่ เรื่องนี้"
ASK_WHICH_CALL_ABOUT = "ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอไหนคะ แตะเลือกหรือพิมพ์ลำดับได้เลยค่ะ\n{requests}"
CALL_ABOUT_PICKED = "เรื่องคำขอ {reference}"
CALL_ABOUT_OTHER = "เรื่องอื่น"
CALL_ABOUT_SENT = "แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {reference} แล้วค่ะ {call_back}"
# Nobody at the centre (nor an admin) is on LINE: no call promised, as the filing reply said (NOBODY_ON_LINE_YET).
CALL_ABOUT_NOTED = ("บันทึกเรื่องที่ขอคุยไว้ในคำขอ {reference} แล้วค่ะ เจ้าหน้าที่จะเห็นเมื่อเปิดดูคำขอในระบบ "
                    "หากต้องการคุยเลย โทรหา{centre} ได้ที่ {phone} นะคะ")
SORRY = "ขออภัย"
SORRY_FOR_THE_WAIT = SORRY + "ที่ให้รอนะคะ 🙏"
CALL_ABOUT_ALREADY = ("แจ้งเจ้าหน้าที่เรื่องคำขอ {reference} ไปแล้วเมื่อ {time} ค่ะ ขออภัยที่ยังไม่ได้ติดต่อกลับนะคะ "
                      "หากด่วน โทรหา{centre} ได้ที่ {phone} ค่ะ")
# A booked machine's day moved once the request went (rescheduling.py).
ASK_NEW_DAY = "จะเลื่อน {booking} (คำขอ {reference}) เป็นวันไหนคะ (พิมพ์วันที่ หรือแตะเลือก)"
ASK_WHICH_BOOKING = "ต้องการเลื่อนการจองเครื่องรายการไหนคะ แตะเลือกหรือพิมพ์ลำดับได้เลยค่ะ\n{bookings}"
MOVE_PICKED = "เลื่อนคำขอ {reference}"
DAY_MOVED = "เลื่อนวันใช้ {machine} ของคำขอ {reference} เป็น{day} แล้วค่ะ {told} เจ้าหน้าที่จะยืนยันวันกับท่านอีกครั้งนะคะ"
TIME_MOVED = "เปลี่ยนเวลาใช้ {machine} ของคำขอ {reference} เป็น{day} แล้วค่ะ {told} เจ้าหน้าที่จะยืนยันกับท่านอีกครั้งนะคะ"
DAY_NOTED = "จดวันที่สะดวกใช้ {machine} ของคำขอ {reference} เป็น \"{day}\" แล้วค่ะ {told} เจ้าหน้าที่จะนัดวันกับท่านอีกครั้งนะคะ"
STAFF_TOLD = "แจ้งเจ้าหน้าที่ที่ดูแลให้แล้ว"
STAFF_WILL_SEE = "บันทึกไว้ในคำขอให้เจ้าหน้าที่แล้ว"  # the centre has no one on LINE: the console shows it
DAY_UNCHANGED = "คำขอ {reference} นัดใช้ {machine} {day} อยู่แล้วค่ะ"
SEND_AGAIN = "หากยังต้องการบริการนี้ ส่งคำขอใหม่ได้เลย พิมพ์บอกความต้องการหรือเลือกจากเมนูนะคะ"
MOVE_CLOSED = "{booking} (คำขอ {reference}) สถานะ \"{status}\" ค่ะ จึงเลื่อนวันไม่ได้ " + SEND_AGAIN
DAY_KEPT = "ไม่เลื่อนค่ะ {booking} (คำขอ {reference}) ยังนัดตามเดิมนะคะ"
PHONE_CHANGED = "เปลี่ยนเบอร์ติดต่อของคำขอ {references} เป็น {phone} แล้วค่ะ {told} เจ้าหน้าที่จะติดต่อกลับที่เบอร์นี้นะคะ"
NAME_CHANGED = "เปลี่ยน{label}ของคำขอ {references} เป็น {name} แล้วค่ะ {told}นะคะ"
DAYS_KEPT = "ไม่เลื่อนค่ะ การจองเครื่องทุกรายการยังนัดตามเดิมนะคะ"
DAY_CLOSED_REQUEST = "คำขอนี้ปิดไปแล้วค่ะ จึงเลื่อนวันไม่ได้ หากยังต้องการใช้เครื่อง เริ่มคำขอใหม่ได้เลยนะคะ"
ASK_CANCEL_REQUEST = "ต้องการยกเลิกคำขอ {reference} ({service}) ใช่ไหมคะ"
ASK_CANCEL_AGAIN = "คำขอ {reference} ({service}) ได้คืนกลับมารอเจ้าหน้าที่แล้วค่ะ ต้องการยกเลิกอีกครั้งใช่ไหมคะ"
ASK_WHICH_REQUEST = "ต้องการยกเลิกคำขอไหนคะ แตะเลือกหรือพิมพ์ลำดับได้เลยค่ะ\n{requests}"
WHICH_LINE = "{number}. {service}{business} ยื่น {date} ({reference})"
# "อันบรรจุภัณฑ์" typed where two of the requests listed are for packaging: the same buttons follow.
WHICH_OF_SERVICE = "คำขอ{service}มี {count} รายการค่ะ ต้องการยกเลิกรายการที่เท่าไหร่คะ"
WITHDRAW_PICKED = "ยกเลิกคำขอ {reference}"
KEEP_REQUESTS = "ไม่ยกเลิก"
WITHDRAW_TAKEN = ("คำขอ {reference} เจ้าหน้าที่รับเรื่องแล้วค่ะ จึงยกเลิกทาง LINE เองไม่ได้ "
                  "ให้แจ้งเจ้าหน้าที่ที่ดูแลว่าท่านขอยกเลิกไหมคะ")
PASS_ON_CANCEL = "แจ้งขอยกเลิก"
CANCEL_ALREADY_PASSED_ON = "แจ้งเจ้าหน้าที่เรื่องขอยกเลิกคำขอ {reference} ไปแล้วค่ะ เจ้าหน้าที่จะปิดคำขอให้นะคะ"
KEEP_IT = "ไม่ต้อง"
CANCEL_PASSED_ON = ("แจ้งว่าท่านขอยกเลิกคำขอ {reference} แล้วค่ะ ({told}) เจ้าหน้าที่จะปิดคำขอให้ "
                    "หรือติดต่อกลับหากต้องคุยเพิ่ม หากด่วน โทรหา{centre} ได้ที่ {phone} นะคะ")
NOTHING_TO_WITHDRAW = "คำขอ {reference} ตอนนี้สถานะ \"{status}\" ค่ะ จึงไม่มีอะไรต้องยกเลิกนะคะ"
REQUEST_KEPT = "ไม่ยกเลิกค่ะ คำขอของท่านยังอยู่ เจ้าหน้าที่จะติดต่อกลับตามเดิมนะคะ"
CANCELLED_BY_USER = "ผู้ขอยกเลิกทาง LINE"
REQUEST_CANCELLED = "ยกเลิกคำขอ {reference} เรียบร้อยแล้วค่ะ หากกดผิด แตะ \"ขอคืนคำขอ\" ได้ภายใน 24 ชั่วโมงนะคะ"
RESTORE = "ขอคืนคำขอ"
ASK_RESTORE = "ต้องการคืนคำขอ {reference} ({service}) ที่ยกเลิกไปใช่ไหมคะ"
NOT_RESTORED = "ได้ค่ะ คำขอนั้นยังยกเลิกอยู่นะคะ หากต้องการบริการ พิมพ์บอกความต้องการหรือเลือกจากเมนูได้เลยค่ะ"
RESTORED_BY_USER = "ผู้ขอคืนคำขอที่ยกเลิกไปทาง LINE"
REQUEST_RESTORED = "คืนคำขอ {reference} ให้แล้วค่ะ คำขอกลับไปรอเจ้าหน้าที่รับเรื่องตามเดิม {told}นะคะ"
NOTHING_TO_RESTORE = "ไม่พบคำขอที่ยกเลิกไปค่ะ หากต้องการบริการ พิมพ์บอกความต้องการหรือเลือกจากเมนูได้เลยนะคะ"
NOT_WITHDRAWN = "คำขอ {reference} ไม่ได้ถูกยกเลิกค่ะ ตอนนี้สถานะ \"{status}\" อยู่นะคะ"
TOO_LATE_TO_RESTORE = "คำขอ {reference} ยกเลิกไปเกิน 24 ชั่วโมงแล้วค่ะ จึงคืนไม่ได้ " + SEND_AGAIN
CLOSED_BY_CENTRE = "คำขอ {reference} ศูนย์ปิดเรื่องไปแล้วค่ะ จึงคืนทาง LINE ไม่ได้ " + SEND_AGAIN
WITHDRAWN_KEPT = "คำขอ {reference} ยกเลิกไปแล้วค่ะ"
FLOW_EXPIRED = ("เรื่อง{service}ที่คุยค้างไว้เกิน 24 ชั่วโมง ระบบจึงปิดไปก่อนนะคะ "
                "หากยังต้องการ เริ่มใหม่ได้เลยค่ะ")
PLACE_NOT_A_PRODUCT = "รับทราบค่ะ 😊 ขอทราบสินค้าของท่านด้วยนะคะ"
NO_FOR_A_NAME = 'ขอชื่ออีกครั้งนะคะ หากต้องการเปลี่ยนเป็นเรื่องอื่น พิมพ์ "ยกเลิก" แล้วบอกเรื่องใหม่ได้เลยค่ะ'
CALL_AFTER_SENDING = "ได้ค่ะ 😊 จดข้อความนี้ไว้ให้เจ้าหน้าที่แล้ว เมื่อส่งคำขอนี้ เจ้าหน้าที่จะติดต่อกลับค่ะ"
WILL_CALL_THAT_NUMBER = "รับทราบค่ะ 😊 เมื่อส่งคำขอนี้แล้ว เจ้าหน้าที่จะโทรกลับที่เบอร์ {phone} ค่ะ"
SECOND_NEED_NEXT = "ส่วนเรื่อง{service} ขอทำต่อหลังส่งเรื่องนี้นะคะ 😊"  # one request at a time
SECOND_NEED_NOW = "ท่านแจ้งเรื่อง{service}ไว้ด้วย ต้องการเริ่มเรื่องนี้ต่อเลยไหมคะ"
NOT_NOW = "ไว้ก่อน"
LATER = "ได้เลยค่ะ 😊 พร้อมเมื่อไร แตะ \"ขอรับบริการ\" ได้ทุกเมื่อนะคะ"
OFFER_RESUME = "กลับมาทำเรื่อง{service}ต่อไหมคะ"
RESUMING = "ต่อจากเดิมนะคะ"

START_FLOW = "ยินดีช่วยเรื่อง{service}ค่ะ ขอถามสั้น ๆ ไม่กี่ข้อนะคะ (พิมพ์ \"ยกเลิก\" ได้ทุกเมื่อ)"
# What the centre will do, said as the request starts where a first message may only ask ("มีคลาส…ไหมคะ").
SERVICE_PROMISES = {
    "training": "เจ้าหน้าที่จะแจ้งหลักสูตรหรือรอบศึกษาดูงานที่กำลังจะเปิดในหัวข้อที่ท่านสนใจให้ทราบค่ะ",
}
REUSE_PROFILE = "ใช้ข้อมูลเดิมไหมคะ\n{profile}"
SUMMARY_TITLE = "สรุปคำขอ"
SUMMARY_ALT = "สรุปคำขอ{service} กรุณาตรวจสอบและกดยืนยันค่ะ"
ASK_EDIT = "ต้องการแก้ข้อไหนคะ"
NO_CHANGE_SEND = "ไม่แก้ ส่งคำขอเลย"
CHANGED = "แก้{label}ให้แล้วค่ะ รบกวนตรวจสอบอีกครั้งนะคะ"
SUBMITTED = ("ส่งคำขอเรียบร้อยแล้วค่ะ ✅\nเลขที่คำขอ: {reference}\nบริการ: {service}\n"
             "ศูนย์ที่ดูแล: {centre}\n{call_back}\nดูสถานะได้ทุกเมื่อ พิมพ์ \"สถานะคำขอ\" ค่ะ")
CLOSED_NOW = "ตอนนี้อยู่นอกเวลาทำการ ศูนย์จะเปิดอีกครั้งวัน{day} เวลา {time} น. ค่ะ"
CALL_BACK = "เจ้าหน้าที่จะติดต่อกลับที่เบอร์ {phone} ภายใน {hours} ชั่วโมงทำการ และจะแจ้งความคืบหน้าทาง LINE นี้ค่ะ"
CALL_BACK_BY_LINE = "เจ้าหน้าที่จะติดต่อท่านทาง LINE นี้ภายใน {hours} ชั่วโมงทำการ และแจ้งความคืบหน้าที่นี่ด้วยค่ะ"
# In place of a call-back promised, when no alert of the request reached anyone on LINE (bot.staff_alerts).
NOBODY_ON_LINE_YET = ("ตอนนี้ยังแจ้งเจ้าหน้าที่ของ {centre} ทาง LINE ไม่ได้ค่ะ คำขอนี้บันทึกไว้ในระบบให้ศูนย์แล้ว "
                      "หากต้องการคุยกับเจ้าหน้าที่ โทร {phone} ได้ในเวลาทำการ {hours} ค่ะ")
CONTACT_KEPT = "บันทึกเรื่องที่ขอคุยไว้แล้วค่ะ เลขที่เรื่อง {reference}\n{untold}"
# The phone question answered with this LINE chat instead ("ไม่สะดวกให้เบอร์ค่ะ ติดต่อทางไลน์นี้ได้เลย").
BY_LINE_NOTED = "ได้ค่ะ เจ้าหน้าที่จะติดต่อท่านทาง LINE นี้แทนนะคะ 😊"
# A question typed in the middle of a request, which the bot cannot answer (fees, dates, what is possible): kept
# with the request for the officer who calls back, then the same question again.
QUESTION_NOTED = "ขอจดคำถามนี้ไว้ให้เจ้าหน้าที่ตอบตอนติดต่อกลับนะคะ 📝"
QUESTIONS_LABEL = "คำถามถึงเจ้าหน้าที่"
BY_LINE_SHOWN = "ทาง LINE (ไม่สะดวกให้เบอร์)"
ALREADY_SUBMITTED = ("ส่งคำขอนี้เรียบร้อยแล้วค่ะ เลขที่คำขอ {reference} ไม่ต้องกดยืนยันซ้ำนะคะ "
                     "ดูความคืบหน้าได้ทุกเมื่อ พิมพ์ \"สถานะคำขอ\" ค่ะ")
ASK_AGAIN = "หากยังต้องการบริการนี้ พิมพ์บอกความต้องการหรือเลือกจากเมนูได้เลยนะคะ"
ALREADY_WITHDRAWN = "คำขอ {reference} ยกเลิกไปแล้วค่ะ จึงไม่ได้ส่งอีก " + ASK_AGAIN
EDIT_WITHDRAWN = "คำขอ {reference} ยกเลิกไปแล้วค่ะ จึงไม่มีอะไรต้องแก้ " + ASK_AGAIN
EDIT_AFTER_SENDING = ("คำขอ {reference} ส่งถึงศูนย์แล้วค่ะ จึงแก้ในระบบไม่ได้ "
                      "หากต้องการเปลี่ยนข้อมูล แจ้งเจ้าหน้าที่ตอนที่ติดต่อกลับได้เลยนะคะ")
EDIT_BY_RESENDING = "หรือจะแตะ \"ยกเลิกคำขอนี้\" แล้วส่งคำขอใหม่ก็ได้ค่ะ"
WITHDRAW = "ยกเลิกคำขอนี้"
NO_CENTRE = "ขออภัยค่ะ ยังไม่พบศูนย์ที่ดูแลจังหวัด{province} เจ้าหน้าที่ส่วนกลางจะดูแลให้ค่ะ"
ATTACHMENT_RECEIVED = "ได้รับ{kind}แล้วค่ะ จะแนบไปกับคำขอให้นะคะ"
ATTACHMENT_OUTSIDE = "ได้รับ{kind}แล้วค่ะ หากต้องการขอรับบริการ พิมพ์บอกความต้องการได้เลย แล้วระบบจะแนบไฟล์ให้ค่ะ"

NO_REQUESTS = ("ยังไม่มีคำขอที่ส่งทาง LINE นี้ค่ะ คำขอที่แจ้งทางโทรศัพท์หรือที่ศูนย์ สอบถามความคืบหน้ากับศูนย์ได้โดยตรงนะคะ\n"
               "ต้องการขอรับบริการเรื่องไหนคะ")
# The same, to someone whose province is known: their centre's card follows.
NO_REQUESTS_ASK_THE_CENTRE = ("ยังไม่มีคำขอที่ส่งทาง LINE นี้ค่ะ คำขอที่แจ้งทางโทรศัพท์หรือที่ศูนย์ "
                              "สอบถามความคืบหน้าได้ที่ศูนย์นี้เลยค่ะ 👇")
REQUESTS_TITLE = "คำขอของท่าน (ล่าสุดก่อน)"
REQUEST_NOT_FOUND = "ไม่พบคำขอเลขที่ {reference} ของท่านค่ะ ลองตรวจสอบเลขอีกครั้งนะคะ"

CONTACT_QUEUED = ("แจ้งเจ้าหน้าที่ {centre} แล้วค่ะ เลขที่เรื่อง {reference}\n"
                  "เจ้าหน้าที่จะติดต่อกลับโดยเร็วในเวลาทำการ {hours} ค่ะ")
ASK_PROVINCE_FOR_CENTRE = "ท่านอยู่จังหวัดไหนคะ พิมพ์ชื่อจังหวัด หรือแชร์ตำแหน่งก็ได้ค่ะ"
# Practical questions about visiting a centre, answered after its card: what the bot knows is the card, the rest
# its staff can tell.
PARKING_ASK_STAFF = ("เรื่องที่จอดรถ ระบบยังไม่มีข้อมูลค่ะ 🙏 รบกวนโทรสอบถามเจ้าหน้าที่ {centre} ที่ {phone} "
                     "ในเวลาทำการ {hours} นะคะ")
THE_WAY_ON_THE_MAP = ("แตะ \"เปิดแผนที่\" บนการ์ดด้านบนเพื่อนำทางไปศูนย์ได้เลยค่ะ หากหาทางไม่เจอหรืออยากถามเรื่องการเดินทาง "
                      "โทรหาเจ้าหน้าที่ {centre} ที่ {phone} ได้นะคะ")
CENTRE_AFTER_PROVINCE = ("พอท่านแจ้งจังหวัดในคำขอนี้ ระบบจะบอกศูนย์ที่ดูแลพร้อมที่อยู่และเบอร์โทรค่ะ "
                         "หรือพิมพ์ถามพร้อมชื่อจังหวัดก็ได้ เช่น \"ศูนย์ขอนแก่นอยู่ไหนคะ\"")
LOCATION_SERVED = "ได้รับตำแหน่งแล้วค่ะ ท่านอยู่ จ.{province} ศูนย์ที่ดูแลคือ {centre} (ห่างประมาณ {km} กม.) ค่ะ"
LOCATION_NEARER = ("ได้รับตำแหน่งแล้วค่ะ ท่านอยู่ จ.{province} คำขอจะส่งถึง {serving} "
                   "ส่วนศูนย์ที่อยู่ใกล้ที่สุดคือ {nearest} (ประมาณ {km} กม.) แวะไปได้ทั้งสองแห่งค่ะ")
HELP = ("วิธีใช้งาน ITC Front Desk ค่ะ 🙏\n"
        "• พิมพ์บอกความต้องการได้เลย เช่น \"อยากทำกล่องใส่ขนม\" หรือ \"ขอจองเครื่อง CNC\"\n"
        "• แตะ \"ขอรับบริการ\" ในเมนูด้านล่าง เพื่อเลือกบริการของศูนย์\n"
        "• แตะ \"คำขอของฉัน\" หรือพิมพ์เลขที่คำขอ เพื่อดูสถานะ\n"
        "• แชร์ตำแหน่ง เพื่อหาศูนย์ที่ดูแลและศูนย์ที่ใกล้ที่สุด\n"
        "• ส่งรูปสินค้าประกอบคำขอได้เลยค่ะ\n"
        "• พิมพ์ \"ยกเลิก\" เพื่อหยุดเรื่องที่ทำอยู่ หรือ \"ลบข้อมูลของฉัน\" เพื่อลบข้อมูลส่วนตัวค่ะ")


ASK_ERASE = ("ต้องการลบข้อมูลส่วนบุคคลและประวัติการคุยทั้งหมดใช่ไหมคะ "
             "คำขอเดิมจะเหลือเพียงสถิติที่ระบุตัวตนไม่ได้ และลบแล้วกู้คืนไม่ได้ค่ะ")
ERASE_WITHDRAWS = ("คำขอที่ยังไม่เสร็จ ({references}) จะถูกยกเลิกด้วยนะคะ "
                   "เพราะเจ้าหน้าที่จะไม่มีชื่อและเบอร์โทรสำหรับติดต่อกลับค่ะ")
ERASE_GIVES_UP_SEATS = "การลงทะเบียนกิจกรรม {events} จะถูกยกเลิกด้วย และที่นั่งจะส่งต่อให้ท่านถัดไปนะคะ"
ERASED = "ลบข้อมูลของท่านเรียบร้อยแล้วค่ะ ขอบคุณที่ใช้บริการนะคะ 🙏"
ERASE_GAVE_UP_SEATS = "ยกเลิกการลงทะเบียนกิจกรรม {events} ให้แล้วค่ะ"
ERASE_WITHDREW = ("ยกเลิกคำขอ {references} และแจ้งศูนย์ให้แล้วค่ะ "
                  "หากต้องการรับบริการอีก พิมพ์บอกความต้องการได้ทุกเมื่อเลยนะคะ")
WITHDRAWN_BY_ERASURE = "ผู้ขอลบข้อมูลส่วนบุคคลทาง LINE"
ERASE_KEPT = "ไม่ลบข้อมูลค่ะ ข้อมูลของท่านยังอยู่ครบค่ะ"

STAFF_ONLY = "ปุ่มนี้สำหรับเจ้าหน้าที่ศูนย์ค่ะ"
STAFF_NOT_YOURS = "ไม่พบคำขอนี้ในศูนย์ของท่านค่ะ"
STAFF_TAKEN = "คำขอ {reference} มีผู้รับเรื่องแล้วค่ะ ({name})"
STAFF_YOURS_ALREADY = "ท่านรับเรื่อง {reference} ไว้แล้วค่ะ"
STAFF_CLOSED = "คำขอ {reference} ตอนนี้สถานะ \"{status}\" ค่ะ"
STAFF_ACCEPTED = "รับเรื่อง {reference} แล้วค่ะ กรุณาติดต่อ{name} ที่ {phone}"
STAFF_ACCEPTED_BY_LINE = ("รับเรื่อง {reference} แล้วค่ะ {name} สะดวกให้ติดต่อทาง LINE "
                          "ตอบได้จากหน้าคำขอในระบบ (ปุ่ม \"เปิดในระบบ\") ค่ะ")
REQUESTER_UPDATE = "อัปเดตคำขอ {reference} ({service}): {status}ค่ะ"

YES, NO = "ใช่", "ไม่ใช่"
CONFIRM, EDIT, CANCEL = "ยืนยันส่งคำขอ", "แก้ไข", "ยกเลิก"


def thai_date(moment: date | datetime) -> str:
    """20 พ.ย. 2569: Thai month, Buddhist-era year, Bangkok time."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(BANGKOK).date()
    return f"{moment.day} {THAI_MONTHS[moment.month - 1]} {moment.year + 543}"


def thai_days(first: date, last: date) -> str:
    """23–30 พ.ย. 2569, 30 พ.ย.–4 ธ.ค. 2569, 28 ธ.ค. 2569–8 ม.ค. 2570: a stretch of days, each part said once."""
    if first == last:
        return thai_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{thai_date(last)}"
    start = f"{first.day} {THAI_MONTHS[first.month - 1]}" if first.year == last.year else thai_date(first)
    return f"{start}–{thai_date(last)}"


# Titles a name may come with: the polite ones give way to คุณ, an academic or a rank is kept as typed.
PLAIN_TITLES = re.compile(r"^(?:นางสาว|น\.ส\.|นาง|นาย|คุณ)\s*")
KEPT_TITLES = ("ดร.", "ผศ.", "รศ.", "ศ.", "อ.", "พ.ต.", "ร.ต.", "จ.ส.")


def why_closed(day: date, holiday: str) -> str:
    """วันเสาร์, วันพ่อแห่งชาติ, วันหยุดชดเชยวันพ่อแห่งชาติ: why the centres are closed that day."""
    if holiday:
        return f"วันหยุด{holiday}" if holiday.startswith("ชดเชย") else holiday
    return f"วัน{WEEKDAYS[day.weekday()]}"


def addressed(name: str) -> str:
    """คุณสมศรี for สมศรี, นางสมศรี or คุณสมศรี (not คุณนาง…, คุณคุณ…); ดร.สมศรี as it is."""
    return name if name.startswith(KEPT_TITLES) else f"คุณ{PLAIN_TITLES.sub('', name)}"


def day_and_date(day: date) -> str:
    """ศุกร์ 27 พ.ย. 2569: short enough for a quick-reply label."""
    return f"{WEEKDAYS[day.weekday()]} {thai_date(day)}"


def thai_datetime(moment: datetime) -> str:
    """20 พ.ย. 2569 14:30 น. in Bangkok time."""
    local = moment.astimezone(BANGKOK)
    return f"{thai_date(local.date())} {local:%H:%M} น."
