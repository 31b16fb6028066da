"""The intake as data: its sections, in the order a patient fills them in on a phone, the
yes/no health questions and the screening facts each answer states, and the lists
(clinicians, medications, earlier antidepressant trials). Pure: no database, settings or
clock. Forms are built from this; screening reads `facts_from`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from clinic.intake.rules import FACTS


@dataclass(frozen=True)
class Question:
    """A yes/no question; "yes" states `fact` (a screening fact, rules.FACTS)."""

    name: str
    text: str
    fact: str = ""


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    questions: tuple[Question, ...] = ()  # yes/no
    texts: tuple[str, ...] = ()  # free-text fields (checked for crisis language)
    list_of: str = ""  # "clinicians", "medications", "trials": a repeating list
    clinical: bool = True  # health information: clinicians only (front desk sees the rest)


PSYCHIATRIC = (
    Question(
        "psychosis_now", "Are you hearing or seeing things others do not, now?", "psychosis_active"
    ),
    Question(
        "psychosis_before",
        "Have you ever had psychosis or a schizophrenia-spectrum diagnosis?",
        "psychosis_history",
    ),
    Question("mania_now", "Are you in a manic or hypomanic episode now?", "mania_current"),
    Question("bipolar", "Have you been diagnosed with bipolar disorder?"),
    Question("mood_stabiliser", "Do you take a mood stabiliser (e.g. lithium, lamotrigine)?"),
    Question(
        "substance_now",
        "Do you currently have a problem with alcohol or drugs?",
        "substance_use_active",
    ),
    Question("ketamine_pcp", "Have you ever misused ketamine or PCP?", "ketamine_pcp_misuse"),
    Question("opioids", "Have you ever misused opioids?", "opioid_misuse"),
    Question("ptsd", "Have you been diagnosed with PTSD?"),
    Question("hospital", "Have you ever been in hospital for your mental health?"),
    Question("attempt", "Have you ever tried to end your life?"),
)
MEDICAL = (
    Question(
        "hypertension",
        "Is your blood pressure high and not under control?",
        "hypertension_uncontrolled",
    ),
    Question(
        "heart",
        "Unstable angina, a heart attack in the last 6 months, or heart failure now?",
        "angina_unstable_or_recent_mi",
    ),
    Question("rhythm", "A heart rhythm problem?", "arrhythmia_significant"),
    Question("stroke", "Have you had bleeding in the brain?", "intracerebral_haemorrhage"),
    Question("aneurysm", "An aneurysm (brain, chest, belly or limbs)?", "aneurysm"),
    Question("avm", "An arteriovenous malformation (AVM)?", "avm"),
    Question("icp", "Raised pressure inside your skull?", "raised_intracranial_pressure"),
    Question("glaucoma", "Glaucoma or raised eye pressure?", "raised_intraocular_pressure"),
    Question("liver", "Severe liver disease?", "liver_disease_severe"),
    Question("seizures", "Seizures or epilepsy?", "seizures"),
    Question("apnoea", "Sleep apnoea?", "sleep_apnoea"),
    Question("ketamine_allergy", "An allergy to ketamine?", "ketamine_allergy"),
    Question("esketamine_allergy", "An allergy to esketamine (Spravato)?", "esketamine_allergy"),
)
PREGNANCY = (
    Question("pregnant", "Are you pregnant, or could you be?", "pregnancy"),
    Question("breastfeeding", "Are you breastfeeding?", "breastfeeding"),
)

SECTIONS: tuple[Section, ...] = (
    Section(
        "about",
        "About you",
        clinical=False,
        texts=("legal_name", "preferred_name", "pronouns", "sex_at_birth", "gender_identity"),
    ),
    Section(
        "contacts",
        "Emergency contact and your ride home",
        clinical=False,
        texts=(
            "emergency_name",
            "emergency_phone",
            "emergency_relationship",
            "driver_name",
            "driver_phone",
        ),
    ),
    Section("clinicians", "Your own clinicians", list_of="clinicians", clinical=False),
    Section(
        "psychiatric", "Your mental health", questions=PSYCHIATRIC, texts=("diagnoses", "notes")
    ),
    Section("medical", "Your physical health", questions=MEDICAL, texts=("notes",)),
    Section("pregnancy", "Pregnancy", questions=PREGNANCY),
    Section("allergies", "Allergies", texts=("allergies",)),
    Section("medications", "Medicines you take now", list_of="medications"),
    Section("trials", "Antidepressants you have tried", list_of="trials"),
    Section("body", "Weight and height", texts=("weight", "weight_unit", "height_cm")),
    Section("insurance", "Insurance", texts=("payer", "member_id", "group"), clinical=False),
)
BY_CODE = {s.code: s for s in SECTIONS}

# The columns of each list, and which of them are free text a person writes.
LISTS: dict[str, tuple[str, ...]] = {
    "clinicians": ("name", "role", "phone", "release"),
    "medications": ("name", "dose", "how_often", "kind"),
    "trials": ("drug", "dose", "weeks", "response", "why_stopped"),
}
LIST_TEXTS: dict[str, tuple[str, ...]] = {
    "clinicians": ("name",),
    "medications": ("name", "dose", "how_often"),
    "trials": ("drug", "dose", "response", "why_stopped"),
}
# Kinds of medicine the screening reads (the patient or a nurse chooses one per medicine).
MEDICATION_KINDS = {
    "": "Other or not sure",
    "benzodiazepine": "Benzodiazepine (e.g. lorazepam, alprazolam, clonazepam)",
    "z_drug": "Sleeping tablet (e.g. zolpidem)",
    "opioid": "Opioid painkiller",
    "stimulant": "Stimulant (e.g. for ADHD)",
    "maoi": "MAOI antidepressant",
    "antidepressant": "Other antidepressant",
    "mood_stabiliser": "Mood stabiliser",
}


def _yes(data: Mapping[str, Any], name: str) -> bool:
    return data.get(name) is True or data.get(name) == "yes"


def facts_from(answers: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The screening facts the current answers state (section code -> that section's data)."""
    found: set[str] = set()
    for section in SECTIONS:
        data = answers.get(section.code) or {}
        for question in section.questions:
            if question.fact and _yes(data, question.name):
                found.add(question.fact)
    psychiatric = answers.get("psychiatric") or {}
    if _yes(psychiatric, "bipolar") and not _yes(psychiatric, "mood_stabiliser"):
        found.add("bipolar_no_mood_stabiliser")
    for row in (answers.get("medications") or {}).get("rows", []):
        kind = str(row.get("kind", ""))
        if f"med:{kind}" in FACTS:
            found.add(f"med:{kind}")
    return found


def free_texts(section: str, data: Mapping[str, Any]) -> Iterator[str]:
    """Every text a person wrote in a section's answers (for the crisis check)."""
    known = BY_CODE.get(section)
    if known is None:
        return
    for name in known.texts:
        value = data.get(name)
        if isinstance(value, str) and value:
            yield value
    for row in data.get("rows", []) if known.list_of else []:
        for name in LIST_TEXTS.get(known.list_of, ()):
            value = row.get(name)
            if isinstance(value, str) and value:
                yield value


def adequate_trials(answers: Mapping[str, Mapping[str, Any]], *, min_weeks: int = 6) -> int:
    """Earlier antidepressant trials of at least `min_weeks` (a clinic setting; 6 weeks at an
    adequate dose is the usual reading); the prescriber confirms the dose was adequate."""
    count = 0
    for row in (answers.get("trials") or {}).get("rows", []):
        try:
            weeks = int(str(row.get("weeks", "")).strip() or 0)
        except ValueError:
            continue
        if weeks >= min_weeks:
            count += 1
    return count


KG_PER_LB = Decimal("0.45359237")  # exact, by definition of the international pound


def weight_kg(answers: Mapping[str, Mapping[str, Any]]) -> Decimal | None:
    """The weight the patient gave, in kilograms to 0.1 kg (half up), converted from pounds
    when they answered in pounds; None when not given or not a positive number. Dosing
    uses the weight measured on the day, never this one."""
    body = answers.get("body") or {}
    try:
        value = Decimal(str(body.get("weight", "")).strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0:
        return None
    if body.get("weight_unit") == "lb":
        value *= KG_PER_LB
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
