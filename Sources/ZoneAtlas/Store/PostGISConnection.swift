internal import Logging
internal import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import PostgresNIO

/// One connection to a PostGIS registry, used from one thread at a time and waited on: the
/// registry's interface is synchronous, and the connection's work runs on NIO's own event loop
/// threads (never on Swift concurrency's cooperative pool, which a blocking caller could starve).
final class PostGISConnection {
    let address: PostGISAddress
    private let connection: PostgresConnection
    private let logger = Logger(label: "zoneatlas.postgis", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects, or throws a ``RegistryError`` saying why not (unreachable, refused password, no such database).
    init(_ address: PostGISAddress) throws(RegistryError) {
        self.address = address
        var configuration: PostgresConnection.Configuration
        if address.host.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(address.host)/.s.PGSQL.\(address.port)", username: address.user,
                                  password: address.password, database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            if address.requiresTLS {
                do {
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                } catch {
                    throw .store(path: address.description, reason: "cannot set up TLS: \(error)")
                }
            } else {
                tls = .disable
            }
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: logger).wait()
        } catch {
            throw .store(path: address.description, reason: "cannot connect: \(Self.reason(error))")
        }
    }

    deinit {
        if !isLost { _ = try? connection.close().wait() }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(RegistryError) -> PostgresQueryResult {
        try wait(send(sql, binds))
    }

    /// The first column of the first row a statement returns, if any.
    func value<T: PostgresDecodable>(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), as type: T.Type) throws(RegistryError) -> T? {
        guard let row = try run(sql, binds).first else { return nil }
        return try column(row.makeRandomAccess(), 0, as: T.self)
    }

    /// A column of a row as a Swift value.
    func column<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ index: Int, as type: T.Type = T.self) throws(RegistryError) -> T {
        try Self.column(row, index, as: type, location: address.description)
    }

    /// A column of a row as a Swift value; `location` names the registry in the error.
    static func column<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ index: Int, as type: T.Type = T.self, location: String)
        throws(RegistryError) -> T {
        do {
            return try row[index].decode(T.self)
        } catch {
            throw .store(path: location, reason: "unexpected type in column \(index + 1): \(error)")
        }
    }

    /// Sends one statement without waiting for it (so that the next may be prepared meanwhile).
    /// On a connection the server ended, it fails at once: a statement queued there would never be answered.
    func send(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) -> EventLoopFuture<PostgresQueryResult> {
        if isLost || connection.isClosed {
            return connection.eventLoop.makeFailedFuture(RegistryError.store(path: address.description, reason: "the connection to the server was lost"))
        }
        return connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }

    /// Waits for a statement sent with ``send(_:_:)``; with `seconds`, no longer than that.
    func wait(_ future: EventLoopFuture<PostgresQueryResult>, seconds: Int64? = nil) throws(RegistryError) -> PostgresQueryResult {
        do {
            guard let seconds else { return try future.wait() }
            let bounded = future.eventLoop.makePromise(of: PostgresQueryResult.self)
            future.cascade(to: bounded)
            let location = address.description
            let timer = future.eventLoop.scheduleTask(in: .seconds(seconds)) {
                bounded.fail(RegistryError.store(path: location, reason: "the server did not answer in \(seconds) s"))
            }
            defer { timer.cancel() }
            return try bounded.futureResult.wait()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// Ends the transaction without its changes, if the connection still stands (the server rolls
    /// back by itself a transaction whose connection ended).
    func rollBack() {
        _ = try? wait(send("ROLLBACK"), seconds: 10)
    }

    /// Whether the server ended the connection (a later statement would never be answered).
    private var isLost = false

    /// The error a failed statement becomes: a lock not granted in time is ``RegistryError/locked(path:seconds:)``.
    func failure(_ error: any Error) -> RegistryError {
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState] ?? ""
            if state == "55P03" { return .locked(path: address.description, seconds: lockTimeoutSeconds) }
            if state.hasPrefix("57P") || state.hasPrefix("08") || [.serverClosedConnection, .clientClosedConnection].contains(error.code) {
                isLost = true
            }
        }
        return .store(path: address.description, reason: Self.reason(error))
    }

    /// The lock timeout the connection was given, in seconds (for messages).
    var lockTimeoutSeconds: Double = 0

    /// Whether the database is a Citus cluster's coordinator (it has the `citus` extension); asked once.
    func isCitus() throws(RegistryError) -> Bool {
        if let citus { return citus }
        let found = try value("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')", as: Bool.self) == true
        citus = found
        return found
    }

    private var citus: Bool?

    /// The server's message for a failed statement (with its detail and hint), or what broke the
    /// connection. PostgresNIO's own description hides both.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let hint = info[.hint] { text += "; \(hint)" }
            if info[.sqlState] == "57P01" || info[.sqlState] == "57P02" || info[.sqlState] == "57P03" {
                text = "the server ended the connection: \(text)"
            }
            return text
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection:
            return "the connection to the server was lost"
        case .authMechanismRequiresPassword:
            return "the server asks for a password: give it in the URL or PGPASSWORD"
        default:
            return error.underlying.map { "\($0)" } ?? "\(error.code)"
        }
    }

    /// The SQL name of an identifier, quoted.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string as an SQL literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
