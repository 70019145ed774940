import ArgumentParser

/// Every benchmark suite, one subcommand each (add yours here, one line).
enum BenchmarkSuites {
    static let all: [any ParsableCommand.Type] = [
        CoreBenchmark.self,
        DecisionBenchmark.self,
        KubeClientBenchmark.self,
        PolicyBenchmark.self,
        RuntimeBenchmark.self,
        OperatorBenchmark.self,
        CodecBenchmark.self,
    ]
}
