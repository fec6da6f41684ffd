import CGEOS

/// The GEOS library in use (loaded at run time, which may differ from the headers built against).
public enum GEOSLibrary {
    /// GEOS's version and its C API's, e.g. "3.11.1-CAPI-1.17.1".
    public static var version: String { String(cString: GEOSversion()) }
}
