#!/usr/bin/env python
"""Django's command-line utility; the installed `beacon` command does the same."""

from beacon.__main__ import main

if __name__ == "__main__":
    main()
