import Logging
import ServiceLifecycle

/// Why a ``ControllerManager`` stopped with an error.
public enum ControllerManagerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The leader could not renew its lease within the renew deadline; its controllers were
    /// stopped. Exit the process: a fresh start rebuilds caches from the API server.
    case leadershipLost(identity: String)

    public var description: String {
        switch self {
        case .leadershipLost(let identity):
            return "\(identity) lost its leader election lease and stopped its controllers; exiting"
        }
    }
}

/// Runs a set of controllers as one swift-service-lifecycle `Service`, optionally only while
/// holding a leader election lease.
///
/// On graceful shutdown (SIGTERM through a `ServiceGroup`, or ``shutDown()``): intake stops,
/// in-flight reconciles get up to `drainTimeout` to finish (then they are cancelled), and the
/// lease is released so a successor starts at once. If the lease is lost, ``run()`` throws
/// ``ControllerManagerError/leadershipLost(identity:)`` so the service group — and the process —
/// stop, as controller-runtime does.
public final class ControllerManager: Service {
    private let controllers: [any RunnableController]
    private let elector: LeaderElector?
    private let drainTimeout: Duration
    private let stopping = Latch()
    private let logger: Logger

    /// A manager of `controllers`.
    /// - Parameters:
    ///   - leaderElector: when set, controllers run only while this replica leads.
    ///   - drainTimeout: how long in-flight reconciles may take after shutdown starts.
    public init(
        controllers: [any RunnableController], leaderElector: LeaderElector? = nil,
        drainTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "ballast.manager")
    ) {
        self.controllers = controllers
        self.elector = leaderElector
        self.drainTimeout = drainTimeout
        self.logger = logger
    }

    /// Runs until graceful shutdown (or cancellation). - Throws: ``ControllerManagerError`` on lease loss.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            guard let elector else {
                await runControllers()
                return
            }
            let outcome = await elector.run(until: stopping) { await self.runControllers() }
            if outcome == .lost {
                throw ControllerManagerError.leadershipLost(identity: elector.configuration.identity)
            }
        } onGracefulShutdown: {
            self.shutDown()
        }
    }

    /// Starts a graceful shutdown (what SIGTERM does through a `ServiceGroup`).
    public func shutDown() {
        logger.info("shutting down: stopping intake and draining in-flight reconciles")
        stopping.open()
    }

    /// Runs every controller until they drain after ``shutDown()`` — cancelling them if that
    /// takes longer than `drainTimeout` — or until the task is cancelled.
    private func runControllers() async {
        let controllers = controllers
        let drainTimeout = drainTimeout
        let stopping = stopping
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { running in
                    for controller in controllers { running.addTask { await controller.run() } }
                }
            }
            group.addTask {
                await stopping.wait()
                for controller in controllers { controller.shutDown() }
                try? await Task.sleep(for: drainTimeout)
            }
            _ = await group.next()
            group.cancelAll()
        }
    }
}
