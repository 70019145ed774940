/// The bounds the Alertmanager receiver enforces on one notification.
///
/// Everything an untrusted sender controls is bounded: the body (checked while it streams in),
/// the number of alerts, and the size of every label and annotation. Label bounds reject the
/// notification (labels identify the alert and must be kept whole); annotation bounds only
/// truncate, because annotations are free text copied into the request as data.
public struct ReceiverLimits: Sendable, Hashable {
    /// Largest accepted request body in bytes (default 1 MiB).
    public var maxBodyBytes: Int
    /// Most alerts in one notification (default 1000).
    public var maxAlerts: Int
    /// Most labels on one alert, and in each of the group's label maps (default 64).
    public var maxLabels: Int
    /// Longest label name in bytes (default 128).
    public var maxLabelNameBytes: Int
    /// Longest label value in bytes (default 1024).
    public var maxLabelValueBytes: Int
    /// Most annotations copied into a request (default 32; extra ones are dropped).
    public var maxAnnotations: Int
    /// Longest annotation value copied into a request, in bytes (default 4096; longer values are
    /// cut at a character boundary and end in `…`).
    public var maxAnnotationValueBytes: Int

    /// Creates limits; every parameter defaults to the documented value.
    public init(
        maxBodyBytes: Int = 1 << 20, maxAlerts: Int = 1000, maxLabels: Int = 64,
        maxLabelNameBytes: Int = 128, maxLabelValueBytes: Int = 1024, maxAnnotations: Int = 32,
        maxAnnotationValueBytes: Int = 4096
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxAlerts = maxAlerts
        self.maxLabels = maxLabels
        self.maxLabelNameBytes = maxLabelNameBytes
        self.maxLabelValueBytes = maxLabelValueBytes
        self.maxAnnotations = maxAnnotations
        self.maxAnnotationValueBytes = maxAnnotationValueBytes
    }
}
