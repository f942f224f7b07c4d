import Foundation

/// Finds executables built by SwiftPM next to the running test bundle (`.build/<triple>/debug/NAME`).
public enum BuiltProducts {
  /// The path of the built executable `name`, or nil when it is not there.
  public static func path(_ name: String) -> String? {
    var folders: [URL] = []
    let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    folders.append(argument0.deletingLastPathComponent())
    var bundle = Bundle.main.bundleURL
    for _ in 0..<4 {
      folders.append(bundle)
      bundle.deleteLastPathComponent()
    }
    for folder in folders {
      let candidate = folder.appendingPathComponent(name).path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
