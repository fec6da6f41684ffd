import CGEOS
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A GEOS context handle owned by one thread.
///
/// GEOS allows a context to be used by one thread at a time, so every thread gets its own,
/// created on first use and destroyed when the thread ends. Geometries are not tied to a
/// context: any thread may read a geometry through its own context.
/// Messages GEOS emits are collected here instead of being printed, and surface as
/// ``GeometryError/engine(operation:message:)``.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported on this context.
    fileprivate var lastError: String?

    private init() {
        guard let handle = GEOS_init_r() else {
            fatalError("GEOS_init_r failed: out of memory")
        }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        // Both handlers store the message; nothing reaches stderr.
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, me)
        GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, me)
    }

    /// Readers and writers, made on first use and kept for the thread's life.
    private(set) lazy var wktReader = GEOSWKTReader_create_r(handle)
    private(set) lazy var wktWriter: OpaquePointer? = {
        let writer = GEOSWKTWriter_create_r(handle)
        GEOSWKTWriter_setTrim_r(handle, writer, 1)
        GEOSWKTWriter_setOutputDimension_r(handle, writer, 3)
        return writer
    }()
    private(set) lazy var wkbReader = GEOSWKBReader_create_r(handle)
    private(set) lazy var wkbWriter: OpaquePointer? = {
        let writer = GEOSWKBWriter_create_r(handle)
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 3)
        GEOSWKBWriter_setFlavor_r(handle, writer, Int32(GEOS_WKB_ISO.rawValue))
        return writer
    }()
    private(set) lazy var geoJSONReader = GEOSGeoJSONReader_create_r(handle)
    private(set) lazy var geoJSONWriter = GEOSGeoJSONWriter_create_r(handle)

    /// Coordinate buffers kept for reuse on this thread, so bulk reads allocate only to grow.
    private var scratchPool: [CoordinateScratch] = []

    /// Lends `body` buffers holding at least `count` doubles each (contents undefined).
    func withScratch<T, E: Error>(_ count: Int, _ body: (CoordinateScratch) throws(E) -> T) throws(E) -> T {
        let scratch = scratchPool.popLast() ?? CoordinateScratch()
        defer { scratchPool.append(scratch) }
        scratch.reserve(count)
        return try body(scratch)
    }

    deinit {
        if let wktReader { GEOSWKTReader_destroy_r(handle, wktReader) }
        if let wktWriter { GEOSWKTWriter_destroy_r(handle, wktWriter) }
        if let wkbReader { GEOSWKBReader_destroy_r(handle, wkbReader) }
        if let wkbWriter { GEOSWKBWriter_destroy_r(handle, wkbWriter) }
        if let geoJSONReader { GEOSGeoJSONReader_destroy_r(handle, geoJSONReader) }
        if let geoJSONWriter { GEOSGeoJSONWriter_destroy_r(handle, geoJSONWriter) }
        GEOS_finish_r(handle)
    }

    /// The calling thread's context.
    static var current: GEOSContext {
        if let raw = pthread_getspecific(contextKey) {
            return Unmanaged<GEOSContext>.fromOpaque(raw).takeUnretainedValue()
        }
        let context = GEOSContext()
        pthread_setspecific(contextKey, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    /// Clears the pending message before a call whose failure will be reported.
    @inline(__always)
    func clearError() { lastError = nil }

    /// The error for a failed GEOS call, carrying GEOS's own message when it gave one.
    func error(_ operation: String) -> GeometryError {
        defer { lastError = nil }
        return .engine(operation: operation, message: lastError ?? "GEOS reported a failure without a message")
    }

    /// Unwraps a geometry returned by GEOS, or throws GEOS's message when it returned NULL.
    func owned(_ result: OpaquePointer?, _ operation: String) throws(GeometryError) -> Geometry {
        guard let result else { throw error(operation) }
        return Geometry(owning: result)
    }

    /// Interprets a GEOS predicate result: 1 true, 0 false, 2 exception.
    func predicate(_ result: CChar, _ operation: String) throws(GeometryError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw error(operation)
        }
    }

    /// Interprets a GEOS status returning call: 0 is an exception, anything else success.
    func check(_ result: Int32, _ operation: String) throws(GeometryError) {
        if result == 0 { throw error(operation) }
    }
}

/// The thread-local slot holding each thread's context; the destructor releases it at thread exit.
private let contextKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        guard let raw else { return }
        Unmanaged<GEOSContext>.fromOpaque(raw).release()
    }
    precondition(status == 0, "pthread_key_create failed")
    return key
}()

/// Three growable buffers of doubles (x, y, z) for reading coordinates out of GEOS.
final class CoordinateScratch {
    private(set) var x = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    private(set) var y = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    private(set) var z = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)

    func reserve(_ count: Int) {
        guard x.count < count else { return }
        let capacity = max(count, x.count * 2, 1024)
        for buffer in [x, y, z] { buffer.deallocate() }
        x = .allocate(capacity: capacity)
        y = .allocate(capacity: capacity)
        z = .allocate(capacity: capacity)
    }

    deinit {
        for buffer in [x, y, z] { buffer.deallocate() }
    }
}
