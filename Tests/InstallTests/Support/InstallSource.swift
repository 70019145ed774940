import Testing
import Yams

/// Where the operator's Deployment comes from: kustomize (config/manager) or the rendered chart.
enum InstallSource: String, CaseIterable, CustomTestStringConvertible {
    case kustomize = "config/manager"
    case chartDefaults = "charts/ballast (default values)"
    case chartFull = "charts/ballast (full values)"

    var testDescription: String { rawValue }

    /// Every object of config/manager, or of the rendered chart.
    func manifests() async throws -> Manifests {
        switch self {
        case .kustomize:
            let files = try Checkout.fileNames(in: "config/manager", suffix: ".yaml").filter { $0 != "kustomization.yaml" }
            return try Manifests(try files.map { try Checkout.text("config/manager/\($0)") }.joined(separator: "\n---\n"))
        case .chartDefaults: return try await ChartRenderer.manifests().0
        case .chartFull: return try await ChartRenderer.manifests(values: try ChartRenderer.fullValues).0
        }
    }

    /// The operator's Deployment.
    func deployment() async throws -> Node { try await manifests().one("Deployment") }
}
