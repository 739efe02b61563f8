//! Links the examples (the benchmark peer among them) as position-dependent executables on x86-64
//! Linux with the GNU toolchain: a position-independent one makes the dynamic loader apply about
//! 64,000 relocations to a 30 MB binary at every start (writing, so copying, 1.5 MB of its pages),
//! which took 1.5-3 ms of each run of the peer. The library, its tests and benches, and the `govgap`
//! binary are linked as before.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && env == "gnu" && arch == "x86_64" {
        println!("cargo::rustc-link-arg-examples=-no-pie");
    }
}
