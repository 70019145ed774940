/// A scripted LLM server on loopback; see Package.swift.
