import Testing
@testable import BallastOperator

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:9090", "0.0.0.0", 9090), (":8081", "0.0.0.0", 8081),
        ("[::1]:8443", "::1", 8443), ("localhost:0", "localhost", 0),
    ])
    func parsesHostAndPort(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
    }

    @Test(arguments: ["8080", "host:", "host:http", "host:70000", "host:-1"])
    func rejectsBadAddressesNamingTheValue(text: String) {
        let error = #expect(throws: InvalidListenAddress.self) { try ListenAddress(parsing: text) }
        #expect(error?.description.hasPrefix("listen address \"\(text)\":") == true)
    }

    @Test func describesIPv6InBrackets() {
        #expect(ListenAddress(host: "::1", port: 80).description == "[::1]:80")
        #expect(ListenAddress(host: "10.0.0.1", port: 80).description == "10.0.0.1:80")
    }
}

@Suite struct ListenerPlanTests {
    let a = ListenAddress(host: "0.0.0.0", port: 8080)
    let b = ListenAddress(host: "0.0.0.0", port: 8081)

    @Test func sharedAddressesShareAListener() {
        let plan = ListenerPlan.listeners(for: [.receiver: a, .metrics: b, .probes: b])
        #expect(plan == [HTTPListener(address: a, endpoints: [.receiver]), HTTPListener(address: b, endpoints: [.metrics, .probes])])
    }

    @Test func oneAddressForAll() {
        #expect(ListenerPlan.listeners(for: [.receiver: a, .metrics: a, .probes: a]) == [
            HTTPListener(address: a, endpoints: Set(HTTPEndpoint.allCases)),
        ])
    }

    @Test func unconfiguredEndpointsAreNotServed() {
        #expect(ListenerPlan.listeners(for: [:]).isEmpty)
        #expect(ListenerPlan.listeners(for: [.probes: b]) == [HTTPListener(address: b, endpoints: [.probes])])
    }
}

@Suite struct OperatorHTTPServerTests {
    @Test func oneApplicationPerListenerAndNoReceiverWithoutComponents() throws {
        let receiverAddress = ListenAddress(host: "127.0.0.1", port: 9443)
        let operations = ListenAddress(host: "127.0.0.1", port: 8080)
        let addresses: [HTTPEndpoint: ListenAddress] = [.receiver: receiverAddress, .metrics: operations, .probes: operations]
        let full = try TestServer()
        let split = OperatorHTTPServer(
            addresses: addresses, receiver: full.server.receiver, metrics: full.metrics, readiness: full.readiness)
        #expect(split.listeners.map(\.address) == [receiverAddress, operations])
        #expect(split.applications().count == 2)
        let withoutReceiver = OperatorHTTPServer(
            addresses: addresses, receiver: nil, metrics: full.metrics, readiness: full.readiness)
        #expect(withoutReceiver.listeners == [HTTPListener(address: operations, endpoints: [.metrics, .probes])])
    }
}
