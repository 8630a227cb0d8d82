// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "kith",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "kith", targets: ["kith"]),
    .executable(name: "kithd", targets: ["kithd"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Pure rules: contacts, cadences, the time rules. No IO; `now` and the zone come in.
    .target(name: "KithCore"),
    // The TOML config file and its built-in default.
    .target(
      name: "KithConfig",
      dependencies: ["KithCore", .product(name: "TOMLKit", package: "TOMLKit")]),
    // Contacts, interactions and reminder state in SQLite.
    .target(
      name: "KithStore",
      dependencies: ["KithCore", .product(name: "GRDB", package: "GRDB.swift")]),
    // Reading and writing vCard, CSV and iCalendar.
    .target(name: "KithFormats", dependencies: ["KithCore"]),
    // Wire types of the socket protocol, shared by the daemon and its clients.
    .target(name: "KithProtocol", dependencies: ["KithCore"]),
    .systemLibrary(
      name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
    // Thin typed wrappers over libsystemd, timerfd, inotify and Unix sockets.
    .target(
      name: "KithSystem",
      dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]),
    // The one command executor both transports share.
    .target(
      name: "KithEngine",
      dependencies: [
        "KithCore", "KithConfig", "KithStore", "KithProtocol", "KithFormats",
      ]),
    .target(
      name: "KithDaemon",
      dependencies: [
        "KithEngine", "KithSystem", .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(
      name: "kith",
      dependencies: [
        "KithEngine", "KithSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "kithd", dependencies: ["KithDaemon"]),
    .executableTarget(name: "kith-bench", dependencies: ["KithEngine"]),
    .testTarget(name: "KithCoreTests", dependencies: ["KithCore"]),
    .testTarget(name: "KithConfigTests", dependencies: ["KithConfig"]),
    .testTarget(
      name: "KithEngineTests",
      dependencies: ["KithEngine", "KithStore", "KithConfig", "KithCore", "KithProtocol"]),
    .testTarget(name: "KithFormatsTests", dependencies: ["KithFormats"]),
    .testTarget(name: "KithSystemTests", dependencies: ["KithSystem"]),
    .testTarget(name: "KithEndToEndTests"),
  ]
)

for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"),
      .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
