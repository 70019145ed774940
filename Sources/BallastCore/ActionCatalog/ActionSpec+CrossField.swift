import BallastAPI
import KubeTypes

extension ActionSpec {
    /// Rules that involve more than one parameter (which the per-parameter schema cannot say).
    func crossFieldErrors(present: Set<String>, checked: [String: CheckedValue]) -> [ParameterError] {
        switch name {
        case .increaseResources:
            let absolute = ["memoryLimit", "memoryRequest", "cpuLimit", "cpuRequest"].filter(present.contains)
            if present.contains("factor") {
                var errors: [ParameterError] = []
                if !absolute.isEmpty {
                    errors.append(.conflict(
                        action: name, message: "give either factor (with resource) or \(absolute.joined(separator: ", ")), not both"))
                }
                if !present.contains("resource") {
                    errors.append(.missingParameter(action: name, parameter: "resource"))
                }
                return errors + factorErrors(checked)
            }
            if absolute.isEmpty {
                return [.conflict(action: name, message: "give factor and resource, or at least one of memoryLimit, memoryRequest, cpuLimit, cpuRequest")]
            }
            return []
        case .expandPVC:
            switch (present.contains("size"), present.contains("factor")) {
            case (true, true): return [.conflict(action: name, message: "give either size or factor, not both")]
            case (false, false): return [.conflict(action: name, message: "give size or factor")]
            default: return factorErrors(checked)
            }
        case .updateHPA:
            if !present.contains("minReplicas") && !present.contains("maxReplicas") {
                return [.conflict(action: name, message: "give minReplicas, maxReplicas or both")]
            }
            if let low = checked["minReplicas"]?.number, let high = checked["maxReplicas"]?.number, low > high {
                return [.conflict(action: name, message: "minReplicas \(Int64(low)) is above maxReplicas \(Int64(high))")]
            }
            return []
        default:
            return []
        }
    }

    /// A growth factor of exactly 1 changes nothing: reject it rather than run a no-op.
    private func factorErrors(_ checked: [String: CheckedValue]) -> [ParameterError] {
        guard let factor = checked["factor"]?.number, factor <= 1.0 else { return [] }
        return [.invalidValue(action: name, parameter: "factor", value: "\(factor)", expected: "a number above 1.0")]
    }
}
