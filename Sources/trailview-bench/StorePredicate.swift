import EventStore

/// EventStore's `Predicate`, named apart from Foundation's (this file imports only EventStore).
typealias StorePredicate = Predicate
