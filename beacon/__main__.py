"""The `beacon` command: Django's manage.py, installed as a console script."""

import sys


def main() -> None:
    from beacon.environment import prepare

    prepare()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
