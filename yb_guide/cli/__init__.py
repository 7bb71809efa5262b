"""The command-line front end: typer commands, the frame (Chinese errors, exit codes), the output
path, prompts, the wizard and the rich renderers."""


def main() -> None:
    from yb_guide.cli.app import main as run

    run()
