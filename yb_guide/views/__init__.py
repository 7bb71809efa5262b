"""Payloads: plain, presentation-neutral data for every screen, shared by all front ends.

A view only arranges what the library computed; it never prints, never decides a rule."""
