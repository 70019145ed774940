/// Options of a `list` call: selectors, paging and the consistency of the read.
public struct ListOptions: Sendable, Hashable {
    /// A label selector in query syntax, e.g. `app=web,tier in (front,back)`.
    public var labelSelector: String?
    /// A field selector, e.g. `metadata.name=web-0` or `status.phase!=Running`.
    public var fieldSelector: String?
    /// The page size (`limit`); `nil` asks for everything in one response.
    public var limit: Int?
    /// The `continue` token of the previous page.
    public var continueToken: String?
    /// `resourceVersion` of the read; `"0"` allows the server's watch cache to answer.
    public var resourceVersion: String?

    /// Creates list options; every field is optional.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    func apply(to request: inout APIRequest) {
        request.add("labelSelector", labelSelector)
        request.add("fieldSelector", fieldSelector)
        request.add("limit", limit.map(String.init))
        request.add("continue", continueToken)
        request.add("resourceVersion", resourceVersion)
    }
}

/// Options of a `watch` call.
public struct WatchOptions: Sendable, Hashable {
    /// A label selector in query syntax.
    public var labelSelector: String?
    /// A field selector.
    public var fieldSelector: String?
    /// Start after this `resourceVersion` (usually the list's); `nil` starts "now" with
    /// synthetic ADDED events for existing objects.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events carrying the latest `resourceVersion`.
    public var allowWatchBookmarks: Bool
    /// The server ends the watch after this many seconds. The client also gives up on a silent
    /// connection this long (plus ``WatchOptions/idleGrace``) after the watch started, so a dead
    /// connection cannot hang a watcher. `nil` leaves the timeout to the server (30–60 min).
    public var timeoutSeconds: Int?

    /// The extra time the client waits beyond `timeoutSeconds` before declaring the
    /// connection dead.
    public static let idleGrace: Duration = .seconds(30)

    /// Creates watch options; bookmarks are on by default.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    func apply(to request: inout APIRequest) {
        request.add("watch", "true")
        request.add("labelSelector", labelSelector)
        request.add("fieldSelector", fieldSelector)
        request.add("resourceVersion", resourceVersion)
        request.add("allowWatchBookmarks", allowWatchBookmarks ? "true" : nil)
        request.add("timeoutSeconds", timeoutSeconds.map(String.init))
    }
}

/// Options of a `delete` call (and of an eviction).
public struct DeleteOptions: Sendable, Hashable, Encodable {
    /// How dependents are garbage-collected.
    public enum PropagationPolicy: String, Sendable, Hashable, Encodable {
        /// Delete dependents in the background after the owner is gone.
        case background = "Background"
        /// Delete dependents first; the owner keeps a `foregroundDeletion` finalizer until then.
        case foreground = "Foreground"
        /// Leave dependents, removing their owner references.
        case orphan = "Orphan"
    }

    /// Conditions the object must still meet for the delete to happen (409 otherwise).
    public struct Preconditions: Sendable, Hashable, Encodable {
        public var uid: String?
        public var resourceVersion: String?

        /// Creates preconditions; `nil` fields are not checked.
        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public var propagationPolicy: PropagationPolicy?
    public var preconditions: Preconditions?
    public var gracePeriodSeconds: Int64?
    /// Server-side dry run: validated and admitted, never persisted.
    public var dryRun: Bool

    /// Creates delete options; by default the server's policy applies and nothing is checked.
    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditions: Preconditions? = nil,
        gracePeriodSeconds: Int64? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case kind, apiVersion, propagationPolicy, preconditions, gracePeriodSeconds, dryRun
    }

    /// Encodes as a `meta.k8s.io/v1` `DeleteOptions` body.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("DeleteOptions", forKey: .kind)
        try container.encode("v1", forKey: .apiVersion)
        try container.encodeIfPresent(propagationPolicy, forKey: .propagationPolicy)
        try container.encodeIfPresent(preconditions, forKey: .preconditions)
        try container.encodeIfPresent(gracePeriodSeconds, forKey: .gracePeriodSeconds)
        if dryRun { try container.encode(["All"], forKey: .dryRun) }
    }
}
