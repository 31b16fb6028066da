"""The questionnaires as data: items, answer options, scoring rule, severity bands, LOINC codes
and licence notes. Scoring lives in clinic.questionnaires.scoring.

Sources: PHQ-9 and GAD-7, Kroenke & Spitzer (Pfizer; "no permission required to reproduce,
translate, display or distribute"); PCL-5, Weathers et al. 2013, US Department of Veterans
Affairs National Center for PTSD (a US Government work, not copyrighted). Bands and codes as
recorded in ../shared/reference/clinical.md §3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Rule(StrEnum):
    SUM = "sum"


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    loinc: str = ""


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    loinc: str = ""
    scored: bool = True
    options: tuple[Option, ...] | None = None  # None: the instrument's options


@dataclass(frozen=True)
class Band:
    """A severity band: totals from `low` to `high` inclusive."""

    low: int
    high: int
    label: str
    meaning: str


@dataclass(frozen=True)
class Instrument:
    code: str  # used in URLs: phq-9, gad-7, pcl-5
    name: str
    title: str
    stem: str
    recall: str
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    loinc_panel: str
    loinc_total: str
    licence: str
    rule: Rule = Rule.SUM
    safety_items: tuple[int, ...] = ()  # items whose answer above 0 opens the crisis path
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    @property
    def max_total(self) -> int:
        return sum(max(o.value for o in (i.options or self.options)) for i in self.scored_items)

    def options_for(self, item: Item) -> tuple[Option, ...]:
        return item.options or self.options


FREQUENCY = (
    Option(0, "Not at all", "LA6568-5"),
    Option(1, "Several days", "LA6569-3"),
    Option(2, "More than half the days", "LA6570-1"),
    Option(3, "Nearly every day", "LA6571-9"),
)

DIFFICULTY = (
    Option(0, "Not difficult at all"),
    Option(1, "Somewhat difficult"),
    Option(2, "Very difficult"),
    Option(3, "Extremely difficult"),
)

DIFFICULTY_TEXT = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)

PHQ9 = Instrument(
    code="phq-9",
    name="PHQ-9",
    title="Depression (PHQ-9)",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    recall="the last 2 weeks",
    options=FREQUENCY,
    items=(
        Item(1, "Little interest or pleasure in doing things", "44250-9"),
        Item(2, "Feeling down, depressed, or hopeless", "44255-8"),
        Item(3, "Trouble falling or staying asleep, or sleeping too much", "44259-0"),
        Item(4, "Feeling tired or having little energy", "44254-1"),
        Item(5, "Poor appetite or overeating", "44251-7"),
        Item(
            6,
            "Feeling bad about yourself, or that you are a failure or have let yourself or "
            "your family down",
            "44258-2",
        ),
        Item(
            7,
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "44252-5",
        ),
        Item(
            8,
            "Moving or speaking so slowly that other people could have noticed, or the "
            "opposite: being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            "44253-3",
        ),
        Item(
            9,
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
            "44260-8",
        ),
        Item(10, DIFFICULTY_TEXT, "69722-7", scored=False, options=DIFFICULTY),
    ),
    bands=(
        Band(0, 4, "Minimal", "Few or no signs of depression."),
        Band(
            5,
            9,
            "Mild",
            "Some signs of depression. Worth keeping an eye on, and talking "
            "to your doctor if it goes on.",
        ),
        Band(
            10,
            14,
            "Moderate",
            "Signs of depression that often benefit from treatment. "
            "A conversation with a clinician is a good next step.",
        ),
        Band(
            15,
            19,
            "Moderately severe",
            "Strong signs of depression. Treatment is usually "
            "recommended; please talk to a clinician soon.",
        ),
        Band(
            20,
            27,
            "Severe",
            "Very strong signs of depression. Please talk to a clinician as soon as you can.",
        ),
    ),
    loinc_panel="44249-1",
    loinc_total="44261-6",
    licence="PHQ-9 © Pfizer Inc. No permission required to reproduce, translate, display or "
    "distribute.",
    safety_items=(9,),
)

GAD7 = Instrument(
    code="gad-7",
    name="GAD-7",
    title="Anxiety (GAD-7)",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    recall="the last 2 weeks",
    options=FREQUENCY,
    items=(
        Item(1, "Feeling nervous, anxious, or on edge", "69725-0"),
        Item(2, "Not being able to stop or control worrying", "68509-9"),
        Item(3, "Worrying too much about different things", "69733-4"),
        Item(4, "Trouble relaxing", "69734-2"),
        Item(5, "Being so restless that it is hard to sit still", "69735-9"),
        Item(6, "Becoming easily annoyed or irritable", "69689-8"),
        Item(7, "Feeling afraid, as if something awful might happen", "69736-7"),
        Item(8, DIFFICULTY_TEXT, "69722-7", scored=False, options=DIFFICULTY),
    ),
    bands=(
        Band(0, 4, "Minimal", "Few or no signs of anxiety."),
        Band(5, 9, "Mild", "Some signs of anxiety. Worth keeping an eye on."),
        Band(
            10,
            14,
            "Moderate",
            "Signs of anxiety that often benefit from treatment. "
            "A conversation with a clinician is a good next step.",
        ),
        Band(15, 21, "Severe", "Strong signs of anxiety. Please talk to a clinician soon."),
    ),
    loinc_panel="69737-5",
    loinc_total="70274-6",
    licence="GAD-7 © Pfizer Inc. No permission required to reproduce, translate, display or "
    "distribute.",
)

BOTHER = (
    Option(0, "Not at all"),
    Option(1, "A little bit"),
    Option(2, "Moderately"),
    Option(3, "Quite a bit"),
    Option(4, "Extremely"),
)

_PCL5_ITEMS = (
    "Repeated, disturbing, and unwanted memories of the stressful experience",
    "Repeated, disturbing dreams of the stressful experience",
    "Suddenly feeling or acting as if the stressful experience were actually happening again "
    "(as if you were actually back there reliving it)",
    "Feeling very upset when something reminded you of the stressful experience",
    "Having strong physical reactions when something reminded you of the stressful experience "
    "(for example, heart pounding, trouble breathing, sweating)",
    "Avoiding memories, thoughts, or feelings related to the stressful experience",
    "Avoiding external reminders of the stressful experience (for example, people, places, "
    "conversations, activities, objects, or situations)",
    "Trouble remembering important parts of the stressful experience",
    "Having strong negative beliefs about yourself, other people, or the world (for example, "
    "having thoughts such as: I am bad, there is something seriously wrong with me, no one "
    "can be trusted, the world is completely dangerous)",
    "Blaming yourself or someone else for the stressful experience or what happened after it",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame",
    "Loss of interest in activities that you used to enjoy",
    "Feeling distant or cut off from other people",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
    "have loving feelings for people close to you)",
    "Irritable behavior, angry outbursts, or acting aggressively",
    "Taking too many risks or doing things that could cause you harm",
    "Being \u201csuperalert\u201d or watchful or on guard",
    "Feeling jumpy or easily startled",
    "Having difficulty concentrating",
    "Trouble falling or staying asleep",
)

# DSM-5 symptom clusters of the PCL-5 items (B intrusion, C avoidance, D negative alterations
# in cognition and mood, E arousal and reactivity), and how many of each must be endorsed.
PCL5_CLUSTERS: dict[str, tuple[tuple[int, ...], int]] = {
    "B": ((1, 2, 3, 4, 5), 1),
    "C": ((6, 7), 1),
    "D": ((8, 9, 10, 11, 12, 13, 14), 2),
    "E": ((15, 16, 17, 18, 19, 20), 2),
}
PCL5_ENDORSED_AT = 2  # an item answered "Moderately" or above counts as a symptom

PCL5 = Instrument(
    code="pcl-5",
    name="PCL-5",
    title="Post-traumatic stress (PCL-5)",
    stem="Below is a list of problems that people sometimes have in response to a very "
    "stressful experience. In the past month, how much were you bothered by:",
    recall="the past month",
    options=BOTHER,
    items=tuple(Item(n, text) for n, text in enumerate(_PCL5_ITEMS, start=1)),
    # PCL-5 has no empirical severity bands; results are read against a provisional cut-point
    # (a clinic setting, default 33), built in clinic.questionnaires.scoring.
    bands=(),
    loinc_panel="",  # not verified against LOINC: left blank rather than guessed
    loinc_total="",
    licence="PCL-5 (Weathers, Litz, Keane, Palmieri, Marx & Schnurr, 2013), National Center "
    "for PTSD. A US Government work, not copyrighted.",
)

INSTRUMENTS: dict[str, Instrument] = {i.code: i for i in (PHQ9, GAD7, PCL5)}
