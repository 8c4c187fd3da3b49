"""Who may touch which organization's content. Superusers may touch everything."""

from __future__ import annotations

from django.db.models import QuerySet

from .content import LANGUAGES, translated_fields
from .models import Campaign, Membership, Organization, Translator

EDIT_ROLES = (Membership.Role.OWNER, Membership.Role.EDITOR)


def access_organization_list_for_user(user, *, write: bool = False) -> QuerySet[Organization]:
    """Organizations the user belongs to (with an editing role when `write`)."""
    if user.is_superuser:
        return Organization.objects.all()
    memberships = Membership.objects.filter(user=user)
    if write:
        memberships = memberships.filter(role__in=EDIT_ROLES)
    return Organization.objects.filter(pk__in=memberships.values("organization_id"))


def access_campaign_list_for_user(user, *, write: bool = False) -> QuerySet[Campaign]:
    """Campaigns of the user's organizations; partners do not get edit rights."""
    return Campaign.objects.filter(
        organization__in=access_organization_list_for_user(user, write=write)
    )


def access_campaign_for_editor(user, campaign: Campaign) -> bool:
    return access_campaign_list_for_user(user, write=True).filter(pk=campaign.pk).exists()


def access_organization_list_for_owner(user) -> QuerySet[Organization]:
    """Organizations the user owns (all of them for a superuser)."""
    if user.is_superuser:
        return Organization.objects.all()
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER)
    return Organization.objects.filter(pk__in=owned.values("organization_id"))


# --- Translations: editors write every language, translators their own --------------------


def access_translation_languages_for_user(user, campaign: Campaign) -> frozenset[str]:
    """The languages in which `user` may edit the campaign's texts: every language for
    superusers and the organization's owners and editors, a translator's own languages
    (Translator rows), none for anyone else (viewers included)."""
    if user.is_superuser or access_campaign_for_editor(user, campaign):
        return frozenset(LANGUAGES)
    languages = Translator.objects.filter(
        user=user, organization_id=campaign.organization_id
    ).values_list("language", flat=True)
    return frozenset(languages)


def access_translation_fields(model, language: str) -> list[str]:
    """The columns a form for translating `model` into `language` may hold: that
    language's version of each translatable text (`title_es`, `body_es`, ...) and nothing
    else. A translator's form is built from these, so it cannot touch anything else."""
    from modeltranslation.utils import build_localized_fieldname

    return [build_localized_fieldname(field, language) for field in translated_fields(model)]
