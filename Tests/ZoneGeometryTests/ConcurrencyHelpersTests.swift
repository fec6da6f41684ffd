import Foundation
import Testing
import ZoneGeometry

/// The thread helpers: `concurrently` runs both sides at once and rethrows their errors,
/// `Background` hands its result to every caller, `HandOff` keeps order, bounds the queue and lets
/// the consumer stop the producer.
struct ConcurrencyHelpersTests {
    struct Failed: Error, Equatable { var side: String }

    @Test func bothSidesRunAtOnce() throws {
        // Each side waits for the other to have started: run one after the other, they would never finish.
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let (a, b) = try concurrently({ () -> Int in
            first.signal()
            guard second.wait(timeout: .now() + 10) == .success else { throw Failed(side: "first waited in vain") }
            return 1
        }, { () -> String in
            second.signal()
            guard first.wait(timeout: .now() + 10) == .success else { throw Failed(side: "second waited in vain") }
            return "two"
        })
        #expect(a == 1 && b == "two")
        // Inside each side, parallelMap still uses every core and returns in order.
        let (squares, cubes) = try concurrently({ try parallelMap(count: 1000, chunkSize: 10) { $0 * $0 } },
                                                { try parallelMap(count: 1000, chunkSize: 10) { $0 * $0 * $0 } })
        #expect(squares == (0..<1000).map { $0 * $0 } && cubes == (0..<1000).map { $0 * $0 * $0 })
    }

    @Test func errorsOfEitherSideAreRethrown() {
        #expect(throws: Failed(side: "first")) { try concurrently({ throw Failed(side: "first") }, { 2 }) }
        #expect(throws: Failed(side: "second")) { try concurrently({ 1 }, { throw Failed(side: "second") }) }
        #expect(throws: Failed(side: "first")) {
            try concurrently({ () throws -> Int in throw Failed(side: "first") }, { () throws -> Int in throw Failed(side: "second") })
        }
    }

    @Test func backgroundGivesItsResultToEveryCall() throws {
        let work = Background { (0..<100).reduce(0, +) }
        #expect(try work.value() == 4950)
        #expect(try work.value() == 4950)
        let failing = Background { () throws -> Int in throw Failed(side: "background") }
        #expect(throws: Failed(side: "background")) { try failing.value() }
        #expect(throws: Failed(side: "background")) { try failing.value() }
    }

    /// Puts each number into `queue` until it is cancelled; how many went in.
    static func produce(_ numbers: Range<Int>, into queue: HandOff<Int, String>) -> Int {
        var put = 0
        for n in numbers {
            guard queue.put(n) else { break }
            put += 1
        }
        return put
    }

    @Test func handOffKeepsOrderAndLetsTheConsumerStop() throws {
        let queue = HandOff<Int, String>(capacity: 2)
        let producer = Background { () -> Int in
            defer { queue.end("done") }
            return Self.produce(0..<10, into: queue)
        }
        var taken: [Int] = []
        loop: while true {
            switch queue.take() {
            case let .batch(n): taken.append(n)
            case let .end(value):
                #expect(value == "done")
                break loop
            }
        }
        let produced = try producer.value()
        #expect(taken == Array(0..<10) && produced == 10)

        // A consumer that cancels after three: the producer's next put says so, and it stops.
        let stopped = HandOff<Int, String>(capacity: 1)
        let stopping = Background { Self.produce(0..<1000, into: stopped) }
        for expected in 0..<3 {
            guard case let .batch(n) = stopped.take() else { Issue.record("no batch"); return }
            #expect(n == expected)
        }
        stopped.cancel()
        let producedBeforeStop = try stopping.value()
        #expect(producedBeforeStop < 1000)
    }
}
