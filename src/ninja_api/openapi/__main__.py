import sys

from ninja_api.openapi import main

raise SystemExit(main(sys.argv[1:]))
