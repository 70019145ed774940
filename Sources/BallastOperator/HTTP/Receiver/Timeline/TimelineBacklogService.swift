import ServiceLifecycle

/// Runs a receiver's ``AlertTimelineBacklog`` beside its listener, as a `Service` of the
/// operator's `ServiceGroup`: it records again the timelines that outlasted the receiver's
/// timeout and stops on graceful shutdown (logging what is left, see
/// ``AlertTimelineBacklog/run(sink:)``).
struct TimelineBacklogService: Service {
    let receiver: AlertReceiver

    func run() async throws {
        let receiver = receiver
        await cancelWhenGracefulShutdown { await receiver.runTimelineBacklog() }
    }
}
