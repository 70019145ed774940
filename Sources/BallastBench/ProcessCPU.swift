import Foundation

/// CPU time used by processes, read from `/proc`, so a report can say where the machine's cores
/// went during a measurement (the API server, etcd, the controller manager, the operator).
enum ProcessCPU {
    /// The control plane's processes and the benchmark's own, by the command name
    /// `/proc/<pid>/comm` gives them (the operator is measured by its pid).
    static let measured = ["kube-apiserver", "etcd", "kube-controller", "ballast-bench"]

    /// User plus system CPU time process `pid` has used, in seconds; 0 when it cannot be read.
    static func seconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds used so far by every process whose command name starts with one of
    /// `commands` (`/proc/<pid>/comm` is cut to 15 characters), summed per command.
    static func byCommand(_ commands: [String] = measured) -> [String: Double] {
        var totals: [String: Double] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                let command = commands.first(where: { comm.hasPrefix($0) })
            else { continue }
            totals[command, default: 0] += seconds(pid: pid)
        }
        return totals
    }

    /// `"kube-apiserver 1.31, etcd 0.22, …"`: the cores each command kept busy on average
    /// between `before` and `after`, over `elapsed` seconds.
    static func cores(from before: [String: Double], to after: [String: Double], over elapsed: Double) -> String {
        after.keys.sorted().map { command in
            String(format: "%@ %.2f", command, (after[command, default: 0] - before[command, default: 0]) / max(elapsed, 1e-9))
        }.joined(separator: ", ")
    }
}
