import PropertyBased
import Testing
@testable import BallastOperator

@Suite struct KeySuggestionTests {
    @Test(arguments: [
        ("modle", "model"), ("baseUrl", "baseURL"), ("apikeyfile", "apiKeyFile"), ("tokenfile", "tokenFile"),
        ("timout", "timeout"), ("nam", "name"),
    ])
    func typosFindTheirKey(typo: String, expected: String) {
        #expect(KeySuggestion.closest(to: typo, among: ProviderSection.keys + ["tokenFile"]) == expected)
    }

    @Test(arguments: ["spec", "apiVersion", "x", "providersList", "ttl"])
    func unrelatedKeysGetNoSuggestion(key: String) {
        #expect(KeySuggestion.closest(to: key, among: ProviderSection.keys) == nil)
    }

    @Test func editDistanceIsAMetric() async {
        let word = Gen.lowercaseLetter.string(of: 0...8)
        await propertyCheck(input: word, word, word) { a, b, c in
            #expect(KeySuggestion.editDistance(a, a) == 0)
            #expect(KeySuggestion.editDistance(a, b) == KeySuggestion.editDistance(b, a))
            #expect((KeySuggestion.editDistance(a, b) == 0) == (a == b))
            #expect(KeySuggestion.editDistance(a, c) <= KeySuggestion.editDistance(a, b) + KeySuggestion.editDistance(b, c))
            #expect(KeySuggestion.editDistance(a, b) <= max(a.count, b.count))
        }
    }

    /// Whatever unknown key a file has, resolution fails naming exactly that key.
    @Test func everyUnknownTopLevelKeyIsNamed() async {
        await propertyCheck(input: Gen.lowercaseLetter.string(of: 1...12)) { key in
            guard !ConfigurationFile.topLevelKeys.contains(key) else { return }
            let message = ConfigurationFixture.error(ConfigurationFixture.file("\(key): 1"))
            #expect(message.hasPrefix("config file \(ConfigurationFixture.configPath): \(key): unknown key"))
        }
    }
}
