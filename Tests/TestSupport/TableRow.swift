extension String {
  /// A screen line of the events table without the detection level marker before it ("H ", or two spaces on rows
  /// no rule flagged): what the row's columns start with. Lines without the marker are returned as they are.
  public var tableRow: Substring {
    let scalars = Array(unicodeScalars.prefix(2))
    guard scalars.count == 2, scalars[1] == " ", " CHMLI".unicodeScalars.contains(scalars[0]) else { return self[...] }
    return dropFirst(2)
  }
}
