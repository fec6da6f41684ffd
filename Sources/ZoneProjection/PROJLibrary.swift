import CPROJ

/// The PROJ library in use and its database.
public enum PROJLibrary {
    /// PROJ's version, e.g. "9.1.1".
    public static var version: String { String(cString: proj_info().version) }

    /// The version of the EPSG dataset in PROJ's database (`proj.db`), e.g. "v10.076", or nil when the
    /// database does not say.
    public static var epsgVersion: String? { databaseMetadata("EPSG.VERSION") }

    /// Where PROJ's database is, e.g. "/usr/share/proj/proj.db".
    public static var databasePath: String? {
        proj_context_get_database_path(ProjContext.current.handle).map { String(cString: $0) }
    }

    private static func databaseMetadata(_ key: String) -> String? {
        proj_context_get_database_metadata(ProjContext.current.handle, key).map { String(cString: $0) }
    }
}
