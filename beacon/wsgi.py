"""WSGI entry point for gunicorn."""

from django.core.wsgi import get_wsgi_application

from beacon.environment import prepare

prepare()
application = get_wsgi_application()

# Load the ZIP code table now rather than inside the first signature's transaction.
from beacon.geo.zipcodes import zip_place  # noqa: E402

zip_place("02108")
