import Foundation
import Testing
import Yams

/// The operator's Deployment, from kustomize and from the chart, is hardened the same way and
/// agrees with the Dockerfile (user, ports, entrypoint).
@Suite struct DeploymentHardeningTests {
    static let sources: [InstallSource] = [.kustomize, .chartDefaults]

    @Test(arguments: sources)
    func runsNonRootWithReadOnlyRootAndNoCapabilities(_ source: InstallSource) async throws {
        let deployment = try await source.deployment()
        let pod = try #require(deployment.at("spec", "template", "spec"))
        #expect(pod.at("securityContext", "runAsNonRoot")?.bool == true)
        #expect(pod.at("securityContext", "runAsUser")?.int == Dockerfile.user)
        #expect(pod.at("securityContext", "seccompProfile", "type")?.string == "RuntimeDefault")
        let container = try #require(pod.at("containers", 0))
        #expect(container.at("securityContext", "readOnlyRootFilesystem")?.bool == true)
        #expect(container.at("securityContext", "allowPrivilegeEscalation")?.bool == false)
        #expect(container.at("securityContext", "capabilities", "drop")?.strings == ["ALL"])
        #expect(container.at("resources", "requests", "memory") != nil && container.at("resources", "limits", "memory") != nil)
        #expect(container.at("resources", "requests", "cpu") != nil && container.at("resources", "limits", "cpu") != nil)
    }

    @Test(arguments: sources)
    func probesHealthAndReadinessOnTheProbePort(_ source: InstallSource) async throws {
        let container = try #require(try await source.deployment().at("spec", "template", "spec", "containers", 0))
        #expect(container.at("livenessProbe", "httpGet", "path")?.string == "/healthz")
        #expect(container.at("readinessProbe", "httpGet", "path")?.string == "/readyz")
        #expect(container.at("livenessProbe", "httpGet", "port")?.string == "probes")
        let args = container["args"]?.strings ?? []
        let probePort = try #require(port(named: "probes", in: container))
        #expect(args.contains("--probe-addr=0.0.0.0:\(probePort)"))
    }

    @Test(arguments: sources)
    func portsAndCommandMatchTheDockerfile(_ source: InstallSource) async throws {
        let container = try #require(try await source.deployment().at("spec", "template", "spec", "containers", 0))
        let ports = Set((container["ports"]?.array() ?? []).compactMap { $0["containerPort"]?.int })
        #expect(ports == Dockerfile.exposedPorts)
        #expect(container["command"] == nil, "the image's ENTRYPOINT runs the operator")
        #expect(container["args"]?.strings.first == Dockerfile.command)
        let args = container["args"]?.strings ?? []
        for (flag, name) in [("--metrics-addr", "metrics"), ("--receiver-addr", "receiver")] {
            let number = try #require(port(named: name, in: container))
            #expect(args.contains("\(flag)=0.0.0.0:\(number)"))
        }
    }

    @Test func dockerfileIsMultiStageNonRootWithTheBallastEntrypoint() throws {
        let text = try Checkout.text("Dockerfile")
        #expect(text.contains("FROM swift:6.3-bookworm AS build"))
        #expect(text.contains("--static-swift-stdlib"))
        #expect(text.contains("FROM debian:bookworm-slim"))
        #expect(text.contains("ENTRYPOINT [\"/usr/local/bin/ballast\"]"))
        #expect(Dockerfile.user == 65532)
    }

    private func port(named name: String, in container: Node) -> Int? {
        container["ports"]?.array().first { $0["name"]?.string == name }?["containerPort"]?.int
    }
}

/// What the Dockerfile's runtime stage declares.
enum Dockerfile {
    static var lines: [Substring] { ((try? Checkout.text("Dockerfile")) ?? "").split(separator: "\n") }

    /// The numeric UID of `USER uid:gid`.
    static var user: Int? {
        lines.last { $0.hasPrefix("USER ") }.flatMap { Int($0.dropFirst(5).prefix { $0 != ":" }) }
    }

    /// The ports of `EXPOSE`.
    static var exposedPorts: Set<Int> {
        Set(lines.filter { $0.hasPrefix("EXPOSE ") }.flatMap { $0.dropFirst(7).split(separator: " ").compactMap { Int($0) } })
    }

    /// The single word of `CMD ["..."]`.
    static var command: String? {
        lines.last { $0.hasPrefix("CMD ") }.map { $0.dropFirst(4).filter { !"[]\"".contains($0) } }
    }
}
