import KubeTypes
import PropertyBased
import Testing
@testable import BallastDecision

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test(arguments: [
        ("password=hunter2 user=bob", "password=[REDACTED] user=bob"),
        ("DB_PASSWORD: s3cr3t!", "DB_PASSWORD: [REDACTED]"),
        (#"{"apiKey": "abc123def", "name": "web"}"#, #"{"apiKey": "[REDACTED]", "name": "web"}"#),
        ("Authorization: Bearer abcdef0123456789", "Authorization: Bearer [REDACTED]"),
        ("curl -H 'Authorization: Basic dXNlcjpwYXNz'", "curl -H 'Authorization: Basic [REDACTED]'"),
        ("key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED] used"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end", "jwt [REDACTED] end"),
        ("dsn postgres://app:pa55word@db.shop:5432/orders", "dsn postgres://app:[REDACTED]@db.shop:5432/orders"),
        ("github ghp_1234567890abcdefghijABCDEFGHIJ123456", "github [REDACTED]"),
        ("openai sk-proj-abcdefghijklmnopqrstuvwxyz", "openai [REDACTED]"),
        ("client_secret=xyz&grant_type=client_credentials", "client_secret=[REDACTED]&grant_type=client_credentials"),
    ])
    func redactsSecretShapes(input: String, expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test func redactsPrivateKeyBlocksEvenWhenCutOff() {
        let complete = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nafter"
        #expect(redactor.redact(complete) == "before\n[REDACTED PRIVATE KEY]\nafter")
        let cut = "log line\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B"
        #expect(redactor.redact(cut) == "log line\n[REDACTED PRIVATE KEY]")
    }

    @Test func leavesOrdinaryTextAlone() {
        let text = "OOMKilled 3 times in 20m at the 512Mi limit; replicas 3 -> 6; see https://runbooks.example.com/oom"
        #expect(redactor.redact(text) == text)
    }

    @Test func redactsContextEnvValuesAndSecretAnnotations() {
        var context = Fixtures.context(annotations: ["summary": "token=abcdef123456 leaked", "webhook_secret": "plain"])
        context.target.logs = ["app": "connecting with password=hunter2"]
        let safe = redactor.redact(context)
        #expect(safe.target.containers[0].env == ["DATABASE_PASSWORD": Redactor.marker, "LOG_LEVEL": Redactor.marker])
        #expect(safe.alert.annotations["summary"] == "token=[REDACTED] leaked")
        #expect(safe.alert.annotations["webhook_secret"] == Redactor.marker)
        #expect(safe.target.logs["app"] == "connecting with password=[REDACTED]")
        #expect(safe.alert.labels == context.alert.labels)
    }

    @Test func isIdempotentOnArbitraryText() async {
        await propertyCheck(input: Gen.character(in: " "..."~").string(of: 0...120)) { text in
            let once = redactor.redact(text)
            #expect(redactor.redact(once) == once)
        }
    }

    @Test func alwaysHidesAnySecretValue() async {
        await propertyCheck(input: Gen.letterOrNumber.string(of: 1...40)) { secret in
            #expect(redactor.redact("password=" + secret + " next") == "password=[REDACTED] next")
            #expect(redactor.redact(value: secret, forKey: "X-Api-Key") == Redactor.marker)
        }
    }
}
