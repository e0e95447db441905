from qualint.cli import main

main()
