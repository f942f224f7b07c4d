// Entry point: parse the command line and serve until killed.
FakeCommand.main()
