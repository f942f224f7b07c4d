import Foundation

/// Writes the results as Markdown between markers in docs/PERFORMANCE.md.
enum Report {
  static let begin = "<!-- bench:begin (written by trailview-bench run; do not edit by hand) -->"
  static let end = "<!-- bench:end -->"

  static func markdown(trees: [TreeResult], inside: InProcessResult?, insideStats: TreeStats?, note: String?)
    -> String
  {
    var out: [String] = []
    let date = ISO8601DateFormatter().string(from: Date())
    let cpu = External.capture("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-")
    let memory = External.capture("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    let load = External.capture("cut -d' ' -f1-3 /proc/loadavg")
    out.append("Measured \(date) on \(External.capture("nproc")) cores, \(cpu), \(memory) RAM; load average before")
    out.append("the run: \(load).\(note.map { " " + $0 } ?? "")")
    out.append("")
    if !trees.isEmpty {
      out.append(
        "| tree | JSON / gzip | trailview load+filter | zcat | igzip -dc | jq | trailview vs zcat | trailview vs igzip "
          + "| trailview vs jq | peak RSS (vs JSON) |")
      out.append("|---|---|---|---|---|---|---|---|---|---|")
      for row in trees {
        let tv = row.trailview
        let jq = row.jq.map { "\(seconds($0)) (\(cores($0)))" } ?? "—"
        let vsJQ = row.jq.map { String(format: "%.1fx faster", $0.wall / tv.wall) } ?? "—"
        let igzip = row.igzip.map { "\(seconds($0)) (\(cores($0)))" } ?? "—"
        let vsIgzip = row.igzip.map { String(format: "%.2fx", tv.wall / $0.wall) } ?? "—"
        out.append(
          "| \(count(row.stats.events)) events, \(row.stats.files) files | \(mb(row.stats.jsonBytes)) / "
            + "\(mb(row.stats.gzipBytes)) | \(seconds(tv)) (\(cores(tv))) | \(seconds(row.zcat)) (\(cores(row.zcat))) "
            + "| \(igzip) | \(jq) | \(String(format: "%.2fx", tv.wall / row.zcat.wall)) | \(vsIgzip) | \(vsJQ) | "
            + "\(mb(tv.maxRSSKiB * 1024)) (\(String(format: "%.2fx", Double(tv.maxRSSKiB * 1024) / Double(row.stats.jsonBytes)))) |"
        )
      }
      out.append("")
      out.append(
        "Wall time, median of the runs; in brackets the CPU time over wall time (1.0 = one busy core). zcat and "
          + "igzip run one process at a time (`find … | xargs -0 zcat`, `… igzip -dc`), so one core; jq's pipeline runs zcat and jq side by side. "
          + "trailview is `trailview --print --event-name StopLogging TREE/AWSLogs`; jq applies the same filter and "
          + "printed the same number of rows. Peak RSS is GNU time's maximum resident set of the trailview process.")
      out.append("")
    }
    if let r = inside, let stats = insideStats {
      out.append("In-process, \(count(r.events)) events loaded (\(mb(stats.jsonBytes)) JSON):")
      out.append("")
      out.append("| measure | result | required / goal |")
      out.append("|---|---|---|")
      out.append("| load + index, in process | \(String(format: "%.2f s", r.load)) | — |")
      out.append(
        "| then gzip chunks repacked as zstd, in the background | \(String(format: "%.2f s", r.pack)) | — |")
      out.append(
        "| first rows on screen (load start → first snapshot with a row → rendered) | \(ms(r.firstRows)) "
          + "| < 300 ms / < 100 ms |"
      )
      out.append(
        "| … of which: files listed (first snapshot) / first snapshot with a row | \(ms(r.listed)) / "
          + "\(ms(r.firstSnapshotWithRows)) | — |"
      )
      out.append(
        "| change a column filter (setFilter → published snapshot), median / p95 | \(ms(r.filterMedian)) / "
          + "\(ms(r.filterP95)) | < 2 ms / < 0.5 ms (median) |"
      )
      out.append(
        "| text search over the raw records (`/AccessDenied`), median, after repacking | \(ms(r.searchMedian)) | < 500 ms / < 150 ms |"
      )
      out.append(
        "| render a 200x60 dashboard, median / p95 | \(ms(r.renderMedian)) / \(ms(r.renderP95)) | < 2 ms / < 0.5 ms |")
      out.append(
        "| resident memory after load and filters (peak) | \(mb(r.rssKiB * 1024)) (\(mb(r.peakKiB * 1024))), "
          + "\(String(format: "%.2fx", Double(r.peakKiB * 1024) / Double(stats.jsonBytes))) of JSON | ≤ 0.40x / 0.25x |"
      )
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  static func seconds(_ t: Timed) -> String { String(format: "%.2f s", t.wall) }
  static func cores(_ t: Timed) -> String { String(format: "%.1f", t.cores) }
  static func ms(_ v: Double) -> String { String(format: v < 10 ? "%.2f ms" : "%.0f ms", v) }
  static func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1e6) }
  static func count(_ n: Int) -> String { n >= 1_000_000 && n % 1_000_000 == 0 ? "\(n / 1_000_000)M" : "\(n / 1000)k" }

  /// Replaces the marked section of `file` (or creates the file) with `text`.
  static func update(file: String, with text: String, begin: String = begin, end: String = end) throws {
    let existing = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "# Performance\n\n\(begin)\n\(end)\n"
    guard let a = existing.range(of: begin), let b = existing.range(of: end), a.upperBound <= b.lowerBound else {
      try (existing + "\n\(begin)\n\(text)\n\(end)\n").write(toFile: file, atomically: true, encoding: .utf8)
      return
    }
    let updated = existing[..<a.upperBound] + "\n" + text + "\n" + existing[b.lowerBound...]
    try String(updated).write(toFile: file, atomically: true, encoding: .utf8)
  }
}
