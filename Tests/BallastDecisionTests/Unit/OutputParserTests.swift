import KubeTypes
import Testing
@testable import BallastDecision

@Suite struct OutputParserTests {
    @Test(arguments: [
        Fixtures.goodAnswer,
        "  \n" + Fixtures.goodAnswer + "\n",
        "```json\n" + Fixtures.goodAnswer + "\n```",
        "Here is my decision:\n```\n" + Fixtures.goodAnswer + "\n```\nLet me know.",
        "Based on the events, I recommend: " + Fixtures.goodAnswer + " This should fix it.",
    ])
    func extractsTheAnswerFromBareFencedAndProseText(text: String) throws {
        let answer = try ModelAnswer.parse(text)
        #expect(answer.action == "increase_resources")
        #expect(answer.parameters == ["container": "app", "memoryLimit": "768Mi"])
        #expect(answer.confidence == 0.86)
        #expect(answer.alternatives == [Decision.Alternative(action: "restart_deployment", confidence: 0.3)])
    }

    @Test(arguments: [
        ("", "no JSON object found in the answer"),
        ("I think you should restart it.", "no JSON object found in the answer"),
        (#"{"action":"a","confidence":0.5,"reasoning":"x"} {"action":"b","confidence":0.5,"reasoning":"y"}"#,
         "unexpected text after the JSON object at byte 47"),
        ("Either " + #"{"action":"a","confidence":0.5,"reasoning":"x"} or {"action":"b","confidence":0.5,"reasoning":"y"}"# + " works.",
         "answer contains 2 JSON objects; expected exactly one"),
        (#"{"action":"restart_deployment","action":"drain_node","confidence":0.9,"reasoning":""}"#,
         "invalid JSON: duplicate key \"action\" at byte 39"),
        (#"{"action":"restart_deployment","confidence":0.9,"reasoning":"x""#, "no JSON object found in the answer"),
        (#"{"action":"restart_deployment","confidence":0.9,"reasoning":"x"} and {"#+"}", "unexpected text after the JSON object at byte 64"),
        (#"{"action":"restart_deployment","confidence":"high","reasoning":"x"}"#, "field \"confidence\" must be a number between 0 and 1"),
        (#"{"action":"restart_deployment","confidence":0.9,"reasoning":"x","limits":{"maxReplicas":100}}"#,
         "unknown field \"limits\"; allowed fields are action, alternatives, confidence, parameters, reasoning, target"),
        (#"{"confidence":0.9,"reasoning":"x"}"#, "field \"action\" must be a non-empty string"),
        (#"{"action":"x","confidence":0.9,"reasoning":"x","parameters":[1]}"#, "field \"parameters\" must be an object"),
    ])
    func rejectsWithAPreciseMessage(text: String, message: String) {
        #expect(throws: OutputParseError(message)) { try ModelAnswer.parse(text) }
    }

    @Test func rejectsTwoCodeBlocks() {
        let text = "```json\n{\"a\":1}\n```\nor\n```json\n{\"b\":2}\n```"
        #expect(throws: OutputParseError("answer has 2 code blocks; expected exactly one JSON object")) {
            try OutputParser.extractObject(from: text)
        }
    }

    @Test func strictParserHandlesEscapesNumbersAndDepth() throws {
        let bytes = Array(#"{"s":"a\"b\\c\u00e9\ud83d\ude00\n","i":-12,"d":1.5e2,"b":true,"n":null,"a":[1,2]}"#.utf8)
        let parsed = try StrictJSONParser.parseValue(in: bytes, from: 0)
        #expect(parsed.value == ["s": "a\"b\\cé😀\n", "i": -12, "d": 150.0, "b": true, "n": nil, "a": [1, 2]])
        let deep = Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parseValue(in: deep, from: 0) }
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parseValue(in: Array("01".utf8), from: 0) }
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parseValue(in: Array("NaN".utf8), from: 0) }
    }

    @Test func rejectsOversizedAnswers() {
        let text = String(repeating: " ", count: OutputParser.maximumBytes + 1)
        #expect(throws: OutputParseError("answer is \(OutputParser.maximumBytes + 1) bytes; the limit is \(OutputParser.maximumBytes)")) {
            try OutputParser.extractObject(from: text)
        }
    }
}
