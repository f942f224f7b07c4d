/// A problem reading a query results page: where it was noticed and why.
public struct ResultsPageError: Error, Sendable, Equatable {
  /// Byte offset in the page.
  public var offset: Int
  /// A short reason such as `unterminated string`.
  public var reason: String
}

/// One page of Athena's `GetQueryResults`, read without building values: the column names, each row's cells as
/// references into the page (absent for NULL: a cell without `VarCharValue`), and the next page's token.
///
/// `{"ResultSet":{"Rows":[{"Data":[{"VarCharValue":"…"},{}]}],"ResultSetMetadata":{"ColumnInfo":[{"Name":"…"}]}},
/// "NextToken":"…"}`. The first page of a SELECT starts with a row of the column names; ``dropHeader()`` removes it.
public struct AthenaResultsPage: Sendable {
  /// The column names (`ColumnInfo`'s `Name`s), in order.
  public var columns: [String] = []
  /// The rows' cells, each as raw JSON string content in the page.
  public var rows: [[JSONStringRef]] = []
  /// The next page's token; nil on the last page.
  public var nextToken: String?

  /// Reads `page`; throws when it is not such an answer.
  public static func read(_ page: [UInt8]) throws(ResultsPageError) -> AthenaResultsPage {
    var out = AthenaResultsPage()
    do throws(ScanError) {
      try page.withUnsafeBufferPointer { (buffer) throws(ScanError) in
        var c = JSONCursor(buffer, at: 0)
        c.skipWhitespace()
        guard !c.atEnd, c.byte == 0x7B else { throw c.error("expected an object") }
        c.i += 1
        var first = true
        while let key = try c.nextKey(&first) {
          if c.keyIs(key, "ResultSet"), c.byte == 0x7B {
            try out.readResultSet(&c, page)
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

  /// Removes the first row when it repeats the column names (the header row of a SELECT's first page).
  public mutating func dropHeader(in page: [UInt8]) {
    guard let first = rows.first, first.count == columns.count,
      zip(first, columns).allSatisfy({ $0.decode(in: page) == $1 })
    else { return }
    rows.removeFirst()
  }

  private mutating func readResultSet(_ c: inout JSONCursor, _ page: [UInt8]) throws(ScanError) {
    c.i += 1
    var first = true
    while let key = try c.nextKey(&first) {
      if c.keyIs(key, "Rows"), c.byte == 0x5B {
        c.i += 1
        var firstRow = true
        while try c.nextElement(&firstRow) { rows.append(try Self.cells(&c, key: "Data", cell: "VarCharValue")) }
      } else if c.keyIs(key, "ResultSetMetadata"), c.byte == 0x7B {
        c.i += 1
        var firstMeta = true
        while let meta = try c.nextKey(&firstMeta) {
          guard c.keyIs(meta, "ColumnInfo"), c.byte == 0x5B else {
            try c.skipValue()
            continue
          }
          columns = try Self.cells(&c, key: nil, cell: "Name").map { $0.decode(in: page) }
        }
      } else {
        try c.skipValue()
      }
    }
  }

  /// Reads `{"Data":[{"VarCharValue":"…"},…]}` (`key` "Data") or, with no key, `[{"Name":"…"},…]`: the string named
  /// `cell` in each element, absent when missing or not a string.
  private static func cells(_ c: inout JSONCursor, key: StaticString?, cell: StaticString) throws(ScanError)
    -> [JSONStringRef]
  {
    var out: [JSONStringRef] = []
    if let key {
      guard c.byte == 0x7B else {
        try c.skipValue()
        return out
      }
      c.i += 1
      var first = true
      while let k = try c.nextKey(&first) {
        if c.keyIs(k, key), c.byte == 0x5B { out = try elements(&c, cell) } else { try c.skipValue() }
      }
      return out
    }
    return try elements(&c, cell)
  }

  private static func elements(_ c: inout JSONCursor, _ cell: StaticString) throws(ScanError) -> [JSONStringRef] {
    var out: [JSONStringRef] = []
    c.i += 1
    var first = true
    while try c.nextElement(&first) {
      var value = JSONStringRef.absent
      if c.byte == 0x7B {
        c.i += 1
        var firstKey = true
        while let k = try c.nextKey(&firstKey) {
          if c.keyIs(k, cell) { value = try c.stringValue() } else { try c.skipValue() }
        }
      } else {
        try c.skipValue()
      }
      out.append(value)
    }
    return out
  }
}
