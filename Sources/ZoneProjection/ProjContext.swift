import CPROJ
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A PROJ context owned by one thread, with that thread's parsed CRSs and transformation
/// pipelines cached for reuse.
///
/// A `PJ_CONTEXT` and the `PJ` objects made in it may be used by one thread at a time, so every
/// thread gets its own, created on first use and destroyed when the thread ends. PROJ's log
/// output is captured here instead of reaching stderr.
final class ProjContext {
    let handle: OpaquePointer
    /// The last message PROJ logged on this context.
    fileprivate var lastMessage: String?
    private var crsCache: [String: OpaquePointer] = [:]
    private var transformCache: [TransformerKey: OpaquePointer] = [:]

    private init() {
        guard let handle = proj_context_create() else { fatalError("proj_context_create failed: out of memory") }
        self.handle = handle
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { userdata, _, message in
            guard let userdata, let message else { return }
            Unmanaged<ProjContext>.fromOpaque(userdata).takeUnretainedValue().lastMessage = String(cString: message)
        }
    }

    deinit {
        transformCache.values.forEach { proj_destroy($0) }
        crsCache.values.forEach { proj_destroy($0) }
        proj_context_destroy(handle)
    }

    /// The calling thread's context.
    static var current: ProjContext {
        if let raw = pthread_getspecific(projContextKey) {
            return Unmanaged<ProjContext>.fromOpaque(raw).takeUnretainedValue()
        }
        let context = ProjContext()
        pthread_setspecific(projContextKey, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    /// The best available explanation of the last failure on this context.
    func message() -> String {
        let code = proj_context_errno(handle)
        defer { lastMessage = nil }
        if let lastMessage { return lastMessage }
        if code != 0, let text = proj_context_errno_string(handle, code) { return String(cString: text) }
        return "PROJ reported a failure without a message"
    }

    /// The parsed CRS object for a definition, parsed once per thread.
    func crs(_ definition: String) throws(ProjectionError) -> OpaquePointer {
        if let cached = crsCache[definition] { return cached }
        lastMessage = nil
        guard let pj = proj_create(handle, definition) else {
            throw .unknownCRS(definition: definition, message: message())
        }
        guard proj_is_crs(pj) == 1 else {
            proj_destroy(pj)
            throw .notACRS(definition: definition)
        }
        crsCache[definition] = pj
        return pj
    }

    /// The transformation pipeline between two CRSs in lon/lat, easting/northing axis order,
    /// created once per thread.
    func transformation(_ key: TransformerKey) throws(ProjectionError) -> OpaquePointer {
        if let cached = transformCache[key] { return cached }
        let source = try crs(key.source)
        let target = try crs(key.target)
        lastMessage = nil
        guard let raw = proj_create_crs_to_crs_from_pj(handle, source, target, nil, nil) else {
            throw .noTransformation(source: key.source, target: key.target, message: message())
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(handle, raw) else {
            throw .noTransformation(source: key.source, target: key.target, message: message())
        }
        transformCache[key] = normalized
        return normalized
    }
}

/// A cache key: the two CRS definitions of a transformation.
struct TransformerKey: Hashable {
    let source: String
    let target: String
}

/// The thread-local slot holding each thread's context; the destructor releases it at thread exit.
private let projContextKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        guard let raw else { return }
        Unmanaged<ProjContext>.fromOpaque(raw).release()
    }
    precondition(status == 0, "pthread_key_create failed")
    return key
}()
