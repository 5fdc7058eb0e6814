"""Classification: what the bot understands from a message, how sure it is, and that it never fails."""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import intents
from intents import CONFIDENCE_THRESHOLD, LABELS, SERVICE_LABELS, Prediction, classify
from intents.model import ModelOptions
from intents.model_store import DATA_DIR, cache_key, load_or_train, read_training_rows, training_files
from intents.training import build_pipeline, read_all, train

# Written for these tests, not copied from the training files: the model has to generalise to them.
UNSEEN_REQUESTS = [
    ("อยากเปลี่ยนกล่องใส่ขนมเปี๊ยะให้ดูพรีเมียมขึ้นค่ะ ขายเป็นของฝาก", "packaging"),
    ("ขอจองเครื่องตัดเลเซอร์ของศูนย์ช่วงสัปดาห์หน้าครับ ค่าใช้เครื่องชั่วโมงละเท่าไหร่", "machinery"),
    ("ทำน้ำพริกขายค่ะ อยากยืดอายุให้เก็บได้นานขึ้น และขอ อย. ด้วย", "food_processing"),
    ("มีคอร์สอบรมการตลาดออนไลน์สำหรับวิสาหกิจชุมชนไหมครับ", "training"),
    ("อยากหาผู้ซื้อต่างประเทศ ส่งออกสินค้าไปญี่ปุ่นครับ", "business_matching"),
    ("สวัสดีค่ะ", "greeting"),
    ("ศูนย์ที่เชียงใหม่เปิดกี่โมงคะ", "center_info"),
    ("ขอคุยกับเจ้าหน้าที่หน่อยครับ", "contact_staff"),
    # A service named only to rule it out is not the one wanted.
    ("ตัวกล่องสวยอยู่แล้วค่ะ ไม่ใช่เรื่องกล่องนะคะ อยากให้ช่วยออกแบบรูปทรงแจกันใหม่", "product_design"),
    ("ไม่ได้จะจองเครื่องนะครับ อยากให้ทีมศูนย์ขึ้นชิ้นงานตัวอย่างให้เลย", "prototype"),
    ("ไม่ต้องหาคนซื้อให้ค่ะ ลูกค้ามีแล้ว อยากรู้วิธีลดต้นทุนการผลิต", "consulting"),
    ("ไม่ใช่ยกเลิกคำขอนะคะ แค่ไม่อยากได้ข่าวงานแล้ว", "unsubscribe"),
    # Asking after an application is a status question, whatever it applied for.
    ("ที่สมัครคลัสเตอร์เซรามิกไว้ อนุมัติหรือยังครับ", "request_status"),
]

OUT_OF_SCOPE_QUESTIONS = ["หวยงวดนี้ออกอะไรครับ", "ราคาทองวันนี้เท่าไหร่คะ", "พรุ่งนี้ฝนตกไหม"]


@pytest.fixture(scope="module")
def small_rows() -> list[tuple[str, str]]:
    """Thirty lines each of four labels from the repository's training data."""
    rows = read_training_rows(training_files())
    wanted = ("packaging", "machinery", "greeting", "out_of_scope")
    return [row for label in wanted for row in [r for r in rows if r[1] == label][:30]]


def test_a_packaging_request_is_packaging_above_the_threshold() -> None:
    prediction = classify("อยากพัฒนาบรรจุภัณฑ์ใหม่ให้กาแฟคั่วของร้านครับ")
    assert prediction.intent == "packaging"
    assert prediction.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(("message", "intent"), UNSEEN_REQUESTS)
def test_unseen_requests_get_their_intent(message: str, intent: str) -> None:
    assert classify(message).intent == intent


@pytest.mark.parametrize("message", OUT_OF_SCOPE_QUESTIONS)
def test_out_of_scope_questions_never_start_a_service_request(message: str) -> None:
    prediction = classify(message)
    assert not (prediction.intent in SERVICE_LABELS and prediction.confidence >= CONFIDENCE_THRESHOLD)


@pytest.mark.parametrize("command", ["ยกเลิก", "cancel", "ยกเลิกครับ", "ยกเลิก ค่ะ!", "Cancel", "ยกเลิกกก",
                                     "stop", "STOP!", "stop ครับ", "stop stop", "ยกเลิก ยกเลิก"])
def test_the_cancel_command_is_cancel_with_full_confidence(command: str) -> None:
    assert classify(command) == Prediction("cancel", 1.0)


@pytest.mark.parametrize(("message", "bare"), [("stop ครับ", True), ("ยกเลิก ยกเลิก", True), ("ยกเลิกคำขอ", False),
                                              ("stop ข่าวสาร", False), ("", False)])
def test_a_bare_cancel_command_is_told_from_a_cancel_that_says_what(message: str, bare: bool) -> None:
    assert intents.is_cancel_command(message) is bare


@pytest.mark.parametrize("message", ["stop ข่าวสาร", "stop sending news please"])
def test_stop_with_the_news_named_is_unsubscribe(message: str) -> None:
    assert classify(message).intent == "unsubscribe"


def test_cancelling_an_event_registration_is_about_the_event() -> None:
    assert classify("ขอยกเลิกการลงทะเบียนงาน CLUSTER DAY ค่ะ ติดธุระ").intent == "event"


@pytest.mark.parametrize(
    "message", ["ITC-2569-000042", "คำขอ itc-2569-000042 ถึงไหนแล้วครับ", "เลขที่ ITC-๒๕๖๙-๐๐๐๐๔๒"]
)
def test_a_request_reference_asks_for_the_request_status(message: str) -> None:
    prediction = classify(message)
    assert (prediction.intent, prediction.confidence) == ("request_status", 1.0)


# The reference's digits would pull the model to a status: the words around it decide.
@pytest.mark.parametrize("message", ["ขอยกเลิกคำขอ ITC-2569-000004 ค่ะ", "ยกเลิก itc 2569 000004 ครับ"])
def test_a_request_reference_with_words_that_withdraw_it_is_a_cancel(message: str) -> None:
    prediction = classify(message)
    assert prediction.intent == "cancel" and prediction.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("message", ["ขอคุยกับเจ้าหน้าที่เรื่อง ITC-2569-000004 ค่ะ",
                                     "รบกวนให้เจ้าหน้าที่โทรหาหน่อยครับ เรื่องคำขอ ITC-2569-000004"])
def test_a_request_reference_with_words_that_ask_for_a_person_is_contact_staff(message: str) -> None:
    prediction = classify(message)
    assert prediction.intent == "contact_staff" and prediction.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("message", ["", "   ", "\u200b\u200b", "\x00\x01"])
def test_a_message_with_nothing_readable_is_out_of_scope_with_no_confidence(message: str) -> None:
    assert classify(message) == Prediction("out_of_scope", 0.0)


def test_alternatives_are_the_next_best_other_labels_best_first() -> None:
    prediction = classify("อยากทำกล่องใหม่และออกแบบรูปทรงสินค้าด้วยครับ")
    labels = [label for label, _ in prediction.alternatives]
    confidences = [confidence for _, confidence in prediction.alternatives]
    assert 1 <= len(labels) <= 3
    assert prediction.intent not in labels and "out_of_scope" not in labels
    assert confidences == sorted(confidences, reverse=True)
    assert all(confidence <= prediction.confidence for confidence in confidences)


def _assert_valid(prediction: Prediction) -> None:
    assert prediction.intent in LABELS
    assert 0.0 <= prediction.confidence <= 1.0
    assert all(label in LABELS and 0.0 <= p <= 1.0 for label, p in prediction.alternatives)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_gives_a_valid_prediction(text: str) -> None:
    _assert_valid(classify(text))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000))
def test_long_messages_give_a_valid_prediction(text: str) -> None:
    _assert_valid(classify(text))


@pytest.mark.parametrize(
    "message",
    [
        "🙏🙏🙏",
        "😂" * 2500,
        "ก" * 5000,
        "\x00\x1f\x7f" * 100,
        "\ud800\udfff",
        "ครับ" + "\u0e48" * 200,
        "555555",
    ],
)
def test_awkward_messages_give_a_valid_prediction(message: str) -> None:
    _assert_valid(classify(message))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_the_model_itself_scores_any_string(text: str) -> None:
    # classify() would hide a failure behind its safety net; the model underneath must not need it.
    from intents.model_store import current_model

    probabilities = current_model().probabilities(text)
    assert np.isfinite(probabilities).all() and abs(probabilities.sum() - 1.0) < 1e-9


def test_classifying_from_many_threads_gives_the_same_answers() -> None:
    messages = [message for message, _ in UNSEEN_REQUESTS] * 5
    expected = [classify(message) for message in messages]
    results: list[list[Prediction]] = []

    def classify_all() -> None:
        results.append([classify(message) for message in messages])

    threads = [threading.Thread(target=classify_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_training_twice_on_the_same_lines_gives_the_same_model(small_rows: list[tuple[str, str]]) -> None:
    first, second = train(small_rows), train(small_rows)
    assert first.labels == second.labels
    assert np.array_equal(first.coef, second.coef)
    assert first.inverse_temperature == second.inverse_temperature


def test_the_fast_scorer_agrees_with_the_scikit_learn_pipeline(small_rows: list[tuple[str, str]]) -> None:
    options, model = ModelOptions(), train(small_rows)
    texts = [text for text, _ in small_rows]
    pipeline = build_pipeline(options, model.regularisation)
    pipeline.fit(read_all(texts, options), [label for _, label in small_rows])
    probe = ["ขอทำฉลากใหม่", "จองเครื่อง CNC", "ดีจ้า", "หวยออกอะไร", "zzz"]
    expected = pipeline.decision_function(read_all(probe, options))
    assert np.allclose([model.scores(model.read(text)) for text in probe], expected)


def test_confidences_are_calibrated_probabilities(small_rows: list[tuple[str, str]]) -> None:
    probabilities = train(small_rows).predict_proba(["ขอทำกล่องใหม่", "สวัสดีครับ"])
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert ((probabilities >= 0) & (probabilities <= 1)).all()


def _write_training_file(path: Path, rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as csv_file:
        writer = csv.writer(csv_file)
        writer.writerow(["text", "intent"])
        writer.writerows(rows)


def test_the_trained_model_is_cached_on_disk_and_reused(tmp_path: Path, small_rows) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    _write_training_file(data / "train" / "lines.csv", small_rows)
    first = load_or_train(data, cache)
    cached = list(cache.glob("*.joblib"))
    assert len(cached) == 1
    second = load_or_train(data, cache)
    assert np.array_equal(first.coef, second.coef) and second.labels == first.labels


def test_a_process_serving_the_cached_model_never_loads_scikit_learn() -> None:
    """Serving is numpy over the cached arrays: a web worker starts in under a second at about half the
    memory of one that imports the training libraries (bench/README.md, "Speed and memory")."""
    classify("สวัสดีค่ะ")  # the model is in the cache from here on
    serve = "import sys, intents; print(intents.classify('อยากทำกล่องใหม่ค่ะ').intent, 'sklearn' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", serve], capture_output=True, text=True, check=True).stdout
    assert answer.split() == ["packaging", "False"]


def test_new_training_lines_change_the_cache_key(tmp_path: Path, small_rows) -> None:
    data = tmp_path / "data"
    _write_training_file(data / "train" / "lines.csv", small_rows)
    before = cache_key(training_files(data))
    _write_training_file(data / "learned" / "from-traffic.csv", [("ขอทำถุงซิปล็อกใส่ขนม", "packaging")])
    assert cache_key(training_files(data)) != before


def test_labelled_traffic_and_training_lines_are_both_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_training_file(data / "train" / "a.csv", [("สวัสดี", "greeting")])
    _write_training_file(data / "learned" / "b.csv", [("ขอทำกล่อง", "packaging")])
    assert read_training_rows(training_files(data)) == [("สวัสดี", "greeting"), ("ขอทำกล่อง", "packaging")]


def test_lines_with_an_unknown_label_are_left_out_of_training(tmp_path: Path) -> None:
    path = tmp_path / "train" / "typo.csv"
    _write_training_file(path, [("สวัสดี", "greting"), ("สวัสดีค่ะ", "greeting"), ("", "greeting")])
    assert read_training_rows([path]) == [("สวัสดีค่ะ", "greeting")]


def test_the_repository_ships_training_lines_for_every_label() -> None:
    labels = {label for _, label in read_training_rows(training_files(DATA_DIR))}
    assert labels == set(LABELS)
