"""Sub-commands of the command line that have grown beyond a few lines; `pipeline/cli.py` (the one
place the command line lives) registers them on its app."""
