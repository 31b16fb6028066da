"""The clinic's default contraindication rules and the facts they read, as data.

Each default is labelled "clinic default, editable": the owner keeps, changes or removes it
for their clinic. Sources: ../shared/reference/clinical.md §1.6 (patient selection,
contraindications, drug interactions) and §2.3 (esketamine label contraindications). None of
the consolidated lists is a binding standard; the label's three esketamine contraindications
are. Pure: no database, settings or clock."""

from __future__ import annotations

from clinic.intake.screening import ROUTES, Rule, RuleBook, Severity

RACEMIC = frozenset(r for r in ROUTES if r != "esketamine")
ESKETAMINE = frozenset({"esketamine"})
EVERY = frozenset(ROUTES)

# The facts an intake and its medication list can state, with how staff read them.
FACTS: dict[str, str] = {
    # Psychiatric
    "psychosis_active": "Current psychosis",
    "psychosis_history": "Past psychosis or schizophrenia-spectrum disorder",
    "mania_current": "Current mania or hypomania",
    "bipolar_no_mood_stabiliser": "Bipolar disorder without a mood stabiliser",
    "substance_use_active": "Active substance-use disorder",
    "ketamine_pcp_misuse": "Ketamine or PCP misuse (now or before)",
    "opioid_misuse": "Opioid misuse (now or before)",
    "imminent_suicide_risk": "Imminent suicide risk needing hospital care",
    "lacks_capacity": "Cannot give informed consent",
    # Medical
    "hypertension_uncontrolled": "Uncontrolled high blood pressure",
    "angina_unstable_or_recent_mi": "Unstable angina or a recent heart attack",
    "heart_failure_decompensated": "Decompensated heart failure",
    "arrhythmia_significant": "Significant heart rhythm disorder",
    "cerebrovascular_unstable": "Unstable cerebrovascular disease",
    "aneurysm": "Aneurysmal vascular disease (brain, chest, abdomen or limbs)",
    "avm": "Arteriovenous malformation",
    "intracerebral_haemorrhage": "History of bleeding in the brain",
    "raised_intracranial_pressure": "Raised pressure inside the skull",
    "raised_intraocular_pressure": "Raised eye pressure (glaucoma)",
    "liver_disease_severe": "Severe liver disease",
    "seizures": "Seizure disorder",
    "sleep_apnoea": "Sleep apnoea",
    "pregnancy": "Pregnant",
    "breastfeeding": "Breastfeeding",
    "ketamine_allergy": "Allergy to ketamine",
    "esketamine_allergy": "Allergy to esketamine",
    # Current medications, by class
    "med:benzodiazepine": "Takes a benzodiazepine",
    "med:z_drug": "Takes a non-benzodiazepine sleeping tablet",
    "med:opioid": "Takes an opioid",
    "med:stimulant": "Takes a psychostimulant",
    "med:maoi": "Takes an MAOI",
}

CLINIC_DEFAULT = "clinic default, editable"


def _rule(
    code: str,
    label: str,
    severity: Severity,
    facts: set[str],
    routes: frozenset[str] = EVERY,
    source: str = "clinical.md 1.6",
) -> Rule:
    return Rule(
        code=code,
        label=label,
        severity=severity,
        facts=frozenset(facts),
        routes=routes,
        source=f"{CLINIC_DEFAULT}; {source}",
    )


A, R = Severity.ABSOLUTE, Severity.RELATIVE

DEFAULT_RULES: tuple[Rule, ...] = (
    # Absolute: treatment waits for a prescriber's written override.
    _rule(
        "esketamine-vascular",
        "Aneurysmal vascular disease, arteriovenous malformation or bleeding in the brain: "
        "esketamine is contraindicated (label)",
        A,
        {"aneurysm", "avm", "intracerebral_haemorrhage"},
        ESKETAMINE,
        "Spravato label, clinical.md 2.3",
    ),
    _rule(
        "racemic-vascular",
        "Aneurysmal vascular disease, arteriovenous malformation or bleeding in the brain: "
        "ketamine raises blood pressure",
        A,
        {"aneurysm", "avm", "intracerebral_haemorrhage"},
        RACEMIC,
    ),
    _rule("psychosis", "Current psychosis", A, {"psychosis_active"}),
    _rule("mania", "Current mania", A, {"mania_current"}),
    _rule(
        "hospital-care",
        "Imminent suicide risk: ketamine does not replace hospital care",
        A,
        {"imminent_suicide_risk"},
    ),
    _rule("capacity", "Cannot give informed consent", A, {"lacks_capacity"}),
    _rule(
        "cardiac-unstable",
        "Unstable heart disease (unstable angina, recent heart attack, decompensated failure)",
        A,
        {"angina_unstable_or_recent_mi", "heart_failure_decompensated"},
    ),
    _rule(
        "cerebrovascular-unstable",
        "Unstable cerebrovascular disease",
        A,
        {"cerebrovascular_unstable"},
    ),
    _rule("ketamine-allergy", "Allergy to ketamine", A, {"ketamine_allergy"}, RACEMIC),
    _rule(
        "esketamine-allergy",
        "Allergy to esketamine or ketamine",
        A,
        {"esketamine_allergy", "ketamine_allergy"},
        ESKETAMINE,
        "Spravato label, clinical.md 2.3",
    ),
    # Relative: the prescriber must acknowledge the caution.
    _rule(
        "hypertension",
        "Uncontrolled high blood pressure: check before every session",
        R,
        {"hypertension_uncontrolled"},
    ),
    _rule("arrhythmia", "Significant heart rhythm disorder", R, {"arrhythmia_significant"}),
    _rule(
        "pressure",
        "Raised pressure inside the skull or the eye",
        R,
        {"raised_intracranial_pressure", "raised_intraocular_pressure"},
    ),
    _rule(
        "pregnancy",
        "Pregnancy or breastfeeding",
        R,
        {"pregnancy", "breastfeeding"},
    ),
    _rule(
        "substance-use",
        "Substance use, including ketamine, PCP or opioid misuse",
        R,
        {"substance_use_active", "ketamine_pcp_misuse", "opioid_misuse"},
    ),
    _rule(
        "psychosis-history",
        "Past psychosis or schizophrenia-spectrum disorder",
        R,
        {"psychosis_history"},
    ),
    _rule(
        "bipolar",
        "Bipolar disorder without a mood stabiliser",
        R,
        {"bipolar_no_mood_stabiliser"},
    ),
    _rule("liver", "Severe liver disease", R, {"liver_disease_severe"}),
    _rule("sleep-apnoea", "Sleep apnoea: watch breathing and sedation", R, {"sleep_apnoea"}),
    _rule(
        "cns-depressants",
        "Benzodiazepine, sleeping tablet or opioid: more sedation (and a benzodiazepine may "
        "blunt the effect)",
        R,
        {"med:benzodiazepine", "med:z_drug", "med:opioid"},
        EVERY,
        "clinical.md 1.6 drug interactions; REMS monitoring form",
    ),
    _rule(
        "blood-pressure-drugs",
        "Psychostimulant or MAOI: blood pressure may rise further",
        R,
        {"med:stimulant", "med:maoi"},
        EVERY,
        "clinical.md 1.6 drug interactions, 2.3",
    ),
)

DEFAULT_BOOK = RuleBook(DEFAULT_RULES)


# A starting list of ICD-10 codes for evaluations (clinical.md, billing: payer policies list
# F32.x / F33.x; PTSD F43.1x; GAD F41.1). The owner edits it in the administration pages.
DEFAULT_DIAGNOSES: tuple[tuple[str, str], ...] = (
    ("F32.1", "Major depressive disorder, single episode, moderate"),
    ("F32.2", "Major depressive disorder, single episode, severe without psychotic features"),
    ("F33.1", "Major depressive disorder, recurrent, moderate"),
    ("F33.2", "Major depressive disorder, recurrent, severe without psychotic features"),
    ("F33.9", "Major depressive disorder, recurrent, unspecified"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("F43.12", "Post-traumatic stress disorder, chronic"),
    ("F41.1", "Generalized anxiety disorder"),
    ("R45.851", "Suicidal ideations"),
)
