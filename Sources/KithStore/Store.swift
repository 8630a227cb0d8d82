import Foundation
import GRDB
import KithCore

/// kith's state in one SQLite file (WAL): contacts, interactions, reminder state, announcements.
///
/// Every change runs in one transaction through ``write(_:)``.
public final class Store: Sendable {
  public let path: String
  private let queue: DatabaseQueue

  /// Opens (creating when absent) and migrates the database at `path`.
  public init(path: String) throws(StoreError) {
    self.path = path
    let directory = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      var configuration = Configuration()
      configuration.journalMode = .wal
      configuration.busyMode = .timeout(10)
      configuration.foreignKeysEnabled = true
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw StoreError(path: path, message: "Failed to open: \(Self.describe(error))")
    }
    try migrate()
  }

  private func migrate() throws(StoreError) {
    let migrator = Schema.migrator
    do {
      let known = Set(migrator.migrations)
      let applied = try queue.read { try migrator.appliedIdentifiers($0) }
      let unknown = applied.subtracting(known)
      guard unknown.isEmpty else {
        throw StoreError(
          path: path,
          message:
            "Written by a newer kith (schema \(unknown.sorted().joined(separator: ", "))); "
            + "this kith knows \(migrator.migrations.joined(separator: ", ")). "
            + "Upgrade kith; the file was left untouched")
      }
      try migrator.migrate(queue)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(path: path, message: "Failed to migrate: \(Self.describe(error))")
    }
  }

  /// Runs `body` in one write transaction: all of it lands, or none.
  public func write<T>(_ body: (inout StoreWriter) throws -> T) throws(StoreError) -> T {
    do {
      return try queue.write { db in
        var writer = StoreWriter(db: db)
        return try body(&writer)
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(path: path, message: "Failed to write: \(Self.describe(error))")
    }
  }

  /// Reads a consistent snapshot.
  public func read<T>(_ body: (StoreReader) throws -> T) throws(StoreError) -> T {
    do {
      return try queue.read { db in try body(StoreReader(db: db)) }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(path: path, message: "Failed to read: \(Self.describe(error))")
    }
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? error.description
    }
    return "\(error)"
  }
}
