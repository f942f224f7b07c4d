// libFuzzer entry for CloudTrailModel's record scanner and file-shape detector.
//
// Built by scripts/fuzz.sh together with Sources/CloudTrailModel/*.swift into one executable
// (swiftc -sanitize=fuzzer,address -parse-as-library). Every invariant failure traps via fatalError.

@inline(never)
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError("fuzz invariant: " + message()) }
}

/// True for scalars DisplayText.sanitize must never let through.
func isForbiddenDisplayScalar(_ v: UInt32) -> Bool {
  v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
    || (0x2066...0x2069).contains(v)
}

func checkSanitized(_ s: String, _ what: String) {
  for scalar in s.unicodeScalars {
    check(!isForbiddenDisplayScalar(scalar.value), "\(what): sanitize left U+\(String(scalar.value, radix: 16))")
  }
}

func checkRef(_ ref: JSONStringRef, _ name: String, record: Range<Int>, buffer: [UInt8]) {
  guard ref.isPresent else { return }
  check(
    ref.start >= 0 && ref.end <= buffer.count, "\(name) ref \(ref.start)..<\(ref.end) outside buffer \(buffer.count)")
  check(ref.start >= record.lowerBound && ref.end <= record.upperBound, "\(name) ref outside its record")
  check(ref.start >= 1 && buffer[ref.start - 1] == 0x22 && buffer[ref.end] == 0x22, "\(name) ref not between quotes")
  let decoded = ref.decode(in: buffer)
  checkSanitized(DisplayText.sanitize(decoded), name)
  let raw = ref.decodedBytes(in: buffer)
  checkSanitized(DisplayText.sanitize(bytes: raw), name + " bytes")
  // The public time parser on an exact-size copy (ASan catches reads past the end).
  let exact = [UInt8](unsafeUninitializedCapacity: raw.count) { buf, n in
    _ = buf.initialize(from: raw)
    n = raw.count
  }
  _ = EventTime.parse(exact[...])
}

/// libFuzzer's entry point: scans `data` and checks every invariant, trapping when one breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // Short inputs also go straight to the public time parser (the CLI passes user text to it); the array has no
  // spare capacity, so ASan sees any read past its end.
  if size <= 64 {
    if let t = EventTime.parse(bytes[...]) { _ = EventTime.formatISO(t) }
  }
  let result = RecordScanner.scan(bytes)
  let buffer = result.buffer
  // Once an Events array is seen every record is copied into a separate buffer; that happens for lookup-events
  // output and for NDJSON that mixes lookup pages with other values.
  let ownBuffer = buffer != bytes
  if ownBuffer {
    check(result.shape == .lookupEvents || result.shape == .ndjson, "buffer differs from input for \(result.shape)")
  }
  if result.shape == .empty || result.shape == .digest || result.shape == .unknown {
    check(result.records.isEmpty, "records found for shape \(result.shape)")
  }
  for p in result.problems { checkSanitized(DisplayText.sanitize(p), "problem") }
  var previousEnd = 0
  for record in result.records {
    let r = record.range
    check(r.lowerBound >= 0 && r.upperBound <= buffer.count, "record \(r) outside buffer \(buffer.count)")
    check(r.count >= 2, "record \(r) too short")
    check(buffer[r.lowerBound] == 0x7B && buffer[r.upperBound - 1] == 0x7D, "record \(r) not {...}")
    check(r.lowerBound >= previousEnd, "records overlap or out of order")
    previousEnd = r.upperBound
    let f = record.fields
    let refs: [(String, JSONStringRef)] = [
      ("eventName", f[.eventName]), ("eventSource", f[.eventSource]), ("awsRegion", f[.awsRegion]),
      ("sourceIPAddress", f[.sourceIPAddress]), ("userAgent", f[.userAgent]), ("errorCode", f[.errorCode]),
      ("errorMessage", f[.errorMessage]), ("eventID", f[.eventID]), ("eventType", f[.eventType]),
      ("recipientAccountId", f[.recipientAccountId]), ("identityType", f[.identityType]), ("userName", f[.userName]),
      ("arn", f[.arn]), ("invokedBy", f[.invokedBy]), ("accountId", f[.accountId]), ("principalId", f[.principalId]),
      ("accessKeyId", f[.accessKeyId]), ("sessionIssuerUserName", f[.sessionIssuerUserName]),
      ("onBehalfOfUserId", f[.onBehalfOfUserId]), ("requestName", f[.requestName]),
    ]
    for (name, ref) in refs { checkRef(ref, name, record: r, buffer: buffer) }
    if let t = f.eventTime {
      let iso = EventTime.formatISO(t)
      // Years 0001-9999 round-trip; a zone offset can push a time just outside that range, which parse rejects.
      if let back = EventTime.parse(Array(iso.utf8)[...]) {
        check(back == t, "eventTime \(t) does not round-trip via \(iso)")
      } else {
        check(t < -62135596800 + 86400 || t >= 253402300800 - 86400, "eventTime \(t) formats as unparsable \(iso)")
      }
      _ = EventTime.format(t, offsetSeconds: -50400)
    }
    checkSanitized(DisplayText.sanitize(Identity.displayName(f, in: buffer)), "displayName")
    if let role = Identity.roleName(f, in: buffer) { checkSanitized(DisplayText.sanitize(role), "roleName") }

    let slice = buffer[r]
    let lines = JSONPretty.lines(slice, width: 40)
    check(!lines.isEmpty, "pretty printer produced no lines")
    for line in lines {
      check(line.indent >= 0, "negative indent")
      for span in line.spans { checkSanitized(span.text, "pretty span") }
    }
    let compact = JSONPretty.compact(slice)
    if let bad = compact.firstIndex(where: { $0 < 0x20 }) {
      let context = String(decoding: compact[max(0, bad - 30)..<min(compact.count, bad + 10)], as: UTF8.self)
      check(false, "compact output of record \(r) has raw byte \(compact[bad]) at \(bad): \(context.debugDescription)")
    }
    let compactText = String(decoding: compact, as: UTF8.self)
    check(Array(compactText.utf8) == compact, "compact output is not valid UTF-8")
    checkSanitized(compactText, "compact")
    check(compact.first == 0x7B && compact.last == 0x7D, "compact output is not {...}")
    // Compacting is idempotent.
    check(JSONPretty.compact(compact[...]) == compact, "compact is not idempotent")
    // A compacted record scans back as one record with the same event name.
    let again = RecordScanner.scan(compact)
    if !ownBuffer && (f.eventTime != nil || (f[.eventName].isPresent && f[.eventSource].isPresent)) {
      check(again.records.count == 1, "compacted record scans to \(again.records.count) records")
      if let one = again.records.first {
        check(one.fields.eventTime == f.eventTime, "compacted record changes eventTime")
      }
    }
  }
  // Pretty-print and sanitize the whole input too (invalid JSON path); cap the cost.
  if bytes.count <= 4096 {
    _ = JSONPretty.lines(bytes[...], width: 40)
    checkSanitized(DisplayText.sanitize(bytes: bytes), "whole input")
  }
  return 0
}
