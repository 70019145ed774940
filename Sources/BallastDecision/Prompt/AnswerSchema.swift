import KubeTypes

/// The JSON Schema an answer must follow, narrowed to this request's allowed actions.
public enum AnswerSchema {
    /// The schema for `context`: `action` is an enum of the allowed actions.
    public static func schema(for context: DecisionContext) -> JSONValue {
        let allowed = JSONValue.array(context.allowedActions.map { .string($0.name) })
        return [
            "type": "object",
            "additionalProperties": false,
            "required": ["action", "parameters", "confidence", "reasoning"],
            "properties": [
                "action": ["type": "string", "enum": allowed],
                "parameters": ["type": "object"],
                "confidence": ["type": "number", "minimum": 0, "maximum": 1],
                "reasoning": ["type": "string"],
                "alternatives": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "required": ["action", "confidence"],
                        "properties": [
                            "action": ["type": "string", "enum": allowed],
                            "confidence": ["type": "number", "minimum": 0, "maximum": 1],
                        ],
                    ],
                ],
            ],
        ]
    }
}
