"""`flask --app bot demo-data`: a year of sample requests for a believable dashboard; never run by `seed`.

The service mix follows the centres' reported yearly usage (PRODUCT.md): training and study visits far ahead,
then design, shared machinery, prototypes, packaging and food processing; 42% of the work at Mini ITCs.
Sample followers have LINE ids starting "Ude000", so running it again replaces them, and `--clear` removes
them (with their requests, transcripts and the sample officers) without touching real data.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, select

from bot.console import stats
from bot.console.web import short_centre_name
from bot.workdays import BANGKOK, add_business_hours
from storage.database import unit_of_work
from storage.models import (
    AuditEntry,
    Centre,
    LineUser,
    Message,
    Province,
    ServiceRequest,
    Staff,
    StatusChange,
)
from storage.repositories import be_year

DEMO_PREFIX = "Ude000"
DEMO_LOGIN = "demo-"
SERVICE_MIX = {"training": 11121, "product_design": 465, "machinery": 275, "prototype": 240, "packaging": 208,
               "food_processing": 174, "waiting_list": 111, "business_matching": 160, "consulting": 150,
               "contact_staff": 140, "cluster": 90}
MINI_SHARE = 11730 / 27619
DETAILS = {
    "training": ["อยากพาพนักงาน 15 คนไปศึกษาดูงานโรงงานต้นแบบ", "สนใจอบรมการตลาดออนไลน์สำหรับสินค้า OTOP",
                 "ขอสมัครหลักสูตร NEC สำหรับผู้ประกอบการใหม่", "อยากอบรมเรื่องการลดต้นทุนการผลิต"],
    "product_design": ["อยากออกแบบคอลเลกชันเซรามิกใหม่ลายล้านนา", "ขอคำปรึกษาออกแบบลวดลายผ้าไหมร่วมสมัย"],
    "machinery": ["ขอจองเครื่องตัดเลเซอร์ทำป้ายไม้", "อยากใช้เครื่องอบแห้งแบบแช่เยือกแข็งกับทุเรียน"],
    "prototype": ["อยากทำแม่พิมพ์ต้นแบบชิ้นส่วนพลาสติก", "ขอขึ้นรูปต้นแบบเฟอร์นิเจอร์ไม้ไผ่"],
    "packaging": ["อยากได้กล่องกาแฟดริปที่ดูพรีเมียม", "ขอออกแบบฉลากน้ำพริกใหม่ให้ทันสมัย"],
    "food_processing": ["อยากยืดอายุการเก็บกล้วยตาก", "ขอคำปรึกษาการขอ อย. สำหรับน้ำผลไม้"],
    "business_matching": ["อยากหาผู้ซื้อผ้าทอส่งออกญี่ปุ่น", "อยากนำสินค้าเข้าร้านสะดวกซื้อ"],
    "consulting": ["อยากปรึกษาเรื่องเอาระบบอัตโนมัติเข้าโรงงาน", "ขอคำแนะนำเรื่องสินเชื่อขยายกิจการ"],
    "contact_staff": ["ขอให้เจ้าหน้าที่โทรกลับค่ะ", "อยากคุยกับเจ้าหน้าที่เรื่องบริการของศูนย์"],
    "cluster": ["อยากเข้าร่วมคลัสเตอร์เครื่องสำอาง", "สนใจเครือข่ายคลัสเตอร์อาหารแปรรูป"],
}
BUSINESSES = ["ร้านกาแฟดอยหลวง", "วิสาหกิจชุมชนผ้าทอบ้านนาต้นจั่น", "หจก. เซรามิกลำปางศิลป์", "ไร่สุขใจออร์แกนิก",
              "บจก. ไทยฟู้ดโปรเซส", "กลุ่มแม่บ้านน้ำพริกแม่ศรี", "โรงงานเฟอร์นิเจอร์ไม้ไผ่ไทย", "สวนทุเรียนลุงชม",
              "บจก. สยามสมุนไพร", "ร้านขนมเปี๊ยะโบราณ", "วิสาหกิจชุมชนข้าวหอมมะลิทุ่งกุลา", "บจก. อีสานวากิว"]
NAMES = ["สมศรี ใจดี", "ประเสริฐ ทองดี", "วันเพ็ญ ศรีสุข", "อนุชา แก้วมณี", "มาลี บุญมา", "ธนพล สุขเจริญ",
         "กนกวรรณ ชัยมงคล", "สุริยา พรหมมา"]
FALLBACK_TEXTS = ["อืม", "ได้ป่าว", "โอเคจ้า 555", "แล้วไง"]


@click.command("demo-data")
@click.option("--requests", "count", default=1500, show_default=True, help="How many sample requests.")
@click.option("--seed", "seed", default=2569, show_default=True, help="Random seed (same seed, same data).")
@click.option("--clear", is_flag=True, help="Only remove earlier sample data.")
@with_appcontext
def demo_data_command(count: int, seed: int, clear: bool) -> None:
    """Add a year of sample requests (PRODUCT.md's service mix) so the dashboard tells a believable story."""
    services = current_app.extensions["frontdesk"]
    with unit_of_work(services.sessions) as session:
        removed = remove_demo_data(session)
        made = 0 if clear else add_demo_data(session, count, random.Random(seed), services.clock())
    click.echo(json.dumps({"removed_requests": removed, "requests": made}))


def remove_demo_data(session) -> int:
    """Delete every sample follower, their requests and transcripts, and the sample officers."""
    users = select(LineUser.id).where(LineUser.line_user_id.like(f"{DEMO_PREFIX}%"))
    requests = list(session.scalars(select(ServiceRequest.id).where(ServiceRequest.user_id.in_(users))))
    session.execute(delete(StatusChange).where(StatusChange.request_id.in_(requests)))
    session.execute(delete(ServiceRequest).where(ServiceRequest.id.in_(requests)))
    session.execute(delete(Message).where(Message.user_id.in_(users)))
    session.execute(delete(LineUser).where(LineUser.line_user_id.like(f"{DEMO_PREFIX}%")))
    session.execute(delete(Staff).where(Staff.login.like(f"{DEMO_LOGIN}%"), Staff.password_hash.is_(None)))
    return len(requests)


def add_demo_data(session, count: int, rng: random.Random, now: datetime) -> int:
    """Create `count` requests over the last 12 months, each with a follower, history and transcript."""
    places = _places(session)
    officers: dict[int, Staff] = {}
    users = [_user(session, rng, n) for n in range(max(1, int(count / 1.3)))]
    session.flush()
    services, weights = zip(*SERVICE_MIX.items())
    for _ in range(count):
        service = rng.choices(services, weights)[0]
        centre, province = rng.choice(places["mini"] if rng.random() < MINI_SHARE else places["other"])
        created = _moment(rng, now)
        officer = officers.get(centre.id) or officers.setdefault(centre.id, _officer(session, centre))
        _request(session, rng, rng.choice(users), service, centre, province, created, officer, now)
    return count


def _places(session) -> dict[str, list[tuple[Centre, str]]]:
    rows = session.execute(select(Centre, Province.name).join(Province, Province.centre_id == Centre.id)).all()
    mini = [(c, p) for c, p in rows if c.kind == "mini"]
    return {"mini": mini or list(rows), "other": [(c, p) for c, p in rows if c.kind != "mini"] or list(rows)}


def _user(session, rng: random.Random, n: int) -> LineUser:
    user = LineUser(line_user_id=f"{DEMO_PREFIX}{n:026x}", display_name="ผู้ประกอบการตัวอย่าง",
                    consented_at=datetime(2025, 1, 1, tzinfo=UTC), contact_name=rng.choice(NAMES),
                    business_name=rng.choice(BUSINESSES), phone=f"08{rng.randrange(10**7, 10**8)}")
    session.add(user)
    return user


def _officer(session, centre: Centre) -> Staff:
    staff = Staff(name=f"จนท.ตัวอย่าง {short_centre_name(centre.name)}", login=f"{DEMO_LOGIN}{centre.code.lower()}",
                  centre_id=centre.id)
    session.add(staff)
    session.flush()
    return staff


def _moment(rng: random.Random, now: datetime) -> datetime:
    # Within the dashboard's default 12 months; more around the new fiscal year (October) and before
    # CLUSTER DAY; office hours mostly.
    span = (now - stats.bangkok_day_start(stats.month_starts(now.astimezone(BANGKOK).date(), 12)[0])).days
    while True:
        days = rng.uniform(0, span)
        moment = now - timedelta(days=days)
        season = 1 + 0.35 * math.cos((moment.month - 11) / 12 * 2 * math.pi)
        if rng.random() < season / 1.35 and (moment.weekday() < 5 or rng.random() < 0.3):
            return moment.replace(hour=rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 12, 13]), minute=rng.randrange(60))


def _request(session, rng: random.Random, user: LineUser, service: str, centre: Centre, province: str,
             created: datetime, officer: Staff, now: datetime) -> None:
    label = rng.choice(["prototype", "product_design"]) if service == "waiting_list" else service
    request = ServiceRequest(user_id=user.id, service=label, centre_id=centre.id, province=province,
                             business_name=user.business_name, contact_name=user.contact_name, phone=user.phone,
                             details=rng.choice(DETAILS[label]), answers={}, status="new", created_at=created,
                             updated_at=created)
    session.add(request)
    session.flush()
    request.reference = f"ITC-{be_year(created)}-{request.id:06d}"
    history = [StatusChange(request_id=request.id, to_status="new", changed_by="line", changed_at=created)]
    for status, moment in _path(rng, service, created, centre.response_hours, now):
        history.append(StatusChange(request_id=request.id, from_status=history[-1].to_status, to_status=status,
                                    changed_by=officer.name, changed_at=moment,
                                    note="ไม่อยู่ในขอบเขตบริการของศูนย์" if status == "rejected" else None))
        request.status, request.updated_at = status, moment
        if status == "accepted":
            request.assignee_id, request.accepted_at = officer.id, moment
        if status in ("done", "rejected", "cancelled"):
            request.closed_at, request.close_reason = moment, history[-1].note
    if request.accepted_at and (label == "contact_staff" or rng.random() < 0.08):
        session.add(AuditEntry(staff_id=officer.id, action="reply", request_id=request.id,
                               detail="สวัสดีค่ะ สะดวกให้โทรกลับช่วงไหนคะ", created_at=request.accepted_at))
    if request.status == "done" and rng.random() < 0.7:
        request.rating = rng.choices([5, 4, 3, 2, 1], [50, 32, 12, 4, 2])[0]
    session.add_all(history)
    _transcript(session, rng, user, request, created)


def _path(rng: random.Random, service: str, created: datetime, target: int, now: datetime):
    """The statuses a request went through, with times, as far as `now` allows."""
    accepted = add_business_hours(created, rng.lognormvariate(math.log(target * 0.45), 0.8))
    steps = [("accepted", accepted), ("in_progress", accepted + timedelta(hours=rng.uniform(2, 72)))]
    if service == "waiting_list" or rng.random() < 0.25:
        steps.append(("waiting", steps[-1][1] + timedelta(days=rng.uniform(1, 20))))
        steps.append(("in_progress", steps[-1][1] + timedelta(days=rng.uniform(2, 30))))
    ending = rng.choices(["done", "rejected", "cancelled"], [90, 6, 4])[0]
    steps.append((ending, steps[-1][1] + timedelta(days=rng.lognormvariate(math.log(8), 0.7))))
    if ending != "done" and rng.random() < 0.5:
        steps = [(ending, created + timedelta(hours=rng.uniform(1, 30)))]
    return [(status, moment) for status, moment in steps if moment < now]


def _transcript(session, rng: random.Random, user: LineUser, request: ServiceRequest, created: datetime) -> None:
    lines = [("in", request.details, False), ("out", "ยินดีช่วยค่ะ ขอถามสั้น ๆ ไม่กี่ข้อนะคะ", False),
             ("in", request.business_name, False)]
    if rng.random() < 0.12:
        lines.insert(0, ("in", rng.choice(FALLBACK_TEXTS), True))
    for step, (direction, text, fallback) in enumerate(lines):
        session.add(Message(user_id=user.id, direction=direction, kind="text", text=text, fallback=fallback,
                            intent=None if direction == "out" else request.service,
                            created_at=created - timedelta(minutes=len(lines) - step)))
