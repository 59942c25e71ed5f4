"""Controlled vocabularies for service records, with the labels shown to workers."""

from __future__ import annotations

INTERVENTION_TYPES = {
    "early_response": "Early response / early intervention",
    "dapp_group": "Community group programme (DAPP)",
    "one_to_one": "One-to-one intervention",
    "high_risk": "High-risk, high-harm intervention",
    "partner_support": "Partner / survivor support",
    "parenting": "Parenting / dads' programme",
    "practitioner_training": "Training for practitioners",
    "helpline": "Helpline / advice line",
    "probation_programme": "Probation programme",
}
FORMATS = {"group": "group", "one_to_one": "one-to-one", "phone": "phone", "email": "email",
           "webchat": "webchat", "online": "online"}
GENDERS = {"male": "men", "female": "women"}
RELATIONSHIP_TYPES = {"heterosexual": "heterosexual relationships", "same_sex": "same-sex relationships"}
RISK_LEVELS = {"standard": "standard risk", "medium": "medium risk", "high": "high risk"}
CASE_TYPES = {"statutory": "statutory cases", "non_statutory": "non-statutory cases"}
REFERRAL_ROUTES = {
    "self": "self-referral",
    "partner": "partners and ex-partners",
    "family_friends": "friends and family",
    "any_professional": "any professional",
    "social_care": "social care",
    "health": "health services",
    "housing": "housing",
    "children_services": "children's services",
    "police": "police",
    "probation": "probation",
    "courts": "courts",
}
REFERRAL_METHODS = {"form": "referral form", "email": "email", "secure_email": "secure email (CJSM)",
                    "phone": "phone", "website": "website"}
CONTACT_KINDS = ("phone", "email", "secure_email", "website")
SCOPES = ("local", "national", "unknown")

# Eligibility criteria stored as rows; each maps to its vocabulary (None = free text).
ELIGIBILITY_VOCABULARIES: dict[str, dict[str, str] | None] = {
    "gender": GENDERS,
    "relationship": RELATIONSHIP_TYPES,
    "risk_level": RISK_LEVELS,
    "case_type": CASE_TYPES,
    "exclusion": None,
}
