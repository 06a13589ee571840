"""Calibration of the Brent baseline to TARGETS.md, by a rerunnable fixed-point method."""
