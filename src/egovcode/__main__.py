from egovcode.cli.entry import main

main()
