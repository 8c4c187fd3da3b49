"""Writes to campaigns (publishing, closing, declaring victory, updates) and to memberships.

A campaign's status changes only here: each lifecycle service sets the status and its
date together (retention keys on `closed_at` and `won_at`), and `Campaign.save` refuses
any other change of status."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from beacon.core.audit.services import audit_membership
from beacon.core.models import AuditEntry

from .models import Campaign, CampaignUpdate, LifecycleError, Membership, Organization
from .signals import campaign_news

MEMBERSHIP_ADDED = AuditEntry.Kind.MEMBERSHIP_ADDED
MEMBERSHIP_CHANGED = AuditEntry.Kind.MEMBERSHIP_CHANGED
MEMBERSHIP_REMOVED = AuditEntry.Kind.MEMBERSHIP_REMOVED


Status = Campaign.Status


def _lifecycle_save(campaign: Campaign, fields: list[str]) -> Campaign:
    campaign._lifecycle_change = True
    campaign.save(update_fields=[*fields, "updated_at"])
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    """The campaign's row, locked for this transaction, so two clicks cannot race."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def campaign_publish(*, campaign: Campaign) -> Campaign:
    """Make a draft (or closed) campaign live, setting `published_at` (the first time)
    and clearing `closed_at`, so retention does not treat a reopened campaign as ended.
    Publishing a campaign already past its deadline closes it at once. Raises
    LifecycleError for a live or won campaign."""
    campaign = _locked(campaign)
    if campaign.status not in (Status.DRAFT, Status.CLOSED):
        raise LifecycleError(campaign.status)
    now = timezone.now()
    campaign.status = Status.LIVE
    campaign.published_at = campaign.published_at or now
    campaign.closed_at = None
    if campaign.is_past_deadline:
        campaign.status = Status.CLOSED
        campaign.closed_at = now
    return _lifecycle_save(campaign, ["status", "published_at", "closed_at"])


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    """Stop a live campaign from taking actions and set `closed_at`; its page stays up and
    says so. Raises LifecycleError for a draft (closing would make public a page never
    published), a closed or a won campaign."""
    campaign = _locked(campaign)
    if campaign.status != Status.LIVE:
        raise LifecycleError(campaign.status)
    campaign.status = Status.CLOSED
    campaign.closed_at = timezone.now()
    return _lifecycle_save(campaign, ["status", "closed_at"])


@transaction.atomic
def campaign_mark_won(*, campaign: Campaign, message: str = "") -> Campaign:
    """Declare victory on a live or closed campaign: set `won_at`, show the organizer's
    `message` as a banner on the page, stop actions, and hand the message to
    `campaign_news_announce`. Raises LifecycleError for a draft or won campaign."""
    campaign = _locked(campaign)
    if campaign.status not in (Status.LIVE, Status.CLOSED):
        raise LifecycleError(campaign.status)
    campaign.status = Status.WON
    campaign.won_at = timezone.now()
    fields = ["status", "won_at"]
    if message:
        # In the campaign's main language, whatever language the organizer's page is in;
        # translations are written beside it like any other text (ADR 0014).
        main = build_localized_fieldname("victory_message", campaign.language)
        setattr(campaign, main, message)
        fields.append(main)
    _lifecycle_save(campaign, fields)
    campaign_news_announce(campaign=campaign, title="", text=message or campaign.victory_message)
    return campaign


@transaction.atomic
def campaign_update_post(
    *, campaign: Campaign, title: str, body: str, email: bool = False
) -> CampaignUpdate:
    """Post news on the campaign's page (any status but draft), dated now; with `email`,
    hand it to `campaign_news_announce` too. Raises LifecycleError for a draft."""
    if campaign.status == Status.DRAFT:
        raise LifecycleError(campaign.status)
    # Written in the campaign's main language (ADR 0014), like the victory message.
    update = CampaignUpdate.objects.create(
        campaign=campaign,
        published_at=timezone.now(),
        **{
            build_localized_fieldname("title", campaign.language): title,
            build_localized_fieldname("body", campaign.language): body,
        },
    )
    if email:
        campaign_news_announce(campaign=campaign, title=title, text=body)
    return update


def campaign_news_announce(*, campaign: Campaign, title: str, text: str) -> None:
    """Tell the apps that email news (beacon.actions) about a victory or an update: they
    queue it, in this transaction, to the supporters who asked the organization for news
    on this campaign (signals.campaign_news)."""
    campaign_news.send(sender=Campaign, campaign=campaign, title=title, text=text)


def campaigns_close_expired() -> int:
    """Close every live campaign whose deadline has passed; return how many closed.

    Views already refuse actions after the deadline, so this job only makes the
    stored status catch up with the clock."""
    now = timezone.now()
    return Campaign.objects.filter(status=Campaign.Status.LIVE, deadline__lte=now).update(
        status=Campaign.Status.CLOSED, closed_at=now, updated_at=now
    )


# --- Memberships: every role given, changed or taken away is in the audit log ----------


@transaction.atomic
def membership_save(
    *, actor, membership: Membership, previous: tuple[int, str] | None = None
) -> Membership:
    """Save a new membership (`previous` None) or a changed one (`previous` is the
    (user id, role) it had), and write the change to the audit log. A membership moved
    to another account counts as the role taken from one and given to the other."""
    membership.save()
    if previous is None:
        _audit_role(actor, MEMBERSHIP_ADDED, membership, membership.user, membership.role)
    elif previous[0] != membership.user_id:
        former = get_user_model()._default_manager.get(pk=previous[0])
        _audit_role(actor, MEMBERSHIP_REMOVED, membership, former, previous[1])
        _audit_role(actor, MEMBERSHIP_ADDED, membership, membership.user, membership.role)
    elif previous[1] != membership.role:
        _audit_role(
            actor, MEMBERSHIP_CHANGED, membership, membership.user, membership.role, previous[1]
        )
    return membership


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    """Delete a membership and write the role taken away to the audit log."""
    _audit_role(actor, MEMBERSHIP_REMOVED, membership, membership.user, membership.role)
    membership.delete()


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    """Delete an organization (its campaigns must be gone: they are protected), writing
    each role it held to the audit log as taken away."""
    for membership in organization.memberships.select_related("user"):
        _audit_role(actor, MEMBERSHIP_REMOVED, membership, membership.user, membership.role)
    organization.delete()


def _audit_role(
    actor, kind, membership: Membership, member, role: str, previous_role: str | None = None
) -> None:
    audit_membership(
        actor=actor,
        kind=kind,
        organization=membership.organization,
        member=member,
        role=role,
        previous_role=previous_role,
    )
