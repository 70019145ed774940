import BallastAPI
import KubeTypes

/// A parameter value checked against its ``ParameterType``, in a comparable form.
enum CheckedValue: Sendable, Hashable {
    case number(Double)
    case quantity(Quantity)
    case text(String)

    /// Whether `self` is strictly greater than `other` (numbers with numbers, quantities with
    /// quantities); values of different forms never compare.
    func exceeds(_ other: CheckedValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a > b
        case (.quantity(let a), .quantity(let b)): return a > b
        default: return false
        }
    }

    /// The number, when this is one.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

extension ParameterType {
    /// `value` in checked form, or `nil` when it does not have this type or is out of range.
    /// Nothing is ever clamped or coerced beyond exact integer/number widening.
    func check(_ value: JSONValue) -> CheckedValue? {
        switch self {
        case .integer(let range):
            guard case .int(let number) = value, range.contains(number) else { return nil }
            return .number(Double(number))
        case .number(let range):
            guard let number = value.doubleValue, number.isFinite, range.contains(number) else { return nil }
            return .number(number)
        case .string(let maxLength):
            guard let text = value.stringValue, !text.isEmpty, text.count <= maxLength else { return nil }
            return .text(text)
        case .oneOf(let allowed):
            guard let text = value.stringValue, allowed.contains(text) else { return nil }
            return .text(text)
        case .quantity:
            guard let text = value.stringValue, let quantity = try? Quantity(parsing: text),
                quantity.milliValue > 0
            else { return nil }
            return .quantity(quantity)
        case .boolean:
            guard case .bool(let flag) = value else { return nil }
            return .text(String(flag))
        }
    }
}

extension JSONValue {
    /// Compact text for error messages (`3`, `"512Mi"`, `true`).
    var errorText: String { canonicalString() }
}
