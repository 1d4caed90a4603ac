"""Entry point for ``python -m replylint``."""

from replylint.cli import main

if __name__ == "__main__":
    main()
