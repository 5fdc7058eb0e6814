"""The intent labels of PRODUCT.md, in the order of its table."""

from __future__ import annotations

LABELS: tuple[str, ...] = (
    "product_design",
    "prototype",
    "packaging",
    "machinery",
    "food_processing",
    "training",
    "business_matching",
    "consulting",
    "cluster",
    "event",
    "request_status",
    "contact_staff",
    "center_info",
    "greeting",
    "cancel",
    "unsubscribe",
    "out_of_scope",
)

# The labels that lead to a service request flow.
SERVICE_LABELS: tuple[str, ...] = LABELS[: LABELS.index("cluster") + 1]

OUT_OF_SCOPE = "out_of_scope"
