internal import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A task executor with a few threads of its own at a lower priority, for request work as large as a replay: the
/// handler, and the encoding of a report into its response body, run there instead of on the cooperative pool
/// that serves `/healthz` and every other request. One thread more than the default replay concurrency, so a
/// request refused at once (a 422, a 429) does not wait behind the replays that run.
final class BackgroundExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// The process's one background executor; its threads live as long as the process.
    static let shared = BackgroundExecutor(name: "switchyard-background", threads: 3)

    private init(name: String, threads: Int) {
        for index in 0..<threads {
            let thread = Thread { self.work() }
            thread.name = "\(name)-\(index + 1)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        #if canImport(Glibc)
        // Linux keeps a nice value per thread: this work takes the CPU the threads that serve requests leave.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
