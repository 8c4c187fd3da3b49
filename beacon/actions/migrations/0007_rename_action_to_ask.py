# A supporter's letter, call or patch-through session points at the organizer's ask
# (campaigns.0008 renamed LetterAction and CallAction). The columns are renamed in place;
# the indexes that name them are dropped first and made again after.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0006_letterrecipient_seat_type'),
        ('campaigns', '0008_rename_actions_to_asks'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='call', name='call_action_outcome_idx'),
        migrations.RemoveIndex(model_name='call', name='call_action_day_idx'),
        migrations.RemoveIndex(model_name='letter', name='letter_recent_idx'),
        migrations.RemoveIndex(model_name='letter', name='letter_person_idx'),
        migrations.RenameField(model_name='call', old_name='action', new_name='ask'),
        migrations.RenameField(model_name='letter', old_name='action', new_name='ask'),
        migrations.RenameField(model_name='patchsession', old_name='action', new_name='ask'),
        migrations.AlterField(
            model_name='call',
            name='ask',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calls', to='campaigns.callask'),
        ),
        migrations.AlterField(
            model_name='letter',
            name='ask',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='letters', to='campaigns.letterask'),
        ),
        migrations.AlterField(
            model_name='patchsession',
            name='ask',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='patch_sessions', to='campaigns.callask'),
        ),
        migrations.AddIndex(
            model_name='call',
            index=models.Index(fields=['ask', 'outcome'], name='call_ask_outcome_idx'),
        ),
        migrations.AddIndex(
            model_name='call',
            index=models.Index(fields=['ask', 'created_at'], name='call_ask_day_idx'),
        ),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(fields=['ask', 'status', 'confirmed_at'], name='letter_recent_idx'),
        ),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(fields=['ask', 'email_canonical'], name='letter_person_idx'),
        ),
    ]
