import Foundation
import KubeTypes

/// One event of a watch stream.
public enum WatchEvent<Object: KubernetesObject>: Sendable {
    /// An object was created (or existed when a watch without `resourceVersion` started).
    case added(Object)
    /// An object changed.
    case modified(Object)
    /// An object was deleted; this is its last state.
    case deleted(Object)
    /// No object changed, but the stream has progressed to `resourceVersion`: resume a watch
    /// from here.
    case bookmark(resourceVersion: String)

    /// The object of an added, modified or deleted event.
    public var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): return object
        case .bookmark: return nil
        }
    }

    /// The resourceVersion the stream has reached with this event.
    public var resourceVersion: String? {
        switch self {
        case .bookmark(let version): return version
        default: return object?.metadata.resourceVersion
        }
    }
}

/// A decoded line of the watch protocol: an event, or the `ERROR` that ends the stream.
enum WatchFrame<Object: KubernetesObject>: Decodable {
    case event(WatchEvent<Object>)
    case error(Status)

    private enum CodingKeys: String, CodingKey {
        case type, object
    }

    private struct Bookmark: Decodable {
        struct Metadata: Decodable { var resourceVersion: String? }
        var metadata: Metadata
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .event(.added(try container.decode(Object.self, forKey: .object)))
        case "MODIFIED": self = .event(.modified(try container.decode(Object.self, forKey: .object)))
        case "DELETED": self = .event(.deleted(try container.decode(Object.self, forKey: .object)))
        case "BOOKMARK":
            let bookmark = try container.decode(Bookmark.self, forKey: .object)
            self = .event(.bookmark(resourceVersion: bookmark.metadata.resourceVersion ?? ""))
        case "ERROR": self = .error(try container.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown watch event type '\(type)'")
        }
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Hashable where Object: Hashable {}
