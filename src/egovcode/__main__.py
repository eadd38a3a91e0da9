from egovcode.cli.app import main

main()
