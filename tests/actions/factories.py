import factory
from django.utils import timezone

from beacon.actions.models import Signature
from beacon.people.email import email_canonicalize
from tests.campaigns.factories import PetitionFactory


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    petition = factory.SubFactory(PetitionFactory)
    first_name = factory.Sequence(lambda n: f"Rosa{n}")
    last_name = "Diaz"
    email = factory.Sequence(lambda n: f"rosa{n}@example.org")
    email_canonical = factory.LazyAttribute(lambda o: email_canonicalize(o.email))
    zip_code = "02150"
    town = "Chelsea"
    share_code = factory.Sequence(lambda n: f"code{n:06d}")


class ConfirmedSignatureFactory(SignatureFactory):
    status = Signature.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
