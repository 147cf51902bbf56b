"""The formats other programs speak, one module each, in and out.

In: ``finaldraft`` (Final Draft ``.fdx`` screenplays, with their breakdown tags) and ``uss``
(Universal Schedule Standard breakdowns and schedules). Out: ``uss`` (the plan's breakdown
and stripboard, ``schedule.uss``), ``ccsds_oem`` (the station's ephemeris as a CCSDS Orbit
Ephemeris Message, ``ephemeris.oem``), ``pdf`` (call sheets and the one-liner as PDF).

The formats orbitfilm has always read and written live beside the data they carry: Fountain
screenplays in ``production.fountain``, element sets (TLE, OMM) in ``orbit.elements``, the
HTML, CSV, JSON and iCalendar reports in ``report``.
"""
