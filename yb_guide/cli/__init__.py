"""The command-line front end: typer commands, the frame (Chinese errors, exit codes), the output
path, prompts, the wizard and the rich renderers."""


def main() -> None:
    import sys

    from yb_guide.cli import frame

    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        frame.started_for = sys.argv[1]  # cli.app adds only the commands it needs
    from yb_guide.cli.app import main as run

    run()
