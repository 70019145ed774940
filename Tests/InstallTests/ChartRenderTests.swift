import BallastCore
import BallastOperator
import Testing
import Yams

/// What the chart renders with its default values and with every option on.
@Suite struct ChartRenderTests {
    @Test func defaultsRenderTheCoreObjectsOnly() async throws {
        let (manifests, _) = try await ChartRenderer.manifests()
        #expect(Set(manifests.identities) == [
            "ServiceAccount/ballast", "ClusterRole/ballast-manager", "ClusterRoleBinding/ballast-manager",
            "Role/ballast-leader-election", "RoleBinding/ballast-leader-election", "ConfigMap/ballast-config",
            "ConfigMap/ballast-dashboard", "Deployment/ballast", "Service/ballast", "SafetyPolicy/default",
        ])
    }

    @Test(arguments: [false, true])
    func clusterRoleHasTheGeneratedRules(fullValues: Bool) async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: fullValues ? try ChartRenderer.fullValues : nil)
        #expect(try rules(of: try manifests.one("ClusterRole")) == OperatorRBAC.clusterRules)
        let binding = try manifests.one("ClusterRoleBinding")
        let account = try manifests.one("ServiceAccount")
        #expect(binding.at("subjects", 0, "name")?.string == account.at("metadata", "name")?.string)
    }

    @Test func fullValuesRenderEveryOption() async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: try ChartRenderer.fullValues)
        for kind in ["ServiceMonitor", "PrometheusRule", "NetworkPolicy"] {
            #expect(manifests.all(kind).count == 1, "\(kind) missing")
        }
        let pod = try #require(try manifests.one("Deployment").at("spec", "template", "spec"))
        let container = try #require(pod.at("containers", 0))
        let args = container["args"]?.strings ?? []
        #expect(args.contains("--namespace=shop") && args.contains("--namespace=payments"))
        #expect(container["image"]?.string == "registry.example.com/ballast:0.1.0-test")
        #expect(try manifests.one("Deployment").at("spec", "replicas")?.int == 2)
        let volumes = pod["volumes"]?.array() ?? []
        #expect(volumes.contains { $0.at("secret", "secretName")?.string == "ballast-llm" })
        #expect(volumes.contains { $0.at("secret", "secretName")?.string == "alertmanager-token" })
        #expect(pod.at("priorityClassName")?.string == "system-cluster-critical")
    }

    @Test func operatorConfigNamesKeyFilesNotKeys() async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: try ChartRenderer.fullValues)
        #expect(manifests.all("Secret").isEmpty, "the chart never creates Secrets")
        let configText = try #require(try manifests.named("ConfigMap", "ballast-config").at("data", "config.yaml")?.string)
        let config = try #require(try Yams.compose(yaml: configText))
        #expect(config.at("llm", "providers", 0, "apiKeyFile")?.string == "/etc/ballast/llm/primary/openai-key")
        #expect(config.at("receiver", "tokenFile")?.string == "/etc/ballast/receiver/bearer")
        #expect(config["namespaces"]?.strings == ["shop", "payments"])
        let mounts = try #require(try manifests.one("Deployment").at("spec", "template", "spec", "containers", 0, "volumeMounts"))
        #expect(mounts.array().contains { $0["mountPath"]?.string == "/etc/ballast/llm/primary" })
    }

    @Test func safetyPolicyExcludesTheReleaseNamespace() async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: try ChartRenderer.fullValues, namespace: "ops")
        let policy = try manifests.one("SafetyPolicy")
        #expect(policy.at("spec", "excludedNamespaces")?.strings == ["kube-system", "ops"])
        #expect(policy.at("spec", "mode")?.string == "DryRun")
    }

    @Test func prometheusRuleCoversOperatorHealth() async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: try ChartRenderer.fullValues)
        let rules = try manifests.one("PrometheusRule").at("spec", "groups", 0, "rules")?.array() ?? []
        #expect(rules.compactMap { $0["alert"]?.string } == [
            "BallastCircuitBreakerOpen", "BallastEmergencyStopActive", "BallastLLMFailures", "BallastAlertTimelineLost",
            "BallastQueueBacklog",
        ])
        #expect(rules.last?["expr"]?.string?.hasSuffix("> 50") == true)
        #expect(rules.first?.at("annotations", "summary")?.string?.contains("{{ $labels.breaker }}") == true)
    }

    @Test func leaderElectionOffDropsTheLeaseRole() async throws {
        let (manifests, _) = try await ChartRenderer.manifests(values: "leaderElection: {enabled: false}\n")
        #expect(manifests.all("Role").isEmpty && manifests.all("RoleBinding").isEmpty)
        let args = try manifests.one("Deployment").at("spec", "template", "spec", "containers", 0, "args")?.strings ?? []
        #expect(args.contains("--leader-elect=false"))
    }
}
