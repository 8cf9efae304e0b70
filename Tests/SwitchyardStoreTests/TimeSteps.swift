import Foundation
import Synchronization

/// A clock that advances one second per reading.
final class TimeSteps: Sendable {
    private let start: Date
    private let count = Mutex(0)

    init(start: Date) { self.start = start }

    func next() -> Date {
        let step = count.withLock { value in
            value += 1
            return value
        }
        return start.addingTimeInterval(Double(step))
    }
}
