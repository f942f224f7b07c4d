/// One page of CloudTrail Lake's `GetQueryResults`, read without building values: the column names (the keys of
/// the first row's cells), each row's cells as references into the page (absent when a row lacks the column), and
/// the next page's token.
///
/// `{"QueryStatus":"FINISHED","QueryResultRows":[[{"eventid":"…"},{"eventname":"…"}],…],"NextToken":"…"}`: a row is
/// a list of one-key objects, a column each.
public struct LakeResultsPage: Sendable {
  /// The column names, in the first row's order.
  public var columns: [String] = []
  /// The rows' cells, in ``columns``' order.
  public var rows: [[JSONStringRef]] = []
  /// The next page's token; nil on the last page.
  public var nextToken: String?

  /// Reads `page`; throws when it is not such an answer. `expected` columns come first, in that order (a row leaves
  /// out its NULL columns, so the first row alone would make the order depend on the data); others follow as met.
  public static func read(_ page: [UInt8], expected: [String] = []) throws(ResultsPageError) -> LakeResultsPage {
    var out = LakeResultsPage()
    out.columns = expected
    do throws(ScanError) {
      try page.withUnsafeBufferPointer { (buffer) throws(ScanError) in
        var c = JSONCursor(buffer, at: 0)
        c.skipWhitespace()
        guard !c.atEnd, c.byte == 0x7B else { throw c.error("expected an object") }
        c.i += 1
        var first = true
        while let key = try c.nextKey(&first) {
          if c.keyIs(key, "QueryResultRows"), c.byte == 0x5B {
            try out.readRows(&c, page)
          } else if c.keyIs(key, "NextToken"), c.byte == 0x22 {
            let token = try c.string().decode(in: page)
            out.nextToken = token.isEmpty ? nil : token
          } else {
            try c.skipValue()
          }
        }
      }
    } catch {
      throw ResultsPageError(offset: error.offset, reason: error.reason)
    }
    return out
  }

  private mutating func readRows(_ c: inout JSONCursor, _ page: [UInt8]) throws(ScanError) {
    c.i += 1
    var firstRow = true
    var index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    while try c.nextElement(&firstRow) {
      guard c.byte == 0x5B else {
        try c.skipValue()
        continue
      }
      c.i += 1
      var cells = [JSONStringRef](repeating: .absent, count: columns.count)
      var firstCell = true
      var position = 0
      while try c.nextElement(&firstCell) {
        guard c.byte == 0x7B else {
          try c.skipValue()
          continue
        }
        c.i += 1
        var firstKey = true
        while let key = try c.nextKey(&firstKey) {
          let value = try c.stringValue()
          // Columns come in the same order in every row; a name is looked up only when it differs.
          let column: Int
          if position < columns.count, c.keyIs(key, columns[position]) {
            column = position
          } else {
            let name = key.decode(in: page)
            if let known = index[name] {
              column = known
            } else {
              column = columns.count
              columns.append(name)
              index[name] = column
              for r in rows.indices { rows[r].append(.absent) }
              cells.append(.absent)
            }
          }
          if column < cells.count { cells[column] = value }
          position = column + 1
        }
      }
      rows.append(cells)
    }
  }
}

extension JSONCursor {
  /// True when the string's raw bytes equal `name`.
  func keyIs(_ key: JSONStringRef, _ name: String) -> Bool {
    var name = name
    return name.withUTF8 { bytes in
      guard key.end - key.start == bytes.count else { return false }
      for j in 0..<bytes.count where base[key.start + j] != bytes[j] { return false }
      return true
    }
  }
}
