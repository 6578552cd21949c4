"""``python -m journeybot`` runs the CLI."""

from journeybot.service.cli import main

main()
