import Foundation
import KubeTypes

/// What a candidate should do with the Lease it just read.
public enum LeaseStep: Sendable, Hashable {
    /// No Lease exists: create it with this spec.
    case create(LeaseSpec)
    /// Write this spec (a renewal, or a takeover of an expired or released lease), guarded by
    /// the resourceVersion just read so that of two contenders only one wins.
    case update(LeaseSpec)
    /// Someone else holds a valid lease; try again after `retryIn` at the earliest.
    case heldByOther(holder: String, retryIn: Duration)
}

/// Leader election decisions as pure functions of the Lease record, this candidate's
/// observation of it, and time. Mirrors client-go's `tryAcquireOrRenew`:
///
/// * Expiry is judged by the candidate's own monotonic clock — how long the record has been
///   seen unchanged — never by comparing the holder's `renewTime` with local wall time, so clock
///   skew between replicas cannot cause a premature takeover.
/// * A leader steps down once it has not renewed for `renewDeadline`, which is shorter than
///   `leaseDuration`: it stops acting before any other candidate may take over.
public struct LeaseObservation: Sendable, Hashable {
    /// The record as last seen.
    public private(set) var spec: LeaseSpec?
    /// When (local monotonic time) the record was first seen in its current form.
    public private(set) var since: ContinuousClock.Instant?

    /// No observation yet.
    public init() {}

    /// Records having read `spec` at `now`; the clock restarts only when the record changed.
    public mutating func observe(_ spec: LeaseSpec?, now: ContinuousClock.Instant) {
        guard spec != self.spec || since == nil else { return }
        self.spec = spec
        since = now
    }

    /// Decides the next step for `identity`, having just observed `spec` (nil: no Lease).
    /// - Parameters:
    ///   - now: local monotonic time (for expiry).
    ///   - wallClock: wall time written into `acquireTime`/`renewTime`.
    public func step(
        identity: String, leaseDuration: Duration, leaseDurationSeconds: Int32,
        now: ContinuousClock.Instant, wallClock: Date
    ) -> LeaseStep {
        guard let spec else {
            return .create(LeaseSpec(
                holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds,
                acquireTime: MicroTime(wallClock), renewTime: MicroTime(wallClock), leaseTransitions: 0))
        }
        let holder = spec.holderIdentity ?? ""
        if holder == identity {
            var renewed = spec
            renewed.renewTime = MicroTime(wallClock)
            renewed.leaseDurationSeconds = leaseDurationSeconds
            return .update(renewed)
        }
        if !holder.isEmpty {
            let recorded = spec.leaseDurationSeconds.map { Duration.seconds(Int64($0)) } ?? leaseDuration
            let expires = (since ?? now) + recorded
            if expires > now { return .heldByOther(holder: holder, retryIn: expires - now) }
        }
        return .update(LeaseSpec(
            holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds,
            acquireTime: MicroTime(wallClock), renewTime: MicroTime(wallClock),
            leaseTransitions: (spec.leaseTransitions ?? 0) + (holder.isEmpty ? 0 : 1)))
    }

    /// Whether a leader whose last successful renewal was at `lastRenewal` must stop acting.
    public static func mustStepDown(
        lastRenewal: ContinuousClock.Instant, now: ContinuousClock.Instant, renewDeadline: Duration
    ) -> Bool {
        now - lastRenewal >= renewDeadline
    }

    /// The spec that releases a lease held by `identity` on graceful shutdown: no holder and a
    /// one-second duration, so another candidate can take over at once.
    public static func released(_ spec: LeaseSpec, wallClock: Date) -> LeaseSpec {
        var released = spec
        released.holderIdentity = nil
        released.leaseDurationSeconds = 1
        released.renewTime = MicroTime(wallClock)
        return released
    }
}
