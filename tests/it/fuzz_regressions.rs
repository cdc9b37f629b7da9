//! The fuzzers' findings, replayed on stable: every file under `fuzz/regressions/<target>/` goes through the same
//! check its fuzz target runs (`fuzz/checks.rs`), so a fixed finding stays fixed without nightly or cargo-fuzz.

use std::path::Path;

#[path = "../../fuzz/checks.rs"]
mod checks;

#[test]
fn every_recorded_fuzz_finding_is_handled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a regression file");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "fuzz/regressions/ holds the fuzzers' findings and seeds"
    );
}
