//! Build-time switches. `ONAIR_SKIP_SERVERS=1` compiles the tests that need the local servers (DynamoDB Local,
//! s3s-fs) as ignored, so `cargo test` reports them as skipped instead of counting them as passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(onair_skip_servers)");
    println!("cargo::rerun-if-env-changed=ONAIR_SKIP_SERVERS");
    if std::env::var("ONAIR_SKIP_SERVERS").as_deref() == Ok("1") {
        println!("cargo::rustc-cfg=onair_skip_servers");
    }
}
