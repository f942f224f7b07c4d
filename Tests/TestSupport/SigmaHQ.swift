import Foundation

/// SigmaHQ's CloudTrail rules in `../shared/conformance/sigma/rules`, when `../shared` is there.
public enum SigmaHQ {
  /// The rules folder, or nil.
  public static let folder: String? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let path = url.appendingPathComponent("shared/conformance/sigma/rules").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()
}
