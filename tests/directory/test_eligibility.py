"""Each need answered from the record as the seed words it, or named as unrecorded; never a verdict."""

from __future__ import annotations

from directory.eligibility import need_lines, needs_notes


def test_they_matter_criteria_from_the_record(shared_directory):
    they_matter = shared_directory.record("they-matter-cumbria")
    lines = " ".join(need_lines(they_matter, {"age": 17, "women": True, "literacy": True, "substance": True,
                                              "denial": True, "evening": True}))
    assert "aged 18 and over, so not for someone aged 17" in lines
    assert "for men only" in lines
    assert "learning or literacy difficulties" in lines
    assert "substance use without addiction support" in lines
    assert "complete denial" in lines
    assert "evening sessions" in lines
    assert "eligible" not in lines


def test_a_silent_record_says_so(shared_directory):
    dads = shared_directory.record("your-choice-dads-programme")
    lines = " ".join(need_lines(dads, {"substance": True, "evening": True}))
    assert "doesn't record whether Your Choice Dads' Programme takes people using drugs or alcohol" in lines
    assert "doesn't record when" in lines and "ask the provider" in lines


def test_your_choice_works_with_women(shared_directory):
    your_choice = shared_directory.record("your-choice-project")
    assert need_lines(your_choice, {"women": True}) == ["Your Choice Project perpetrator programme works with women "
                                                        "as well as men."]


def test_the_one_to_one_note_follows_language_and_group_needs(shared_directory):
    they_matter = shared_directory.record("they-matter-cumbria")
    notes = needs_notes([they_matter], {"interpreter": True})
    assert "English not sufficient" in notes[0] and "one-to-one" in notes[-1]


def test_mental_health_is_no_listed_exclusion_and_the_form_asks(shared_directory):
    they_matter = shared_directory.record("they-matter-cumbria")
    line = " ".join(need_lines(they_matter, {"mental_health": True}))
    assert "The directory doesn't record mental health among the things" in line and "referral form asks" in line
    assert "provider's assessment" in line and "eligible" not in line


def test_a_separated_couple_is_answered_from_the_partner_work(shared_directory):
    they_matter = shared_directory.record("they-matter-cumbria")
    assert "partners and ex-partners" in " ".join(need_lines(they_matter, {"separated": True}))
    dapp = shared_directory.record("dapp-groupwork")
    assert "doesn't record whether" in " ".join(need_lines(dapp, {"separated": True}))


def test_literacy_keeps_the_learning_support_the_leaflet_offers(shared_directory):
    they_matter = shared_directory.record("they-matter-cumbria")
    line = " ".join(need_lines(they_matter, {"literacy": True}))
    assert "learning support" in line and "confidence" in line and "audio" in line


def test_waiting_times_are_not_held_so_the_provider_is_named_with_its_contact(shared_directory):
    from directory.answers import answer

    text = answer("waiting", shared_directory.record("they-matter-cumbria"))
    assert "doesn't record waiting times" in text and "07919 393311" in text


def test_where_a_service_is_based_is_its_recorded_areas(shared_directory):
    from directory.answers import answer

    text = answer("areas", shared_directory.record("they-matter-cumbria"))
    assert "Allerdale" in text and "Copeland" in text and "South and West of Cumbria" in text


def test_what_happens_after_a_referral_includes_the_assessment(shared_directory):
    from directory.answers import answer

    assert "needs and risk assessment" in answer("referral", shared_directory.record("they-matter-cumbria"))


def test_a_conviction_asked_about_a_programme_taking_self_referrals(shared_directory):
    dapp = shared_directory.record("dapp-groupwork")
    line = " ".join(need_lines(dapp, {"conviction": True}))
    assert "self-referrals" in line and "community" in line


def test_refusing_to_sign_is_answered_with_the_information_sharing_exclusion(shared_directory):
    line = " ".join(need_lines(shared_directory.record("they-matter-cumbria"), {"sign": True}))
    assert "information sharing agreement" in line


def test_online_sessions_are_not_recorded_so_the_provider_is_asked(shared_directory):
    line = " ".join(need_lines(shared_directory.record("your-choice-project"), {"online": True}))
    assert "doesn't record whether" in line and "online" in line


def test_the_modules_are_counted_and_the_one_to_one_sessions_placed(shared_directory):
    from directory.answers import answer

    they_matter = shared_directory.record("they-matter-cumbria")
    assert "Modules (3)" in answer("duration", they_matter)
    assert "a 1:1 before each" in " ".join(need_lines(they_matter, {"one_to_one": True}))


def test_a_programme_for_men_only_names_where_to_ask_about_work_with_a_woman(shared_directory):
    line = " ".join(need_lines(shared_directory.record("they-matter-cumbria"), {"women": True}))
    assert "male perpetrators" in line and "0808 802 4040" in line


def test_a_silent_record_points_to_the_provider_and_the_phoneline(shared_directory):
    """conversations_round26: 'Does Your Choice exclude serious mental health problems?' needs a next step."""
    from directory.eligibility import need_lines

    record = shared_directory.record("your-choice-project")
    line = " ".join(need_lines(record, {"mental_health": True}))
    assert "provider" in line and "0808 802 4040" in line


def test_an_older_man_is_told_the_record_holds_no_upper_age_limit(shared_directory):  # conversations_round28
    text = " ".join(need_lines(shared_directory.record("they-matter-cumbria"), {"age": 71}))
    assert "no upper age limit" in text and "Respect Phoneline" in text


def test_denial_is_answered_with_what_he_must_accept(shared_directory):  # conversations_round27
    text = " ".join(need_lines(shared_directory.record("they-matter-cumbria"), {"denial": True}))
    assert "complete denial" in text and "at least some responsibility" in text
