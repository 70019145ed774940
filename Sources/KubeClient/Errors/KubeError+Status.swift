import Foundation
import KubeTypes

extension KubeError {
    /// Classifies an API server answer that is not a success.
    ///
    /// Pure: the HTTP status, the `Retry-After` header value and the body decide everything.
    /// The body is decoded as a `metav1.Status` when it is one; otherwise its text (bounded)
    /// becomes the message, so a proxy's HTML error page still yields a useful error.
    /// - Parameters:
    ///   - httpStatus: The response's status code.
    ///   - retryAfterHeader: The `Retry-After` header, if present (seconds).
    ///   - body: The response body.
    ///   - verb: The request's HTTP method, for the description.
    ///   - path: The request's path, for the description.
    public static func fromResponse(
        httpStatus: Int, retryAfterHeader: String?, body: [UInt8], verb: String?, path: String?
    ) -> KubeError {
        let status = try? JSONDecoder.kubernetes().decode(Status.self, from: Data(body))
        let decodedStatus = status?.kind == "Status" || status?.reason != nil ? status : nil
        let message = decodedStatus?.message
            ?? String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return KubeError(
            code: code(httpStatus: decodedStatus?.code ?? httpStatus, reason: decodedStatus?.reason),
            message: message.isEmpty ? "HTTP \(httpStatus)" : message,
            status: decodedStatus,
            httpStatus: httpStatus,
            retryAfter: retryAfter(header: retryAfterHeader, status: decodedStatus),
            verb: verb, path: path)
    }

    /// Classifies a `Status` received inside a watch stream (an `ERROR` event), e.g. the
    /// `410 Expired` a watch from a compacted `resourceVersion` ends with.
    public static func fromWatchStatus(_ status: Status, verb: String?, path: String?) -> KubeError {
        KubeError(
            code: code(httpStatus: status.code ?? 500, reason: status.reason),
            message: status.message ?? "watch ended with an error",
            status: status, httpStatus: status.code,
            retryAfter: retryAfter(header: nil, status: status), verb: verb, path: path)
    }

    /// The ``Code`` for an HTTP status and `Status.reason`; the reason wins when it is more
    /// specific (409 is `AlreadyExists` or `Conflict`, 410/`Gone`/`Expired` are both expired).
    static func code(httpStatus: Int, reason: String?) -> Code {
        switch reason {
        case "NotFound": return .notFound
        case "AlreadyExists": return .alreadyExists
        case "Conflict": return .conflict
        case "Invalid": return .invalid
        case "Forbidden": return .forbidden
        case "Unauthorized": return .unauthorized
        case "Expired", "Gone": return .expired
        case "TooManyRequests": return .tooManyRequests
        case "Timeout", "ServerTimeout": return .timeout
        case "BadRequest": return .badRequest
        case "MethodNotAllowed": return .methodNotAllowed
        case "UnsupportedMediaType": return .unsupportedMediaType
        default: break
        }
        switch httpStatus {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 409: return .conflict
        case 410: return .expired
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 504: return .timeout
        case 500...599: return .serverError
        default: return .unexpectedResponse
        }
    }

    /// The server's retry hint: the `Retry-After` header (whole seconds) wins over
    /// `details.retryAfterSeconds`; `nil` when neither is present or positive.
    static func retryAfter(header: String?, status: Status?) -> Duration? {
        if let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds > 0 {
            return .seconds(seconds)
        }
        if let seconds = status?.details?.retryAfterSeconds, seconds > 0 {
            return .seconds(seconds)
        }
        return nil
    }
}
