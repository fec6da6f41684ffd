import Foundation

/// Where a PostGIS registry is: a `postgresql://` URL completed by the usual `PG*` environment
/// variables, as `psql` reads them.
///
/// `postgresql://user:password@host:port/database?schema=planning` — every part may be left out:
/// the host from `PGHOST` (a directory means a Unix socket there; by default
/// `/var/run/postgresql`), the port from `PGPORT` (5432), the user from `PGUSER` (the login name),
/// the password from `PGPASSWORD`, the database from `PGDATABASE` (the user's name), the schema
/// `public`. A socket directory may also be given as `?host=/path`, or percent-encoded as the host.
public struct PostGISAddress: Sendable, Equatable {
    /// A host name or address; a path (starting with `/`) is a directory holding the server's Unix socket.
    public var host: String
    /// The server's port (also the Unix socket's number).
    public var port: Int
    /// The user to connect as.
    public var user: String
    /// The password, if one is needed.
    public var password: String?
    /// The database.
    public var database: String
    /// The schema that holds the registry's tables.
    public var schema: String
    /// Whether the connection must be encrypted (`sslmode=require`).
    public var requiresTLS: Bool

    /// Whether `text` is a PostgreSQL URL (`postgresql://` or `postgres://`) rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a PostgreSQL URL, taking what it leaves out from `environment`.
    /// - Throws: ``RegistryError/store(path:reason:)`` when the URL cannot be read.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RegistryError) {
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw .store(path: Self.redacted(text), reason: "not a PostgreSQL URL: write postgresql://user:password@host:port/database?schema=name")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let known: Set = ["schema", "host", "port", "user", "password", "dbname", "sslmode", "connect_timeout", "application_name"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw .store(path: Self.redacted(text), reason: "unknown URL parameter '\(unknown)'; known: \(known.sorted().joined(separator: ", "))")
        }
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        host = nonEmpty(query["host"]) ?? nonEmpty(url.host?.removingPercentEncoding) ?? nonEmpty(environment["PGHOST"]) ?? "/var/run/postgresql"
        let portText = nonEmpty(query["port"]) ?? url.port.map(String.init) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .store(path: Self.redacted(text), reason: "the port '\(portText)' is not a number from 1 to 65535")
        }
        self.port = port
        user = nonEmpty(query["user"]) ?? nonEmpty(url.user?.removingPercentEncoding) ?? nonEmpty(environment["PGUSER"]) ?? RevisionNote.loginName
        password = nonEmpty(query["password"]) ?? nonEmpty(url.password?.removingPercentEncoding) ?? nonEmpty(environment["PGPASSWORD"])
        let path = String(url.path.drop(while: { $0 == "/" })).removingPercentEncoding
        database = nonEmpty(query["dbname"]) ?? nonEmpty(path) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        schema = nonEmpty(query["schema"]) ?? "public"
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "disable"
        switch mode {
        case "disable", "allow", "prefer": requiresTLS = false
        case "require": requiresTLS = true
        default:
            throw .store(path: Self.redacted(text), reason: "sslmode '\(mode)' is not supported: use disable, prefer or require")
        }
    }

    /// The address as a URL without the password, for messages.
    public var description: String {
        let hostPart = host.hasPrefix("/") ? "" : host
        let socket = host.hasPrefix("/") ? "&host=\(host)" : ""
        return "postgresql://\(user)@\(hostPart):\(port)/\(database)?schema=\(schema)\(socket)"
    }

    /// `text` with any password in it replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text) else { return text }
        if url.password != nil { url.password = "***" }
        url.queryItems = url.queryItems?.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        return url.string ?? text
    }
}
