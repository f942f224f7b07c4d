import ArgumentParser
import CloudTrailModel
import EventStore

// No Foundation here: its `Predicate` would hide EventStore's.

extension Options {
  /// Every field name, for help and error texts.
  static let fieldNames = Field.allCases.map(\.name).joined(separator: ", ")

  /// The `--columns` fields (`level` and `rules` left out: the screen marks flagged rows itself); nil when not given.
  /// Throws a usage error naming an unknown one.
  var columnFields: [Field]? {
    get throws {
      try printColumns?.compactMap {
        if case .field(let field) = $0 { return field }
        return nil
      }
    }
  }

  /// The `--columns` of table and CSV output: fields, `level` and `rules` (what the detection rules found) and
  /// `evidence` (what `--validate` said of the event's log file);
  /// nil when not given. Throws a usage error naming an unknown one.
  var printColumns: [ExportColumn]? {
    get throws {
      guard let columns else { return nil }
      var chosen: [ExportColumn] = []
      for name in columns.split(separator: ",").map({ String($0.filter { $0 != " " }) }) where !name.isEmpty {
        guard let column = ExportColumn(name: name) else {
          throw ValidationError(
            "--columns: unknown field \"\(name)\"; the fields are \(Self.fieldNames) (and level, rules, evidence)")
        }
        chosen.append(column)
      }
      guard !chosen.isEmpty else {
        throw ValidationError(
          "--columns needs field names; the fields are \(Self.fieldNames) (and level, rules, evidence)")
      }
      return chosen
    }
  }

  /// Whether print mode's output shows what the detection rules found: `--findings`, `--flagged`, or a `level` or
  /// `rules` column.
  var printsFindings: Bool {
    if findings || flagged { return true }
    let chosen = (try? printColumns) ?? nil
    return chosen?.contains { $0 == .level || $0 == .rules } ?? false
  }

  /// The `--summary` field; nil when not given. Throws a usage error for an unknown one.
  var summaryField: Field? {
    get throws {
      guard let summary else { return nil }
      guard let field = Field(name: summary) else {
        throw ValidationError("--summary: unknown field \"\(summary)\"; the fields are \(Self.fieldNames)")
      }
      return field
    }
  }

  /// The `--where` predicates; throws a usage error naming the accepted forms for one that is not.
  var wherePredicates: [Predicate] {
    get throws {
      try wheres.map { text in
        guard let predicate = Predicate.parse(text) else {
          throw ValidationError(
            "--where \"\(text)\" is not a filter: use FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT or FIELD?, where FIELD is "
              + "a field (\(Self.fieldNames)) or a JSON path such as requestParameters.bucketName")
        }
        return predicate
      }
    }
  }
}
