"""Dash layouts of the kernenkaart: components from plain values, no I/O."""
