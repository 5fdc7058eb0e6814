"""What staff read on the event and announcement pages of the console (flash messages and labels)."""

from __future__ import annotations

EVENT_STATUS = {"published": "เปิดให้เห็นใน LINE", "draft": "ฉบับร่าง", "cancelled": "ยกเลิกแล้ว"}
REGISTRATION_STATUS = {"registered": "ลงทะเบียนแล้ว", "offered": "รอยืนยันที่นั่งว่าง", "waiting": "รายชื่อสำรอง",
                       "cancelled": "ยกเลิก", "expired": "หมดเวลายืนยัน"}
ANNOUNCEMENT_STATUS = {"draft": "ฉบับร่าง", "scheduled": "ตั้งเวลาไว้", "queued": "รอส่ง", "preparing": "กำลังเตรียม",
                       "sending": "กำลังส่ง", "sent": "ส่งแล้ว", "cancelled": "ยกเลิกแล้ว"}

EVENT_SAVED = "บันทึกกิจกรรม \"{title}\" แล้วค่ะ"
EVENT_SEATS_OFFERED = "มีที่นั่งว่างเพิ่ม แจ้งรายชื่อสำรอง {n} ท่านทาง LINE แล้วค่ะ"
EVENT_CALLED_OFF_TOLD = "แจ้งผู้ลงทะเบียนและรายชื่อสำรองทาง LINE แล้วว่ากิจกรรมนี้ยกเลิกค่ะ"
EVENT_ON_HOLD_TOLD = ("แจ้งผู้ลงทะเบียนและรายชื่อสำรองทาง LINE แล้วว่ากิจกรรมนี้เลื่อนออกไปก่อน รายชื่อยังอยู่ครบ "
                      "ที่นั่งที่รอยืนยันกลับไปรอในรายชื่อสำรอง และรหัสเช็กอินใช้ไม่ได้จนกว่าจะเผยแพร่อีกครั้งค่ะ")
EVENT_CHANGE_TOLD = "แจ้งวันเวลาหรือสถานที่ใหม่ให้ผู้ลงทะเบียนและรายชื่อสำรองทาง LINE แล้วค่ะ"
EVENT_DUPLICATE = "มีกิจกรรมชื่อนี้ในวันเวลาเดียวกันอยู่แล้วค่ะ"
FIELD_REQUIRED = "กรุณากรอก{field}ค่ะ"
BAD_DATETIME = "{field}ไม่ถูกต้องค่ะ"
BAD_CAPACITY = "จำนวนที่นั่งต้องเป็นตัวเลข 1 ขึ้นไปค่ะ"
BAD_FEE = "ค่าลงทะเบียนต้องเป็นจำนวนเงิน (บาท) 0 ขึ้นไป หรือเว้นว่างหากยังไม่กำหนดค่ะ"
BAD_PROVINCE = "กรุณาเลือกจังหวัดจากรายการค่ะ"
BAD_IMAGE = "ลิงก์รูปต้องขึ้นต้นด้วย https:// (LINE แสดงได้เฉพาะ https) ค่ะ"
DEADLINE_AFTER_START = "วันปิดรับลงทะเบียนต้องไม่เกินเวลาเริ่มงานค่ะ"
ENDS_BEFORE_START = "เวลาจบต้องหลังเวลาเริ่มค่ะ"
REGISTRATION_CANCELLED = "ยกเลิกการลงทะเบียนของ {name} แล้วค่ะ"

CHECKED_IN = "เช็กอินแล้ว: {name} ({people} ท่าน)"
ALREADY_CHECKED_IN = "{name} เช็กอินไปแล้วเมื่อ {when} ค่ะ"
CODE_NOT_FOUND = "ไม่พบรหัส {code} ค่ะ ลองพิมพ์ใหม่อีกครั้ง"
CODE_OTHER_EVENT = "รหัสนี้เป็นของกิจกรรม \"{title}\" ค่ะ ไม่ใช่กิจกรรมนี้"
CODE_CALLED_OFF = "กิจกรรม \"{title}\" ยกเลิกแล้ว รหัสนี้จึงใช้เช็กอินไม่ได้ค่ะ"
CODE_ON_HOLD = "กิจกรรม \"{title}\" เป็นฉบับร่าง (พักไว้) รหัสนี้จึงใช้เช็กอินไม่ได้จนกว่าจะเผยแพร่อีกครั้งค่ะ"
CODE_NOT_REGISTERED = "รหัสนี้ยังไม่ได้รับที่นั่ง (สถานะ: {status}) ค่ะ"
NAMELESS = "ผู้ลงทะเบียนทาง LINE"

ANNOUNCEMENT_TEXT_REQUIRED = "กรุณาพิมพ์ข้อความประกาศค่ะ"
ANNOUNCEMENT_TOO_LONG = "ข้อความยาวเกิน 5,000 ตัวอักษรค่ะ"
ANNOUNCEMENT_SCHEDULE_PAST = "เวลาที่ตั้งส่งต้องเป็นเวลาในอนาคตค่ะ"
ANNOUNCEMENT_QUEUED = "เริ่มส่งประกาศถึง {n:,} คนแล้วค่ะ"
ANNOUNCEMENT_SCHEDULED = "ตั้งเวลาส่งประกาศถึง {n:,} คนไว้ {when} แล้วค่ะ"
ANNOUNCEMENT_NOBODY = "ไม่มีผู้ติดตามตรงกับกลุ่มเป้าหมายนี้ค่ะ ลองเลือกกลุ่มให้กว้างขึ้นนะคะ"
ANNOUNCEMENT_CANCELLED = "ยกเลิกประกาศนี้แล้วค่ะ"
ANNOUNCEMENT_NOT_CANCELLABLE = "ประกาศนี้เริ่มส่งแล้ว ยกเลิกไม่ได้ค่ะ"
TEST_SENT = "ส่งประกาศทดสอบไปที่ LINE ของท่านแล้วค่ะ"
TEST_NEEDS_LINE = "บัญชีของท่านยังไม่ได้เชื่อม LINE จึงส่งทดสอบไม่ได้ค่ะ (เชื่อมได้ที่หน้า \"บัญชีของฉัน\")"
QUOTA_SHORT = ("โควตาข้อความเดือนนี้ไม่พอค่ะ: ต้องใช้ {needed:,} ข้อความ เหลือ {remaining:,} "
               "ส่วนที่เกินจะส่งไม่ออก หากยืนยันจะส่ง ให้ติ๊ก \"ส่งแม้โควตาไม่พอ\" แล้วกดส่งอีกครั้ง")
QUOTA_UNKNOWN = "ตรวจสอบโควตาข้อความกับ LINE ไม่ได้ในขณะนี้ ({error}) ค่ะ"
