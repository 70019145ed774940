import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash injection for the end-to-end crash-recovery tests: when the environment variable
/// ``environmentVariable`` names a point, the operator SIGKILLs itself there (after logging one
/// line), exactly as a node failure or an OOM kill would stop it.
///
/// Read once at startup (``init(environment:)``); without the variable (production) it is
/// disarmed and ``reach(_:logger:context:)`` does nothing.
public struct FaultPoint: Sendable, Hashable {
    /// `BALLAST_FAULT_POINT`.
    public static let environmentVariable = "BALLAST_FAULT_POINT"

    /// Where the process can be killed.
    public enum Point: String, Sendable, Hashable, CaseIterable {
        /// The intent is recorded (Pending entry, `execution.startedAt` written) and the
        /// executor is about to be called.
        case afterIntent = "after-intent"
        /// The executor returned; nothing of its outcome is written yet.
        case afterExecute = "after-execute"
    }

    /// The armed point, if any.
    public let armed: Point?
    /// The variable's value when it named no point (reported once by the controller factory).
    public let unrecognized: String?

    /// Reads ``environmentVariable`` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let value = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        armed = value.flatMap(Point.init(rawValue:))
        unrecognized = armed == nil ? value : nil
    }

    /// A disarmed fault point.
    public static let disarmed = FaultPoint(environment: [:])

    /// Kills the process with SIGKILL when `point` is armed; returns otherwise.
    public func reach(_ point: Point, logger: Logger, context: @autoclosure () -> String) {
        guard armed == point else { return }
        logger.critical("fault point \(point.rawValue) reached (\(context())): killing the process with SIGKILL")
        kill(getpid(), SIGKILL)
    }
}
