"""A time asked of an event ("In welchem Jahr wurde … eröffnet?") is answered only by a sentence on that event."""

from __future__ import annotations

from assistant.services.answering import kind_refusal
from assistant.services.question_types import asked_event, states_event


def test_the_event_is_the_participle_at_the_end():
    event = asked_event("In welchem Jahr wurde das Seniorencafé Henkhausen eröffnet?")
    assert event is not None and event.clause == "das Seniorencafé Henkhausen eröffnet wurde"
    assert states_event(event, "das 2021 eröffnete Nachbarschaftscafé") and states_event(event, "Seit der Eröffnung 2023")
    assert not states_event(event, "Das Seniorencafé Henkhausen wurde Ende 2022 geschlossen.")
    set_up = asked_event("Wann wurde das Sozialraumteam eingerichtet?")
    assert set_up is not None and states_event(set_up, "wurde vorgezogen eingerichtet") and states_event(set_up, "die Einrichtung")
    assert asked_event("Wann tagt die Stadtteilkonferenz?") is None
    # a relative clause after the main clause's participle: the event is still the participle's
    built = asked_event("In welchem Jahr wurde das Gemeindehaus gebaut, in dem die Begegnungsstätte untergebracht ist?")
    assert built is not None and built.clause == "das Gemeindehaus gebaut wurde"
    assert not states_event(built, "ein Gemeindehaus, das die AWO seit 1987 anmietet")


def test_the_refusal_names_the_event():
    question = "In welchem Jahr wurde das Seniorencafé Henkhausen eröffnet?"
    assert kind_refusal("event", [], question) == "Wann das Seniorencafé Henkhausen eröffnet wurde, steht nicht in den Dokumenten."
