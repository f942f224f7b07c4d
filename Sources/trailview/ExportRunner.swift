import EventStore
import Foundation
import TrailviewApp

/// Writes an export to its file off the main thread, reporting progress about every 1 MiB written.
enum ExportRunner {
  /// Runs `request` over `snapshot`, telling `report` what happens.
  static func run(_ request: ExportRequest, snapshot: EventSnapshot, report: (ExportNews) -> Void) {
    let path = (request.path as NSString).expandingTildeInPath
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (request.overwrite ? O_TRUNC : O_EXCL)
    let fd = open(path, flags, 0o644)
    guard fd >= 0 else {
      if errno == EEXIST {
        report(.exists)
      } else {
        report(.finished(message: "could not write \(request.path): \(String(cString: strerror(errno)))", failed: true))
      }
      return
    }
    var bytes = 0
    var lastReport = 0
    do {
      try EventExport(snapshot: snapshot, rows: request.rows, format: request.format, columns: request.columns).write(
        to: { chunk in
          var offset = 0
          while offset < chunk.count {
            let n = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ExportError(reason: String(cString: strerror(errno))) }
            offset += n
          }
          bytes += chunk.count
        },
        progress: { done, total in
          if done - lastReport >= 1000 || done == total {
            lastReport = done
            report(.progress(done: done, total: total))
          }
        })
      guard close(fd) == 0 else { throw ExportError(reason: String(cString: strerror(errno))) }
      let size = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
      report(
        .finished(
          message: "wrote \(request.rows.count) events (\(size)) to \(request.path) as \(request.format.rawValue)",
          failed: false))
    } catch {
      close(fd)
      report(.finished(message: "could not write \(request.path): \(error)", failed: true))
    }
  }
}

/// A write that failed, with the system's reason.
struct ExportError: Error, CustomStringConvertible {
  var reason: String
  var description: String { reason }
}
