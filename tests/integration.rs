//! Integration tests: run the built `modelgate` binary on the fixtures.
