from yb_guide.cli.app import main

main()
