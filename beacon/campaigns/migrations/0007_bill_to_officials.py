# Bills now live in officials (see officials.0003_bill, which renamed the table): point
# the asks' bills at that model and drop the old one from this app's state. No rows move.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0006_remove_requires_confirmation'),
        ('officials', '0003_bill'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='letteraction',
                    name='bills',
                    field=models.ManyToManyField(blank=True, related_name='letter_actions', to='officials.bill', verbose_name='bills'),
                ),
                migrations.AlterField(
                    model_name='callaction',
                    name='bills',
                    field=models.ManyToManyField(blank=True, related_name='call_actions', to='officials.bill', verbose_name='bills'),
                ),
                migrations.DeleteModel(name='Bill'),
            ],
            database_operations=[],
        ),
    ]
