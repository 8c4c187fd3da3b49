# "Action" now means only a supporter's act (issue 11): what an organizer sets up is an
# ask. The tables and columns are renamed in place; no rows move. Constraints that name
# the renamed column are dropped before the rename and made again after it.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q

# `migrate` renames the content types after RenameModel (a pre_migrate hook of
# contenttypes, which a bare MigrationExecutor skips, so this does it too when needed);
# the permissions organizers hold keep their codenames unless renamed here
# ("change_letteraction" -> "change_letterask").
RENAMED = [('letteraction', 'letter action', 'letterask', 'letter ask'),
           ('callaction', 'call action', 'callask', 'call ask')]


def _permissions_rename(apps, renames):
    Permission = apps.get_model('auth', 'Permission')
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for old, old_name, new, new_name in renames:
        if not ContentType.objects.filter(app_label='campaigns', model=new).exists():
            ContentType.objects.filter(app_label='campaigns', model=old).update(model=new)
        for permission in Permission.objects.filter(
            content_type__app_label='campaigns', codename__endswith=f'_{old}'
        ):
            verb = permission.codename[: -len(old) - 1]
            permission.codename = f'{verb}_{new}'
            permission.name = permission.name.replace(old_name, new_name)
            permission.save(update_fields=['codename', 'name'])


def permissions_forwards(apps, schema_editor):
    _permissions_rename(apps, RENAMED)


def permissions_backwards(apps, schema_editor):
    _permissions_rename(apps, [(n, nn, o, on) for o, on, n, nn in RENAMED])


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0007_bill_to_officials'),
        ('officials', '0003_bill'),
        # The rename must come after every migration that names the old models.
        ('actions', '0006_letterrecipient_seat_type'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='letteraction', name='letteraction_unique_slug'),
        migrations.RemoveConstraint(model_name='callaction', name='callaction_unique_slug'),
        migrations.RemoveConstraint(model_name='lettertemplate', name='lettertemplate_unique'),
        migrations.RemoveConstraint(model_name='callscript', name='callscript_unique'),
        migrations.RemoveConstraint(model_name='callscript', name='callscript_unique_for_target'),
        migrations.RenameModel(old_name='LetterAction', new_name='LetterAsk'),
        migrations.RenameModel(old_name='CallAction', new_name='CallAsk'),
        migrations.RunPython(permissions_forwards, permissions_backwards),
        migrations.RenameField(model_name='lettertarget', old_name='action', new_name='ask'),
        migrations.RenameField(model_name='lettertemplate', old_name='action', new_name='ask'),
        migrations.RenameField(model_name='calltarget', old_name='action', new_name='ask'),
        migrations.RenameField(model_name='callscript', old_name='action', new_name='ask'),
        migrations.AlterModelOptions(
            name='letterask',
            options={'ordering': ['campaign', 'id'], 'verbose_name': 'letter ask', 'verbose_name_plural': 'letter asks'},
        ),
        migrations.AlterModelOptions(
            name='callask',
            options={'ordering': ['campaign', 'id'], 'verbose_name': 'call ask', 'verbose_name_plural': 'call asks'},
        ),
        migrations.AlterModelOptions(
            name='lettertemplate',
            options={'ordering': ['ask', 'audience'], 'verbose_name': 'letter template', 'verbose_name_plural': 'letter templates'},
        ),
        migrations.AlterModelOptions(
            name='callscript',
            options={'ordering': ['ask', 'audience'], 'verbose_name': 'call script', 'verbose_name_plural': 'call scripts'},
        ),
        migrations.AlterField(
            model_name='letterask',
            name='campaign',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='letter_asks', to='campaigns.campaign'),
        ),
        migrations.AlterField(
            model_name='letterask',
            name='bills',
            field=models.ManyToManyField(blank=True, related_name='letter_asks', to='officials.bill', verbose_name='bills'),
        ),
        migrations.AlterField(
            model_name='callask',
            name='campaign',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='call_asks', to='campaigns.campaign'),
        ),
        migrations.AlterField(
            model_name='callask',
            name='bills',
            field=models.ManyToManyField(blank=True, related_name='call_asks', to='officials.bill', verbose_name='bills'),
        ),
        migrations.AddConstraint(
            model_name='letterask',
            constraint=models.UniqueConstraint(fields=('campaign', 'slug'), name='letterask_unique_slug'),
        ),
        migrations.AddConstraint(
            model_name='callask',
            constraint=models.UniqueConstraint(fields=('campaign', 'slug'), name='callask_unique_slug'),
        ),
        migrations.AddConstraint(
            model_name='lettertemplate',
            constraint=models.UniqueConstraint(fields=('ask', 'audience'), name='lettertemplate_unique'),
        ),
        migrations.AddConstraint(
            model_name='callscript',
            constraint=models.UniqueConstraint(condition=Q(target=None), fields=('ask', 'audience'), name='callscript_unique'),
        ),
        migrations.AddConstraint(
            model_name='callscript',
            constraint=models.UniqueConstraint(condition=Q(target__isnull=False), fields=('ask', 'target', 'audience'), name='callscript_unique_for_target'),
        ),
    ]
