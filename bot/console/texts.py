"""Every Thai sentence of the staff side: console notices, LINE messages to staff, updates to entrepreneurs."""

from __future__ import annotations

from bot.dialogue import texts as dialogue_texts

# Statuses as staff read them: the entrepreneur's "รอข้อมูลจากท่าน" is addressed to them, not to staff.
STATUS_NAMES = dialogue_texts.STATUS_NAMES | {"waiting": "รอข้อมูลจากผู้ประกอบการ"}

# An audit entry's detail that is a code: where an accept came from.
AUDIT_DETAILS = {"console": "ทางระบบเจ้าหน้าที่", "line": "ทาง LINE"}

# --- console notices (staff read these) --------------------------------------------------------------

LOGIN_FAILED = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้องค่ะ"
LOGIN_LOCKED = ("ลองเข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณารอ 15 นาทีแล้วลองใหม่ "
                "หรือให้ผู้ดูแลระบบปลดล็อกหรือตั้งรหัสผ่านใหม่ให้ค่ะ")
SIGNED_OUT_MID_FORM = ("ท่านออกจากระบบไปก่อนกดบันทึก (หมดเวลาหรือบัญชีถูกเปลี่ยน) "
                      "สิ่งที่พิมพ์ไว้ยังไม่ได้บันทึกค่ะ เข้าสู่ระบบแล้วระบบจะพากลับไปที่หน้าเดิม")
FORM_NOT_SAVED = "แบบฟอร์มก่อนหน้ายังไม่ได้บันทึกค่ะ กรุณาตรวจสอบและทำอีกครั้งนะคะ"
LOGGED_OUT = "ออกจากระบบแล้วค่ะ"
ACCEPTED = "รับเรื่อง {reference} แล้วค่ะ"
ALREADY_TAKEN = "คำขอ {reference} มีผู้รับเรื่องแล้วค่ะ ({name})"
ASSIGNED = "มอบหมาย {reference} ให้ {name} แล้วค่ะ"
STATUS_CHANGED = "เปลี่ยนสถานะ {reference} เป็น \"{status}\" และแจ้งผู้ประกอบการทาง LINE แล้วค่ะ"
STATUS_NOT_ALLOWED = "เปลี่ยนจาก \"{current}\" เป็น \"{wanted}\" ไม่ได้ค่ะ"
STALE_STATUS = ("ยังไม่ได้บันทึกค่ะ ระหว่างที่หน้านี้เปิดอยู่ {who} เปลี่ยนคำขอ {reference} เป็น \"{status}\" "
                "เมื่อ {when} ระบบจึงยังไม่ส่งอะไรถึงผู้ประกอบการ กรุณาตรวจสอบอีกครั้งแล้วค่อยดำเนินการค่ะ")
BY_ENTREPRENEUR = "ผู้ประกอบการ (ทาง LINE)"  # who changed a request, when it was the entrepreneur
STALE_ASSIGNEE = ("ยังไม่ได้บันทึกค่ะ ระหว่างที่หน้านี้เปิดอยู่ {who} มอบหมายคำขอ {reference} ให้ {name} "
                  "เมื่อ {when} กรุณาตรวจสอบอีกครั้งแล้วค่อยดำเนินการค่ะ")
STALE_WITHDRAWN = ("ผู้ประกอบการยกเลิกคำขอ {reference} เองทาง LINE เมื่อ {when} แล้วค่ะ "
                   "ไม่ต้องดำเนินการต่อ และระบบไม่ได้ส่งอะไรถึงผู้ประกอบการค่ะ")
REASON_NEEDED = "กรุณาระบุเหตุผลค่ะ (ผู้ประกอบการจะได้รับเหตุผลนี้ทาง LINE)"
REPLY_TOO_LONG = ("ยังไม่ได้ส่งค่ะ ข้อความยาว {length:,} ตัวอักษร แต่ LINE ส่งได้ไม่เกิน {limit:,} ตัวอักษรต่อข้อความ "
                  "กรุณาย่อ หรือแบ่งส่งเป็นหลายข้อความค่ะ (ข้อความที่พิมพ์ยังอยู่ในช่องด้านล่าง)")
STATUS_WORDS_TOO_LONG = ("ยังไม่ได้บันทึกค่ะ เหตุผลและข้อความถึงผู้ประกอบการรวมกันยาว {length:,} ตัวอักษร "
                         "แต่ส่งทาง LINE ได้ไม่เกิน {limit:,} ตัวอักษร กรุณาย่อลง หรือส่งส่วนที่เหลือทาง "
                         "\"ตอบผู้ประกอบการ\" ค่ะ (ข้อความที่พิมพ์ยังอยู่ในแบบฟอร์ม)")
NOTE_TOO_LONG = ("ยังไม่ได้บันทึกค่ะ โน้ตยาว {length:,} ตัวอักษร บันทึกได้ไม่เกิน {limit:,} ตัวอักษรต่อโน้ต "
                 "กรุณาแบ่งเป็นหลายโน้ตค่ะ (ข้อความที่พิมพ์ยังอยู่ในช่องด้านล่าง)")
TRANSFERRED_TO = "โอน {reference} ไปให้ {centre} แล้วค่ะ แจ้งเจ้าหน้าที่ศูนย์นั้นและผู้ประกอบการทาง LINE แล้ว"
TRANSFER_REASON_NEEDED = "กรุณาเลือกศูนย์ปลายทางและระบุเหตุผลที่โอนค่ะ"
NOTE_ADDED = "บันทึกโน้ตภายในแล้วค่ะ"
EMPTY_TEXT = "กรุณาพิมพ์ข้อความก่อนค่ะ"
REPLY_SENT = "ส่งข้อความถึงผู้ประกอบการทาง LINE แล้วค่ะ ระบบอัตโนมัติจะเงียบไว้ระหว่างที่ท่านคุยอยู่"
NO_LINE_USER = "ผู้ประกอบการรายนี้ลบข้อมูลหรือบล็อกบัญชีแล้ว ส่งข้อความทาง LINE ไม่ได้ค่ะ"
HANDED_BACK = "ส่งการสนทนากลับให้ระบบอัตโนมัติแล้วค่ะ"
STAFF_CREATED = "เพิ่มบัญชี {name} (ชื่อผู้ใช้ {login}) แล้วค่ะ"
STAFF_UPDATED = "บันทึกบัญชี {name} แล้วค่ะ"
STAFF_UNLOCKED = "ปลดล็อกบัญชี {name} แล้วค่ะ เข้าสู่ระบบได้ทันที"
LOGIN_TAKEN = "ชื่อผู้ใช้ {login} มีผู้ใช้แล้วค่ะ"
FIELDS_MISSING = "กรุณากรอกชื่อ ชื่อผู้ใช้ ศูนย์ และรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) ค่ะ"
PASSWORD_CHANGED = "เปลี่ยนรหัสผ่านแล้วค่ะ"
PASSWORD_WRONG = "รหัสผ่านปัจจุบันไม่ถูกต้อง หรือรหัสใหม่สั้นกว่า 8 ตัวอักษรค่ะ"
LINK_CODE_MADE = "รหัสใช้ได้ 15 นาที และใช้ได้ครั้งเดียวค่ะ"
LINE_UNLINKED = "ยกเลิกการเชื่อมบัญชี LINE แล้วค่ะ"
GROUP_REMOVED = "หยุดส่งแจ้งเตือนเข้ากลุ่มนี้แล้วค่ะ"

# What makes a request in the queue need attention (bot.console.attention), as its row marks it.
ATTENTION = {"nobody": "🔕 ยังไม่มีใครได้รับแจ้งทาง LINE", "cancel": "🛑 ผู้ขอแจ้งขอยกเลิก",
             "person": "📞 ขอคุยกับเจ้าหน้าที่", "message": "💬 มีข้อความใหม่จากผู้ประกอบการ"}
# On the page of a request nobody was told of: why, and what clears the mark.
NOBODY_TOLD = ("ยังไม่มีใครได้รับแจ้งคำขอนี้ทาง LINE ค่ะ ศูนย์นี้ยังไม่มีเจ้าหน้าที่หรือกลุ่มที่เชื่อม LINE "
               "และไม่มีผู้ดูแลระบบรับแจ้งแทน (หรือ LINE ส่งไม่สำเร็จ) คำขอจึงรออยู่ในระบบนี้เท่านั้น "
               "กรุณารับเรื่อง หรือให้ผู้ดูแลระบบโอนไปศูนย์ที่ดูแลได้ค่ะ")

MARKED_SEEN = "รับทราบข้อความของ {reference} แล้วค่ะ"
TAPPED = "แตะปุ่ม"  # in the transcript, a button whose label is not known
TAPPED_RATING = "ให้คะแนน {score}"
TAPPED_ACCEPT, TAPPED_RESUME, TAPPED_EDIT = "รับเรื่อง", "ทำต่อ", "แก้{field}"
TAPPED_ERASE, TAPPED_KEEP_DATA = "ยืนยันลบข้อมูล", "ไม่ลบ"

# --- LINE messages to staff --------------------------------------------------------------------------

LINKED = ("เชื่อมบัญชี LINE นี้กับ {name} ({centre}) เรียบร้อยแล้วค่ะ "
          "คำขอใหม่ของศูนย์จะแจ้งเตือนมาที่นี่ แตะ \"รับเรื่อง\" บนการ์ดเพื่อรับงานได้เลยค่ะ")
LINE_ALREADY_LINKED = "บัญชี LINE นี้เชื่อมกับเจ้าหน้าที่ท่านอื่นอยู่แล้วค่ะ กรุณาติดต่อผู้ดูแลระบบนะคะ"
GROUP_WELCOME = ("สวัสดีค่ะ ITC Front Desk พร้อมแจ้งเตือนคำขอใหม่ในกลุ่มนี้ค่ะ "
                 "กรุณาพิมพ์รหัสลงทะเบียนกลุ่มจากหน้า \"บัญชีของฉัน\" ในระบบเจ้าหน้าที่ (/staff) ค่ะ")
GROUP_REGISTERED = ("ลงทะเบียนกลุ่มนี้ให้รับแจ้งเตือนคำขอของ {centre} แล้วค่ะ "
                    "ทุกท่านที่เชื่อมบัญชี LINE กับระบบแล้วแตะ \"รับเรื่อง\" บนการ์ดได้เลยค่ะ")
GROUP_CODE_WRONG = "รหัสนี้ไม่ถูกต้องหรือหมดอายุแล้วค่ะ กรุณาสร้างรหัสใหม่จากระบบเจ้าหน้าที่นะคะ"
GROUP_CODE_IN_CHAT = "รหัสนี้ใช้ลงทะเบียนกลุ่มค่ะ กรุณาเชิญบอทเข้ากลุ่ม LINE ของเจ้าหน้าที่ แล้วส่งรหัสในกลุ่มนั้นนะคะ"
GROUP_LINK_FIRST = "กรุณาเชื่อมบัญชี LINE ส่วนตัวกับระบบเจ้าหน้าที่ก่อน จึงจะรับเรื่องจากกลุ่มได้ค่ะ"
REMINDER_TITLE = "⏰ ยังไม่มีผู้รับเรื่อง (เกินเป้า {hours} ชม.ทำการ)"
ESCALATION_TITLE = "🚨 ยกระดับ: {centre} ยังไม่รับเรื่อง"
NEW_REQUEST_TITLE = "คำขอใหม่ · {centre}"
# To admins, for a centre with no officer or group on LINE: someone must take it or pass it on.
UNSTAFFED_TITLE = "⚠️ คำขอใหม่ · {centre} ยังไม่มีเจ้าหน้าที่รับแจ้งเตือนใน LINE"
ALERTED_ON_LINE = "แจ้งทาง LINE {count} ราย"
NOBODY_ON_LINE = "ไม่มีผู้รับแจ้งเตือนทาง LINE (ทั้งเจ้าหน้าที่ของศูนย์และผู้ดูแลระบบ) กรุณาติดตามในระบบ"
CONTACT_TITLE = "📞 ขอคุยกับเจ้าหน้าที่ · {centre}"
SOMEONE = "ผู้ประกอบการ"  # a request's sender with no name given
# Told to whoever accepts a request on LINE, after the entrepreneur asked for a call about it.
CALL_AWAITED = "📞 ผู้แจ้งขอให้ติดต่อกลับเรื่องนี้เมื่อ {time} (ข้อความอยู่ในหน้าคำขอ)"
CALL_ASKED = "📞 {who} ขอให้เจ้าหน้าที่ติดต่อกลับเรื่องคำขอ {reference} (โทร {phone}):\n{text}\n\nดูคำขอได้ที่ {url}"
CANCEL_ASKED = ("🛑 {who} ขอยกเลิกคำขอ {reference} ทาง LINE (โทร {phone}) คำขอรับเรื่องแล้ว จึงรอท่านปิดคำขอ "
                "หรือติดต่อผู้ขอค่ะ\n\nดูคำขอและข้อความได้ที่ {url}")
DAY_MOVED = ("📅 {who} ขอเลื่อนวันใช้ {machine} คำขอ {reference} (โทร {phone}):\nจาก {old}\nเป็น {new}\n"
             "ข้อความ: {words}\n\nดูคำขอได้ที่ {url}")
PHONE_CHANGED = "📞 {who} แจ้งเปลี่ยนเบอร์ติดต่อ คำขอ {reference}:\nจาก {old}\nเป็น {new}\n\nดูคำขอได้ที่ {url}"
NAME_CHANGED = "👤 {who} แจ้งเปลี่ยน{label} คำขอ {reference}:\nจาก {old}\nเป็น {new}\n\nดูคำขอได้ที่ {url}"
ASSIGNED_TO_YOU = ("📌 {by} มอบหมายคำขอ {reference} ({service}) ให้ท่านดูแลค่ะ\n"
                   "ผู้ขอ: {who} จ.{province}\n\nดูคำขอได้ที่ {url}")
INFORMATION_NOTE = "ผู้ประกอบการส่งข้อมูลทาง LINE"  # the history's note when their answer moves "waiting" on
INFORMATION_GIVEN = ("📝 {who} ส่งข้อมูลที่ขอไว้ทาง LINE ({reference}):\n{text}\n\n"
                     "คำขอกลับเป็น \"กำลังดำเนินการ\" แล้วค่ะ ดูและตอบได้ที่ {url}")
INFORMATION_MORE = "📝 {who} ส่งข้อมูลเพิ่มทาง LINE ({reference}):\n{text}\n\nดูทั้งหมดได้ที่ {url}"
FILE_SENT = "[ส่ง{kind}มา ดูในหน้าคำขอ]"  # a photo or file, in a LINE alert that carries text only
HANDOVER_PING = "💬 {who} ตอบกลับในแชต ({reference}):\n{text}\n\nอ่านและตอบได้ที่ {url}"

# --- updates to the entrepreneur (polite, short, ค่ะ/คะ) ---------------------------------------------

STATUS_UPDATES = {
    "accepted": ("คำขอ {reference} ({service}): เจ้าหน้าที่ {centre} รับเรื่องแล้วค่ะ "
                 "จะติดต่อกลับโดยเร็วนะคะ 🙏"),
    "in_progress": "คำขอ {reference} ({service}): เจ้าหน้าที่กำลังดำเนินการให้ท่านค่ะ",
    "waiting": ("คำขอ {reference} ({service}): เจ้าหน้าที่รอข้อมูลเพิ่มเติมจากท่านค่ะ "
                "ตอบกลับในแชตนี้ได้เลยนะคะ"),
    "done": "คำขอ {reference} ({service}) ดำเนินการเสร็จสิ้นแล้วค่ะ ขอบคุณที่ใช้บริการศูนย์ ITC นะคะ 🙏",
    "rejected": "ขออภัยค่ะ คำขอ {reference} ({service}) ศูนย์ไม่สามารถให้บริการได้ค่ะ",
    "cancelled": "คำขอ {reference} ({service}) ถูกยกเลิกแล้วค่ะ",
    "new": "คำขอ {reference} ({service}) กลับมารอเจ้าหน้าที่รับเรื่องอีกครั้งค่ะ",
}
TRANSFERRED = ("คำขอ {reference} ({service}) ย้ายไปให้ {centre} ดูแลแล้วค่ะ เพื่อให้ท่านได้รับบริการที่ตรงที่สุด "
               "เจ้าหน้าที่ของศูนย์จะติดต่อกลับโดยเร็วนะคะ 🙏 (โทร {phone})")
REASON_LINE = "\nเหตุผล: {reason}"
STAFF_MESSAGE_LINE = "\nข้อความจากเจ้าหน้าที่: {message}"
ASK_RATING = "รบกวนให้คะแนนความพึงพอใจบริการครั้งนี้หน่อยนะคะ (1 = น้อยที่สุด, 5 = มากที่สุด)"
RATING_THANKS = "ขอบคุณสำหรับคะแนน {stars} ค่ะ 🙏 ความเห็นของท่านช่วยให้ศูนย์พัฒนาบริการได้ดียิ่งขึ้นค่ะ"
RATING_LOW = "ขอบคุณที่บอกเราค่ะ 🙏 หากมีข้อแนะนำ พิมพ์บอกได้เลยนะคะ เจ้าหน้าที่จะนำไปปรับปรุงค่ะ"
RATING_ALREADY = "คำขอ {reference} ได้รับคะแนนของท่านแล้วค่ะ ขอบคุณค่ะ 🙏"
RATING_NOT_YOURS = "ไม่พบคำขอนี้ในรายการของท่านค่ะ"
STAFF_REPLY = "💬 เจ้าหน้าที่ {centre} ({name}):\n{text}"
INFORMATION_THANKS = ("ได้รับข้อมูลแล้วค่ะ ส่งต่อให้เจ้าหน้าที่แล้ว 🙏 หากมีข้อมูลหรือรูปเพิ่มเติม "
                      "ส่งในแชตนี้ต่อได้เลยนะคะ")
INFORMATION_MORE_THANKS = "ส่งต่อให้เจ้าหน้าที่แล้วค่ะ 🙏"
INFORMATION_ASKED_AGAIN = "คำขอ {reference} เจ้าหน้าที่รอข้อมูลจากท่านอยู่ค่ะ ข้อความล่าสุดจากเจ้าหน้าที่:\n\n{asked}"
INFORMATION_ASKED = "เจ้าหน้าที่ขอข้อมูลเพิ่มเติมเพื่อดำเนินการต่อ พิมพ์ตอบหรือส่งรูปในแชตนี้ได้เลยนะคะ"
INFORMATION_LATER = "ได้เลยค่ะ พร้อมเมื่อไหร่ พิมพ์ข้อมูลหรือส่งรูปในแชตนี้ได้เลยนะคะ เจ้าหน้าที่รออยู่ค่ะ 🙏"
HANDOVER_ACK = "ส่งข้อความให้เจ้าหน้าที่แล้วค่ะ เจ้าหน้าที่กำลังดูแลเรื่องของท่านอยู่ จะตอบกลับในแชตนี้นะคะ 🙏"
# A need for another service typed during a console chat (bot.console.handover_chat): it went to the officer too.
HANDOVER_NEW_NEED = "ส่งข้อความให้เจ้าหน้าที่แล้วค่ะ 🙏 ส่วนเรื่อง{service} เปิดเป็นคำขอใหม่ได้เลยนะคะ ต้องการเริ่มเลยไหมคะ"
HANDBACK_NOTICE = ("เจ้าหน้าที่จบการสนทนาแล้วค่ะ ขอบคุณค่ะ 🙏 หากต้องการอะไรเพิ่มเติม "
                   "พิมพ์บอกระบบได้ตลอดเลยนะคะ")

# --- canned replies the console offers (staff may edit before sending) -----------------------------

CANNED_REPLIES = [
    ("ทักทาย", "สวัสดีค่ะ เจ้าหน้าที่ {centre} ได้รับเรื่องของท่านแล้ว ขอสอบถามรายละเอียดเพิ่มเติมนะคะ"),
    ("ขอเวลาโทร", "สะดวกให้เจ้าหน้าที่โทรกลับช่วงเวลาไหนคะ"),
    ("ขอรูปสินค้า", "รบกวนส่งรูปสินค้าหรือบรรจุภัณฑ์ปัจจุบันมาในแชตนี้ได้ไหมคะ จะช่วยให้ประเมินได้เร็วขึ้นค่ะ"),
    ("นัดเข้าศูนย์", "ขอเชิญท่านเข้ามาพูดคุยที่ศูนย์ในวันและเวลาทำการ กรุณาแจ้งวันที่สะดวกได้เลยค่ะ"),
    ("ขอเอกสาร", "รบกวนเตรียมสำเนาหนังสือรับรองกิจการหรือทะเบียนวิสาหกิจชุมชนไว้ด้วยนะคะ"),
    ("ขอบคุณ", "ขอบคุณค่ะ หากมีข้อสงสัยเพิ่มเติมสอบถามได้ตลอดเลยนะคะ 🙏"),
]

REQUEST_WITHDRAWN = "คำขอ {reference} ถูกยกเลิกโดยผู้ขอทาง LINE แล้วค่ะ ไม่ต้องดำเนินการต่อ"
REQUEST_RESTORED = ("↩️ คำขอ {reference} กลับมาแล้วค่ะ ผู้ขอแจ้งทาง LINE ว่ายกเลิกผิด "
                    "คำขอรอรับเรื่องอีกครั้ง\n\nดูคำขอได้ที่ {url}")
