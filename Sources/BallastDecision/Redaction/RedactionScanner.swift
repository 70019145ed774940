/// Byte-level scanners behind ``Redactor``. Each pass returns a new buffer; none allocates per
/// byte beyond the output.
enum RedactionScanner {
    static let marker = Array(Redactor.marker.utf8)
    static let privateKeyMarker = Array("[REDACTED PRIVATE KEY]".utf8)

    /// Characters that make up a token (base64url, base64, hex, dotted JWTs).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "~")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isKeyByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }

    /// Whether `bytes[index...]` starts with `prefix` (ASCII case-insensitive).
    static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where lowercased(bytes[index + offset]) != lowercased(prefix[offset]) {
            return false
        }
        return true
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if hasPrefix(bytes, at: index, needle) { return index }
            index += 1
        }
        return nil
    }

    /// `-----BEGIN … PRIVATE KEY----- … -----END … PRIVATE KEY-----`, or to the end of the text
    /// when the block was cut off.
    static func redactPrivateKeyBlocks(_ bytes: [UInt8]) -> [UInt8] {
        let begin = Array("-----BEGIN".utf8)
        guard var start = find(begin, in: bytes, from: 0) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        let endMarker = Array("-----END".utf8)
        let dashes = Array("-----".utf8)
        while true {
            output.append(contentsOf: bytes[copied..<start])
            var stop = bytes.count
            if let end = find(endMarker, in: bytes, from: start + begin.count) {
                stop = find(dashes, in: bytes, from: end + endMarker.count).map { $0 + dashes.count } ?? bytes.count
            }
            output.append(contentsOf: privateKeyMarker)
            copied = stop
            guard let next = find(begin, in: bytes, from: stop) else { break }
            start = next
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    /// `scheme://user:password@host` becomes `scheme://user:[REDACTED]@host`.
    static func redactURLPasswords(_ bytes: [UInt8]) -> [UInt8] {
        let separator = Array("://".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var copied = 0
        while let found = find(separator, in: bytes, from: index) {
            let userStart = found + separator.count
            var cursor = userStart
            var colon: Int?
            var at: Int?
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "@") { at = cursor; break }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
                if byte == UInt8(ascii: ":") && colon == nil { colon = cursor }
                cursor += 1
            }
            if let colon, let at, at > colon + 1 {
                output.append(contentsOf: bytes[copied...colon])
                output.append(contentsOf: marker)
                copied = at
            }
            index = max(userStart, cursor)
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    static let tokenPrefixes: [[UInt8]] = [
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-",
        "xapp-", "sk-", "sk_live_", "rk_live_", "AIza", "hf_",
    ].map { Array($0.utf8) }

    static let jwtPrefix = Array("eyJ".utf8)
    static let awsPrefixes = [Array("AKIA".utf8), Array("ASIA".utf8)]
    static let bearer = Array("bearer".utf8)
    static let basic = Array("basic".utf8)

    /// Whether a run of token bytes is a credential by its shape (no allocation).
    static func isCredentialToken(_ token: ArraySlice<UInt8>) -> Bool {
        if token.count >= 20, token.starts(with: jwtPrefix), token.lazy.filter({ $0 == UInt8(ascii: ".") }).count >= 2 {
            return true
        }
        if token.count == 20, awsPrefixes.contains(where: { token.starts(with: $0) }),
            token.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) })
        {
            return true
        }
        return token.count >= 16 && tokenPrefixes.contains { token.starts(with: $0) }
    }

    /// Whether `token` equals `word` (lower-case ASCII) ignoring case.
    static func equalsIgnoringCase(_ token: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
        token.count == word.count && zip(token, word).allSatisfy { lowercased($0) == $1 }
    }

    /// Replaces credential-shaped tokens, and the token after `Bearer`/`Basic`.
    static func redactTokens(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var redactNext = false
        while index < bytes.count {
            guard isTokenByte(bytes[index]) else {
                output.append(bytes[index])
                if bytes[index] != UInt8(ascii: " ") { redactNext = false }
                index += 1
                continue
            }
            var end = index
            while end < bytes.count && isTokenByte(bytes[end]) { end += 1 }
            let token = bytes[index..<end]
            if (redactNext && token.count >= 6) || isCredentialToken(token) {
                output.append(contentsOf: marker)
                redactNext = false
            } else {
                output.append(contentsOf: token)
                redactNext = equalsIgnoringCase(token, bearer) || equalsIgnoringCase(token, basic)
            }
            index = end
        }
        return output
    }

    /// `secretKey=value`, `secretKey: value`, `"secretKey": "value"` (the key matched by
    /// `isSecretKey`): the value is replaced.
    static func redactKeyValues(_ bytes: [UInt8], isSecretKey: (ArraySlice<UInt8>) -> Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard isKeyByte(bytes[index]) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let keyStart = index
            while index < bytes.count && isKeyByte(bytes[index]) { index += 1 }
            output.append(contentsOf: bytes[keyStart..<index])
            guard isSecretKey(bytes[keyStart..<index]) else { continue }
            index = redactValue(after: index, in: bytes, into: &output)
        }
        return output
    }

    /// Copies the separator after a secret key and replaces the value; returns the new index.
    private static func redactValue(after start: Int, in bytes: [UInt8], into output: inout [UInt8]) -> Int {
        var cursor = start
        func copyWhile(_ predicate: (UInt8) -> Bool) {
            while cursor < bytes.count && predicate(bytes[cursor]) {
                output.append(bytes[cursor])
                cursor += 1
            }
        }
        copyWhile { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: " ") }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":") else {
            return cursor
        }
        copyWhile { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") }
        var quote: UInt8?
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
            quote = bytes[cursor]
            output.append(bytes[cursor])
            cursor += 1
        }
        var valueEnd = cursor
        while valueEnd < bytes.count {
            let byte = bytes[valueEnd]
            if let quote {
                if byte == quote { break }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
                || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "\n")
            {
                break
            }
            valueEnd += 1
        }
        let value = bytes[cursor..<valueEnd]
        guard !value.isEmpty else { return cursor }
        let isScheme = equalsIgnoringCase(value, bearer) || equalsIgnoringCase(value, basic)
        if value.elementsEqual(marker) || isScheme {
            output.append(contentsOf: value)
        } else {
            output.append(contentsOf: marker)
        }
        return valueEnd
    }
}
