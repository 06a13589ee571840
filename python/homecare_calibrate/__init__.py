"""Calibration of a borough's baseline to its pack's targets (targets.yaml, read through
`homecare describe --pack P --json`), by a rerunnable fixed-point method."""
