import AsyncHTTPClient

extension HTTPClient {
    /// The client providers use unless given another: like `HTTPClient.shared`, except that a
    /// refused or failed connection fails the request at once instead of being retried until the
    /// request's deadline. A provider that is down then fails over in milliseconds, not after a
    /// full timeout; whether to retry is the provider's ``RetryPolicy``'s decision. Never shut
    /// down (it lives as long as the process, like `HTTPClient.shared`).
    public static let ballastProviders: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
