"""Benchmarks (`make bench`). Each module measures one target from the issues and prints its
figures; docs/benchmarks.md records them with the machine and the date."""
