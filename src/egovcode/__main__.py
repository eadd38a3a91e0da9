from egovcode.cli.entry import main

if __name__ == "__main__":  # not when a worker process imports it (egovcode.load.parallel)
    main()
