import Testing

/// The test clock the loops sleep on: it must wake or cancel every sleeper, or a loop's test waits forever.
@Suite("Manual clock")
struct ManualClockTests {
    @Test("a sleep begun after its task was cancelled throws at once")
    func sleepAfterCancellation() async {
        let clock = ManualClock()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(60))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("a sleeper wakes when time reaches its deadline, and a cancelled one throws")
    func wakeAndCancel() async throws {
        let clock = ManualClock()
        let woken = Task { try await clock.sleep(for: .seconds(60)) }
        let cancelled = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount < 2 { await Task.yield() }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        clock.advance(by: .seconds(59))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await woken.value
        #expect(clock.sleeperCount == 0)
    }
}
