"""Quick replies as LINE shows them: the labels a user can tap."""

from __future__ import annotations

import pytest

from bot.dialogue import cards, texts, withdrawal
from bot.line.outbound import action_json


def labels(choices) -> list[str]:
    """The labels LINE displays, after its 20-character cut."""
    return [action_json(choice)["label"] for choice in choices]


@pytest.mark.parametrize("service", sorted(texts.SERVICE_NAMES))
def test_a_service_chip_shows_a_whole_name_within_lines_20_characters(service):
    label = cards.chip_label(service)
    assert len(label) <= 20
    assert label in labels(cards.intent_choices([service]))


@pytest.mark.parametrize("service", sorted(texts.SERVICE_NAMES))
def test_a_service_chip_fits_after_a_place_in_a_list(service):
    assert len(f"{withdrawal.PICKED_AT_MOST}. {cards.chip_label(service)}") <= 20  # not cut by LINE


def test_long_service_names_get_short_chips_not_cut_ones():
    shown = labels(cards.intent_choices(["food_processing", "consulting", "machinery"]))
    assert shown[:3] == ["แปรรูปอาหาร", "ที่ปรึกษาธุรกิจ", "เครื่องจักรกลาง"]


def test_not_sure_choices_offer_talking_to_staff_once():
    shown = labels(cards.intent_choices(["contact_staff", "consulting", "contact_staff", "packaging"]))
    assert shown == ["ที่ปรึกษาธุรกิจ", "พัฒนาบรรจุภัณฑ์", "ดูบริการทั้งหมด", "คุยกับเจ้าหน้าที่"]
