import AccessGraphCLI

AccessGraphCommand.main()
