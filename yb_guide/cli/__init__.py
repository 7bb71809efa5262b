"""The command-line front end: typer commands, the frame (Chinese errors, exit codes), the output
path, prompts, the wizard and the rich renderers."""


def main() -> None:
    import gc
    import sys

    # A start allocates ~100,000 objects (the libraries' modules, typer's commands, the cached
    # knowledge) and none of them is garbage; at the cycle collector's usual threshold it walks them
    # again and again (~4 ms of every start).  Collections still happen, a hundred times less often.
    usual = gc.get_threshold()
    gc.set_threshold(100_000, *usual[1:])
    from yb_guide.cli import frame

    frame.usual_thresholds = usual
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        frame.started_for = sys.argv[1]  # cli.app adds only the commands it needs
    from yb_guide.cli.app import main as run

    run()
