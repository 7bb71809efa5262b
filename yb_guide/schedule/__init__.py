"""Time rules over the knowledge: deadline plans and schedules, the batch calculator, calendar (.ics)
files and the service hall's opening days."""
