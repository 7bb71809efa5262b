"""Dates as people write them (``dates``) and China's working-day calendar with 调休 (``workdays``)."""
