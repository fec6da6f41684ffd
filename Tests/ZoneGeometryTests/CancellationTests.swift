import Foundation
import Synchronization
import TestSupport
import Testing
import ZoneGeometry

/// Cancellation of long work: a raised `WorkCancellation` stops `parallelMap` between chunks and is
/// carried to the threads `Background` starts; cancelling the task that awaits `Background.run`
/// raises it, and the call returns only once the work's thread has ended. Oracles: counts of the
/// items the work ran, and the kernel's list of this process's threads (`/proc/self/task`).
struct CancellationTests {
    @Test func aRaisedFlagStopsAParallelMapBetweenChunks() throws {
        let flag = WorkCancellation()
        let ran = Atomic<Int>(0)
        #expect(throws: ParallelMapError<Never>.cancelled) {
            try WorkCancellation.checking(flag) {
                try parallelMap(count: 100_000, chunkSize: 1) { index in
                    if ran.add(1, ordering: .relaxed).newValue == 100 { flag.cancel() }
                    usleep(50)
                    return index
                }
            }
        }
        // The 100th item raised it; at most the chunks under way on the other cores ran after.
        #expect(ran.load(ordering: .relaxed) < 100 + 4 * ProcessInfo.processInfo.activeProcessorCount)
        // No flag, or one not raised: the map runs whole.
        #expect(try WorkCancellation.checking(WorkCancellation()) { try parallelMap(count: 1000, chunkSize: 7) { $0 } } == Array(0..<1000))
        #expect(try parallelMap(count: 1000, chunkSize: 7) { $0 } == Array(0..<1000))
    }

    /// A failing item is named by its index, the lowest of those that failed (here items 5 and 700,
    /// in different chunks), with its own error kept whole.
    @Test func aFailedItemIsNamedByItsIndex() {
        struct Odd: Error, Equatable { var index: Int }
        #expect(throws: ParallelMapError.failed(index: 5, Odd(index: 5))) {
            try parallelMap(count: 1000, chunkSize: 3) { index throws(Odd) in
                if index == 5 || index == 700 { throw Odd(index: index) }
                return index
            }
        }
    }

    @Test func theThreadsOfACallCheckItsFlag() throws {
        let flag = WorkCancellation()
        flag.cancel()
        let work = WorkCancellation.checking(flag) { Background { try parallelMap(count: 10, chunkSize: 1) { $0 } } }
        #expect(throws: ParallelMapError<Never>.cancelled) { try work.value() }
        // Another call's thread does not see it.
        #expect(try Background { try parallelMap(count: 10, chunkSize: 1) { $0 } }.value() == Array(0..<10))
    }

    @Test func cancellingTheAwaitingTaskStopsTheWorkAndItsThread() async throws {
        let ran = Atomic<Int>(0)
        let thread = Mutex<String?>(nil)
        let work = Task {
            try await Background.run {
                thread.withLock { $0 = KernelThreads.current() }
                return try parallelMap(count: 1_000_000, chunkSize: 1) { index in
                    ran.add(1, ordering: .relaxed)
                    usleep(100)
                    return index
                }.count
            }
        }
        while ran.load(ordering: .relaxed) < 100 { try await Task.sleep(for: .milliseconds(1)) }
        let worker = try #require(thread.withLock { $0 })
        #expect(KernelThreads.name(worker) == Background<Int>.threadName, "the work runs on a thread of its own")
        let cancelled = ContinuousClock.now
        work.cancel()
        // The work's thread ends within a second (the call returns just before), and the call throws.
        let ended = await KernelThreads.ended([worker], within: 10)
        #expect(ended.map { $0 - cancelled < .seconds(1) } == true, "the work's thread ran on for \(ended.map { $0 - cancelled }.map(String.init(describing:)) ?? "10 s")")
        await #expect(throws: CancellationError.self) { try await work.value }
        // Nothing of the work runs once the call has returned.
        let done = ran.load(ordering: .relaxed)
        #expect(done < 1_000_000)
        try await Task.sleep(for: .milliseconds(100))
        #expect(ran.load(ordering: .relaxed) == done)
    }

    @Test func anAwaitedRunReturnsItsValueAndCarriesProgress() async throws {
        let reported = Atomic<Int>(0)
        let count = try await ParallelProgress.observing({ done, _ in reported.max(done, ordering: .relaxed) }) {
            try await Background.run { try parallelMap(count: 500, chunkSize: 10) { $0 }.count }
        }
        #expect(count == 500 && reported.load(ordering: .relaxed) == 500)
        // A task cancelled before the work starts: the work's first check stops it.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Background.run { try parallelMap(count: 500, chunkSize: 10) { $0 }.count }
        }
        await #expect(throws: CancellationError.self) { try await early.value }
    }
}
