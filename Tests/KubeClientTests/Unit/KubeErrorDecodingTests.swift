import Foundation
import KubeTypes
import Testing
@testable import KubeClient

@Suite("Status to KubeError")
struct KubeErrorDecodingTests {
    static func body(code: Int, reason: String, message: String = "m", details: String = "null") -> [UInt8] {
        Array("""
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\(message)",
         "reason":"\(reason)","details":\(details),"code":\(code)}
        """.utf8)
    }

    @Test(arguments: [
        (404, "NotFound", KubeError.Code.notFound),
        (409, "AlreadyExists", .alreadyExists),
        (409, "Conflict", .conflict),
        (422, "Invalid", .invalid),
        (403, "Forbidden", .forbidden),
        (401, "Unauthorized", .unauthorized),
        (410, "Expired", .expired),
        (410, "Gone", .expired),
        (429, "TooManyRequests", .tooManyRequests),
        (504, "Timeout", .timeout),
        (500, "ServerTimeout", .timeout),
        (400, "BadRequest", .badRequest),
        (405, "MethodNotAllowed", .methodNotAllowed),
        (415, "UnsupportedMediaType", .unsupportedMediaType),
        (500, "InternalError", .serverError),
        (418, "", .unexpectedResponse),
    ])
    func statusReasonMapsToCode(httpStatus: Int, reason: String, code: KubeError.Code) {
        let error = KubeError.fromResponse(
            httpStatus: httpStatus, retryAfterHeader: nil, body: Self.body(code: httpStatus, reason: reason),
            verb: "GET", path: "/api/v1/pods")
        #expect(error.code == code)
        #expect(error.httpStatus == httpStatus)
        #expect(error.isAPIError)
    }

    @Test func invalidCarriesFieldCauses() {
        let details = #"{"name":"w","group":"test.ballast.dev","kind":"Widget","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 5: must be <= 3","field":"spec.size"},{"reason":"FieldValueRequired","message":"Required value","field":"spec.color"}]}"#
        let error = KubeError.fromResponse(
            httpStatus: 422, retryAfterHeader: nil,
            body: Self.body(code: 422, reason: "Invalid", message: "Widget w is invalid", details: details),
            verb: "POST", path: "/apis/test.ballast.dev/v1/namespaces/a/widgets")
        #expect(error.code == .invalid)
        #expect(error.fieldCauses == ["spec.size", "spec.color"])
        #expect(error.description == "POST /apis/test.ballast.dev/v1/namespaces/a/widgets: 422 Invalid: Widget w is invalid [spec.size: Invalid value: 5: must be <= 3; spec.color: Required value]")
    }

    @Test func retryAfterHeaderWinsOverDetails() {
        let body = Self.body(code: 429, reason: "TooManyRequests", details: #"{"retryAfterSeconds":7}"#)
        let fromHeader = KubeError.fromResponse(httpStatus: 429, retryAfterHeader: "3", body: body, verb: "POST", path: "/x")
        #expect(fromHeader.retryAfter == .seconds(3))
        let fromDetails = KubeError.fromResponse(httpStatus: 429, retryAfterHeader: nil, body: body, verb: "POST", path: "/x")
        #expect(fromDetails.retryAfter == .seconds(7))
        #expect(fromDetails.description.hasSuffix("(retry after 7.0 seconds)"))
        let none = KubeError.fromResponse(httpStatus: 429, retryAfterHeader: "soon", body: Self.body(code: 429, reason: "TooManyRequests"), verb: nil, path: nil)
        #expect(none.retryAfter == nil)
    }

    @Test func nonStatusBodyBecomesTheMessage() {
        let error = KubeError.fromResponse(
            httpStatus: 502, retryAfterHeader: nil, body: Array("<html>bad gateway</html>".utf8), verb: "GET", path: "/api")
        #expect(error.code == .serverError)
        #expect(error.status == nil)
        #expect(error.message == "<html>bad gateway</html>")
        let empty = KubeError.fromResponse(httpStatus: 503, retryAfterHeader: nil, body: [], verb: "GET", path: "/api")
        #expect(empty.message == "HTTP 503")
    }

    @Test func watchErrorEventStatusIsExpired() {
        let status = Status(status: "Failure", message: "too old resource version: 1 (2000)", reason: "Expired", code: 410)
        let error = KubeError.fromWatchStatus(status, verb: "WATCH", path: "/api/v1/configmaps")
        #expect(error.code == .expired)
        #expect(error.httpStatus == 410)
        #expect(error.message == "too old resource version: 1 (2000)")
    }

    @Test func transportErrorsAreNotAPIErrors() {
        let error = KubeError.transport("connection refused", verb: "GET", path: "/version")
        #expect(error.code == .transport)
        #expect(!error.isAPIError)
        #expect(error.description == "GET /version: transport: connection refused")
    }
}
