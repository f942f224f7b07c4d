// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "trailview",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "trailview", targets: ["trailview"]),
    .executable(name: "cloudtrail-fake", targets: ["cloudtrail-fake"]),
    .executable(name: "trailview-bench", targets: ["trailview-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .systemLibrary(name: "CIsal", path: "Sources/CIsal"),
    .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
    .target(name: "CSearch"),
    .target(name: "CJSONIndex"),
    .target(name: "CloudTrailModel", dependencies: ["CJSONIndex"]),
    .target(name: "TerminalUI"),
    .target(name: "AWSClient", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
    .target(
      name: "EventStore",
      dependencies: [
        "CloudTrailModel", "AWSClient", "CZlib", "CIsal", "CZstd", "CSearch", "Detections",
        .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    .target(name: "LookupEmulator", dependencies: ["CloudTrailModel", "AWSClient"]),
    .target(name: "TrailviewDemo", dependencies: ["CloudTrailModel", "AWSClient", "LookupEmulator"]),
    .target(name: "TrailviewApp", dependencies: ["TerminalUI", "CloudTrailModel", "EventStore", "Detections"]),
    .target(name: "CursesBackend", dependencies: ["CNCursesW", "TerminalUI"]),
    .target(name: "Detections", dependencies: ["CloudTrailModel", .product(name: "Yams", package: "Yams")]),
    .plugin(name: "BuildInfo", capability: .buildTool()),
    .executableTarget(
      name: "trailview",
      dependencies: [
        "AWSClient", "CloudTrailModel", "EventStore", "TerminalUI", "TrailviewApp", "CursesBackend", "TrailviewDemo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      plugins: ["BuildInfo"]
    ),
    .executableTarget(
      name: "cloudtrail-fake",
      dependencies: [
        "AWSClient", "CloudTrailModel", "EventStore", "LookupEmulator", "TrailviewDemo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "trailview-bench",
      dependencies: [
        "AWSClient", "CloudTrailModel", "Detections", "EventStore", "TerminalUI", "TrailviewApp", "TrailviewDemo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "TestSupport", dependencies: ["AWSClient", "CloudTrailModel", "EventStore", "TrailviewDemo"],
      path: "Tests/TestSupport"),
    .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "TestSupport"]),
    .testTarget(
      name: "IntegrationTests",
      dependencies: ["AWSClient", "EventStore", "LookupEmulator", "TrailviewDemo", "TestSupport"]),
    .testTarget(name: "CloudTrailModelTests", dependencies: ["CloudTrailModel", "TestSupport"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(
      name: "DetectionsTests", dependencies: ["Detections", "CloudTrailModel", "TrailviewDemo", "TestSupport"]),
    .testTarget(
      name: "EventStoreTests",
      dependencies: [
        "AWSClient", "EventStore", "CloudTrailModel", "Detections", "LookupEmulator", "TrailviewDemo", "TestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .testTarget(
      name: "TrailviewAppTests",
      dependencies: ["TrailviewApp", "TerminalUI", "EventStore", "CloudTrailModel", "TestSupport"],
      exclude: ["__Snapshots__"]  // read by path (TestSupport's assertSnapshot), not resources
    ),
    .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "CloudTrailModel"]),
    .testTarget(name: "TrailviewCommandTests", dependencies: ["trailview", "CloudTrailModel", "TestSupport"]),
  ]
)
