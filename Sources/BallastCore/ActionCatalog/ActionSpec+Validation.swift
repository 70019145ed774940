import BallastAPI
import KubeTypes

extension ActionSpec {
    /// Validates `parameters` against this action's schema and a policy's `limits`.
    ///
    /// - Parameters:
    ///   - parameters: the decided or requested parameters.
    ///   - limits: the policy's `spec.actions[].limits` for this action (already merged across
    ///     policies, see ``ActionLimits``); empty for none.
    ///   - observed: current values read from the target (`replicas`, `maxReplicas`), needed by
    ///     `maxStep` limits.
    /// - Returns: every problem found, in a stable order; empty when the action may run as given.
    ///   Out-of-range values are reported, never clamped.
    public func validate(
        parameters: [String: JSONValue], limits: [String: JSONValue] = [:], observed: [String: JSONValue] = [:]
    ) -> [ParameterError] {
        var errors: [ParameterError] = []
        var checked: [String: CheckedValue] = [:]
        for key in parameters.keys.sorted() where !self.parameters.contains(where: { $0.name == key }) {
            errors.append(.unknownParameter(action: name, parameter: key))
        }
        for spec in self.parameters {
            guard let value = parameters[spec.name] else {
                if spec.required { errors.append(.missingParameter(action: name, parameter: spec.name)) }
                continue
            }
            guard let valid = spec.type.check(value) else {
                errors.append(.invalidValue(
                    action: name, parameter: spec.name, value: value.errorText, expected: spec.type.description))
                continue
            }
            checked[spec.name] = valid
        }
        errors += crossFieldErrors(present: Set(parameters.keys), checked: checked)
        errors += limitErrors(checked: checked, limits: limits, observed: observed)
        return errors
    }

    /// Problems with a policy's limits for this action: unknown limit names and values of the
    /// wrong type. Empty when valid.
    public func validateLimits(_ limits: [String: JSONValue]) -> [ParameterError] {
        limits.keys.sorted().compactMap { key in
            guard let limit = self.limits.first(where: { $0.name == key }) else {
                let known = self.limits.map(\.name)
                return .invalidLimit(
                    action: name, limit: key,
                    message: known.isEmpty ? "is not defined (this action has no limits)"
                        : "is not defined; use one of \(known.joined(separator: ", "))")
            }
            guard let value = limits[key], limit.type.check(value) != nil else {
                return .invalidLimit(
                    action: name, limit: key,
                    message: "is \(limits[key]?.errorText ?? "null"); expected \(limit.type.description)")
            }
            return nil
        }
    }

    private func limitErrors(
        checked: [String: CheckedValue], limits: [String: JSONValue], observed: [String: JSONValue]
    ) -> [ParameterError] {
        var errors = validateLimits(limits)
        for limit in self.limits {
            guard let raw = limits[limit.name], let bound = limit.type.check(raw) else { continue }
            switch limit.kind {
            case .maximum(let parameters):
                for parameter in parameters {
                    guard let value = checked[parameter], value.exceeds(bound) else { continue }
                    errors.append(exceeds(parameter, limit.name, bound: raw, value: value))
                }
            case .minimum(let parameters):
                for parameter in parameters {
                    guard let value = checked[parameter], bound.exceeds(value) else { continue }
                    errors.append(exceeds(parameter, limit.name, bound: raw, value: value))
                }
            case .maxStep(let parameter, let observedKey):
                guard let value = checked[parameter]?.number, let step = bound.number else { continue }
                guard let current = observed[observedKey]?.doubleValue else {
                    errors.append(.missingObservation(action: name, limit: limit.name, key: observedKey))
                    continue
                }
                if abs(value - current) > step {
                    errors.append(.exceedsLimit(
                        action: name, parameter: parameter, value: "\(Int64(value)) (from \(Int64(current)))",
                        limit: limit.name, limitValue: raw.errorText))
                }
            case .maxObjects:
                continue
            }
        }
        return errors
    }

    private func exceeds(_ parameter: String, _ limit: String, bound: JSONValue, value: CheckedValue) -> ParameterError {
        let text: String
        switch value {
        case .number(let number): text = number.rounded() == number ? "\(Int64(number))" : "\(number)"
        case .quantity(let quantity): text = quantity.text
        case .text(let string): text = string
        }
        return .exceedsLimit(action: name, parameter: parameter, value: text, limit: limit, limitValue: bound.errorText)
    }
}
