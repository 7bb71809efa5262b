from yb_guide.cli import main

main()
