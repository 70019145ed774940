import ArgumentParser

/// `ballast-bench`: benchmarks that print figures (and ratios against a reference run in the
/// same process or script). Each suite is a subcommand in its own file.
@main
struct BallastBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballast-bench",
        abstract: "Ballast benchmarks; run with -c release and paste the figures into the README.",
        subcommands: BenchmarkSuites.all)
}
