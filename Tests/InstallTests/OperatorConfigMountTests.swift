import Foundation
import Testing
import Yams

/// The files the operator's config names are really mounted: `--config` from the ConfigMap, the
/// receiver token and LLM keys from Secrets (kustomize and chart alike).
@Suite struct OperatorConfigMountTests {
    @Test(arguments: [InstallSource.kustomize, .chartFull])
    func everyConfiguredFileIsMountedFromTheRightSource(_ source: InstallSource) async throws {
        let manifests = try await source.manifests()
        let pod = try #require(try manifests.one("Deployment").at("spec", "template", "spec"))
        let container = try #require(pod.at("containers", 0))
        let mounts = (container["volumeMounts"]?.array() ?? []).compactMap { mount -> (String, String)? in
            guard let path = mount["mountPath"]?.string, let name = mount["name"]?.string else { return nil }
            return (path, name)
        }
        let volumes = pod["volumes"]?.array() ?? []
        func volume(mounting file: String) -> Node? {
            let directory = (file as NSString).deletingLastPathComponent
            guard let name = mounts.first(where: { $0.0 == directory })?.1 else { return nil }
            return volumes.first { $0["name"]?.string == name }
        }

        let configArgument = try #require(container["args"]?.strings.first { $0.hasPrefix("--config=") })
        let configFile = String(configArgument.dropFirst("--config=".count))
        let configMapName = try #require(volume(mounting: configFile)?.at("configMap", "name")?.string)
        let configText = try #require(try manifests.named("ConfigMap", configMapName)
            .at("data", (configFile as NSString).lastPathComponent)?.string)
        let config = try #require(try Yams.compose(yaml: configText))

        let tokenFile = try #require(config.at("receiver", "tokenFile")?.string)
        #expect(volume(mounting: tokenFile)?.at("secret", "secretName") != nil, "\(tokenFile) is not mounted from a Secret")
        for provider in config.at("llm", "providers")?.array() ?? [] {
            guard let keyFile = provider["apiKeyFile"]?.string else { continue }
            let secret = volume(mounting: keyFile)?.at("secret")
            #expect(secret?.at("secretName") != nil, "\(keyFile) is not mounted from a Secret")
            #expect(secret?.at("items", 0, "path")?.string == (keyFile as NSString).lastPathComponent)
        }
    }
}
