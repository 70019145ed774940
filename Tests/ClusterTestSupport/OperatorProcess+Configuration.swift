import Foundation

extension OperatorProcess {
    /// One LLM provider in the operator's configuration file (`llm.providers[]`).
    public struct LLMProvider: Sendable, Hashable {
        /// The provider's name in logs and `status.decision.model` context.
        public var name: String
        /// `openai`, `ollama` or `anthropic`.
        public var kind: String
        /// Where it listens, e.g. a ``ScriptedLLMServer``'s `baseURL` or a closed port.
        public var baseURL: String
        /// The model name sent with every call.
        public var model: String

        /// Creates a provider entry.
        public init(name: String, kind: String, baseURL: String, model: String) {
            self.name = name
            self.kind = kind
            self.baseURL = baseURL
            self.model = model
        }
    }

    /// What one operator process is started with: flags, configuration file and environment.
    ///
    /// Ports are not part of it: the harness picks free loopback ports once per
    /// ``OperatorProcess`` and keeps them across restarts (Alertmanager keeps its webhook URL).
    public struct Configuration: Sendable {
        /// The kubeconfig the operator talks to the API server with.
        public var kubeconfig: String
        /// `--namespace` values: the namespaces it acts in (empty: all).
        public var namespaces: [String]
        /// `BALLAST_POD_NAMESPACE`: the operator's own namespace.
        public var operatorNamespace: String
        /// `llm.providers`; empty: the built-in rules decide.
        public var llmProviders: [LLMProvider]
        /// `remediation.*` keys and their values as written in YAML (e.g. `verificationWindow: 2s`).
        public var remediation: [String: String]
        /// The bearer token the receiver accepts (written to `receiver.tokenFile`).
        public var receiverToken: String
        /// Extra environment for the process (e.g. `BALLAST_FAULT_POINT`).
        public var environment: [String: String]

        /// A configuration acting in `namespace` only, which is also the operator's namespace;
        /// rules decide. Verification windows are 6 s (polled every second): short, so flows
        /// finish quickly, yet long enough on a loaded machine for the controllers to count the
        /// pods of a scaled Deployment ready (a request without an alert completes only if its
        /// target is healthy when the window ends).
        public init(
            kubeconfig: String, namespace: String, llmProviders: [LLMProvider] = [],
            remediation: [String: String] = ["verificationWindow": "6s", "verificationPoll": "1s"], environment: [String: String] = [:]
        ) {
            self.kubeconfig = kubeconfig
            self.namespaces = [namespace]
            self.operatorNamespace = namespace
            self.llmProviders = llmProviders
            self.remediation = remediation
            self.receiverToken = UUID().uuidString
            self.environment = environment
        }

        /// The configuration file's YAML: `receiver.tokenFile`, `llm.providers` and `remediation`.
        /// Keys are emitted sorted so the file is stable; values are double-quoted YAML strings.
        public func yaml(tokenFile: String) -> String {
            var lines = ["receiver:", "  tokenFile: \(Self.quoted(tokenFile))"]
            if !llmProviders.isEmpty {
                lines += ["llm:", "  providers:"]
                for provider in llmProviders {
                    lines += [
                        "  - name: \(Self.quoted(provider.name))",
                        "    kind: \(Self.quoted(provider.kind))",
                        "    baseURL: \(Self.quoted(provider.baseURL))",
                        "    model: \(Self.quoted(provider.model))",
                    ]
                }
            }
            if !remediation.isEmpty {
                lines.append("remediation:")
                lines += remediation.sorted { $0.key < $1.key }.map { "  \($0.key): \(Self.quoted($0.value))" }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// The `ballast run` arguments for this configuration on `ports` with `configFile`.
        func arguments(ports: Ports, configFile: String) -> [String] {
            var arguments = ["run", "--kubeconfig", kubeconfig]
            for namespace in namespaces { arguments += ["--namespace", namespace] }
            arguments += [
                "--config", configFile,
                "--metrics-addr", "127.0.0.1:\(ports.metrics)",
                "--probe-addr", "127.0.0.1:\(ports.probe)",
                "--receiver-addr", "127.0.0.1:\(ports.receiver)",
                "--leader-elect=false",
                "--log-format", "json",
            ]
            return arguments
        }

        /// `text` as a double-quoted YAML scalar (backslashes and quotes escaped).
        static func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    /// The three loopback ports of one operator.
    public struct Ports: Sendable, Hashable {
        /// `--metrics-addr` (`/metrics`).
        public var metrics: Int
        /// `--probe-addr` (`/healthz`, `/readyz`).
        public var probe: Int
        /// `--receiver-addr` (`POST /api/v1/alerts`).
        public var receiver: Int
    }
}
