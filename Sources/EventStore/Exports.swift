// The LookupEvents value types live in AWSClient (they are API shapes); every user of the store sees them too.
@_exported import AWSClient
