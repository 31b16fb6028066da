"""Demo content for the public site: conditions, treatments, articles, questions, prices.
Plain, careful wording; a clinic replaces it with its own."""

from __future__ import annotations

from decimal import Decimal

CONDITIONS = (
    (
        "depression",
        "Depression",
        "Low mood, loss of interest and energy that last for weeks.",
        "Depression is more than sadness. When it lasts for weeks and affects sleep, appetite, "
        "energy and interest in life, it is an illness that can be treated.\n\n"
        "## How we help\n\nWe start with a free consultation and a full evaluation, then agree a "
        "plan with you and your own doctors.",
    ),
    (
        "treatment-resistant-depression",
        "Treatment-resistant depression",
        "When two or more antidepressants have not helped enough.",
        "About one in three people with depression do not get well with the first treatments. "
        "Ketamine and esketamine work differently from other antidepressants and can help some of "
        "them, often within days.\n\n## Is it for me?\n\nA prescriber reviews your history, "
        "medicines and health before recommending it.",
    ),
    (
        "anxiety",
        "Anxiety",
        "Worry that is hard to control and gets in the way of life.",
        "Anxiety disorders are common and treatable. Ketamine is not an approved treatment for "
        "anxiety, and we will tell you honestly what the evidence says.",
    ),
    (
        "ptsd",
        "PTSD",
        "Memories of a trauma that keep coming back, with fear and avoidance.",
        "Post-traumatic stress can follow any very frightening experience. Evidence for ketamine "
        "in PTSD is still growing; therapy remains the foundation of care.",
    ),
    (
        "suicidal-thoughts",
        "Suicidal thoughts",
        "If you are thinking of ending your life.",
        "**If you are in danger now, call or text 988, or call 911.**\n\n"
        "Suicidal thoughts are a sign of how much pain you are in, not of weakness. They can get "
        "better with care. Ketamine has been studied for rapid relief of suicidal thoughts; it "
        "never replaces emergency care.",
    ),
)

TREATMENTS = (
    (
        "iv-ketamine",
        "IV ketamine infusion",
        "About 40 minutes of infusion in a monitored chair, then time to recover.",
        "A nurse places a small drip and watches your blood pressure, heart rate and oxygen "
        "throughout. Most people come two or three times a week for two to three weeks, then for "
        "boosters.\n\n## Before and after\n\n- Do not eat for 6 hours before.\n- Bring someone to "
        "drive you home.\n- Do not drive until the next day.",
    ),
    (
        "esketamine-nasal-spray",
        "Esketamine nasal spray (Spravato)",
        "A nasal spray given at the clinic, with at least 2 hours of monitoring.",
        "Esketamine is approved by the FDA for treatment-resistant depression and for depression "
        "with suicidal thoughts, together with an oral antidepressant. It is given only in "
        "certified clinics under a safety programme (the REMS), and many insurers cover it.",
    ),
    (
        "intramuscular-ketamine",
        "Intramuscular ketamine",
        "An injection into a muscle, with monitoring.",
        "For some people an injection suits better than a drip. Monitoring is the same.",
    ),
    (
        "oral-ketamine",
        "Oral ketamine",
        "Prescribed by our clinicians for some patients.",
        "Oral or under-the-tongue ketamine is sometimes used between clinic treatments. It needs "
        "careful prescribing and follow-up.",
    ),
)

ARTICLES = (
    (
        "what-to-expect-at-your-first-infusion",
        "What to expect at your first infusion",
        "From arrival to the ride home, step by step.",
        "## Arriving\n\nWe check your blood pressure and ask how you have been.\n\n## During\n\n"
        "You rest in a reclining chair. Many people feel detached or dreamy; this passes.\n\n"
        "## After\n\nYou recover for about 30 minutes and go home with your driver.",
    ),
    (
        "how-ketamine-works",
        "How ketamine works in depression",
        "A different path from other antidepressants.",
        "Ketamine acts on glutamate, a messenger in the brain, rather than serotonin. Researchers "
        "think it helps brain connections regrow, which may explain why it can work quickly.",
    ),
)

FAQS = (
    (
        "Is ketamine treatment safe?",
        "Given in a clinic with monitoring, at the doses used for "
        "depression, serious problems are rare. We screen everyone first.",
    ),
    (
        "Does insurance cover it?",
        "Esketamine (Spravato) is often covered. IV ketamine usually is "
        "not; we give you a receipt (superbill) you can send to your insurer.",
    ),
    (
        "How many sessions will I need?",
        "Usually six over two to three weeks, then boosters depending on how you respond.",
    ),
    (
        "Can I drive home?",
        "No. Please bring someone to drive you, and do not drive until the next day.",
    ),
)

PRICES = (
    ("Free consultation", Decimal("0"), "15-minute call", "", ""),
    ("Psychiatric evaluation", Decimal("350"), "60 minutes", "", "Some insurers reimburse."),
    ("Single IV infusion", Decimal("495"), "per infusion", "", ""),
    ("Induction series", Decimal("2600"), "6 infusions", "Save $370 on single prices.", ""),
    ("Maintenance infusion", Decimal("450"), "per booster", "", ""),
    (
        "Esketamine (Spravato) session",
        Decimal("0"),
        "with insurance",
        "Your plan's copay applies.",
        "We check your benefits for you.",
    ),
)
