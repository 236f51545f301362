#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # manage.py is the developer's tool: without an environment it runs in development mode. Production
    # sets DEBUG=false, SECRET_KEY and PERSONAL_DATA_KEYS in its environment (and serves through wsgi.py).
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
