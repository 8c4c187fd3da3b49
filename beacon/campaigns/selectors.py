"""Reads of campaigns, with visibility rules: drafts are never public."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from .content import LANGUAGES, main_language, text_in, translated_fields
from .models import (
    CallAsk,
    CallScript,
    Campaign,
    CampaignUpdate,
    LetterAsk,
    LetterTemplate,
    Petition,
)

PUBLIC_STATUSES = (Campaign.Status.LIVE, Campaign.Status.CLOSED, Campaign.Status.WON)


def campaign_list_public() -> QuerySet[Campaign]:
    """Published campaigns, live ones first, then won and closed ones; newest first
    within each. The status text sorts "closed" before "live", so the order is explicit."""
    rank = Case(
        When(status=Campaign.Status.LIVE, then=Value(0)),
        When(status=Campaign.Status.WON, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Campaign.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization", "petition")
        .order_by(rank, "-published_at")
    )


def campaign_get_public(*, slug: str) -> Campaign:
    """A published campaign by slug; Http404 for unknown and draft campaigns alike."""
    try:
        return (
            Campaign.objects.select_related("organization", "petition")
            .prefetch_related("partners")
            .get(slug=slug, status__in=PUBLIC_STATUSES)
        )
    except Campaign.DoesNotExist as exc:
        raise Http404("campaign") from exc


def campaign_update_list(*, campaign: Campaign, limit: int = 5) -> list[CampaignUpdate]:
    """The newest published updates of a campaign."""
    return list(campaign.updates.all()[:limit])


def campaign_page_version(*, slug: str) -> str:
    """A short key that changes whenever the public page of a campaign must change at
    once: a status change (even by a bulk update) or any edit saved through the admin.
    Http404 for unknown and draft campaigns. One indexed query, no joins."""
    row = (
        Campaign.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
        .values_list("status", "updated_at", "closed_at", "won_at")
        .first()
    )
    if row is None:
        raise Http404("campaign")
    return ":".join(str(part.timestamp() if isinstance(part, datetime) else part) for part in row)


@dataclass(frozen=True)
class MissingText:
    """One organizer text written in its main language but not in another."""

    obj: Any  # the campaign, or one of its updates, petition, asks, templates or scripts
    field: str  # the translatable field ("title", "body", ...)

    @property
    def label(self) -> str:
        """The field's name for people ("title"), in the active language."""
        return str(self.obj._meta.get_field(self.field).verbose_name)


def campaign_texts(campaign: Campaign) -> list[Any]:
    """The campaign and every object of it holding texts supporters read, in page order:
    the campaign, its petition, its letter asks with their templates, its call asks with
    their scripts, its updates. Six queries, whatever their number."""
    objects: list[Any] = [campaign]
    for petition in Petition.objects.filter(campaign=campaign):
        petition.campaign = campaign
        objects.append(petition)
    for asks, children in (
        (LetterAsk.objects.filter(campaign=campaign), LetterTemplate.objects.filter),
        (CallAsk.objects.filter(campaign=campaign), CallScript.objects.filter),
    ):
        by_ask: dict[int, list[Any]] = {}
        for child in children(ask__campaign=campaign).order_by("pk"):
            by_ask.setdefault(child.ask_id, []).append(child)
        for ask in asks.order_by("pk"):
            # Each object's main language is its campaign's (or its template's own):
            # the rows loaded here are reused rather than one query per object.
            ask.campaign = campaign
            objects.append(ask)
            for child in by_ask.get(ask.pk, []):
                child.ask = ask
                objects.append(child)
    updates = CampaignUpdate.objects.filter(campaign=campaign).order_by("published_at")
    for update in updates:
        update.campaign = campaign
        objects.append(update)
    return objects


def campaign_translations_missing(*, campaign: Campaign) -> dict[str, list[MissingText]]:
    """For each language, the texts written in their object's main language but not in
    that one, for the workspace to list ("Spanish: 3 texts to translate"). Every language
    is a key; one with nothing missing maps to an empty list (the campaign's main
    language does, unless a letter template is written in another language first). A
    text empty in its main language too is not missing: it is shown in no language."""
    missing: dict[str, list[MissingText]] = {language: [] for language in LANGUAGES}
    for obj in campaign_texts(campaign):
        main = main_language(obj)
        for field in translated_fields(type(obj)):
            if not text_in(obj, field, main).strip():
                continue
            for language in LANGUAGES:
                if language != main and not text_in(obj, field, language).strip():
                    missing[language].append(MissingText(obj, field))
    return missing
