# Bills move from campaigns to officials (issue 11): the rows are kept. The model first
# appears in this app's state on the old table; campaigns.0007 then points the asks'
# bills at this model and drops the old one from its state, and officials.0004 renames
# the tables (so that rolling campaigns back to 0006 also undoes the rename). Nothing is
# copied.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0006_remove_requires_confirmation'),
        ('officials', '0002_term_end_and_data_as_of'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Bill',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(help_text='For example H.2580.', max_length=32, verbose_name='number')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('session', models.CharField(help_text='For example 194th (2025-2026).', max_length=64, verbose_name='session')),
                        ('url', models.URLField(blank=True, verbose_name='link')),
                        ('cosponsors', models.ManyToManyField(blank=True, related_name='cosponsored_bills', to='officials.official', verbose_name='cosponsors')),
                    ],
                    options={
                        'verbose_name': 'bill',
                        'verbose_name_plural': 'bills',
                        'ordering': ['session', 'number'],
                        'constraints': [models.UniqueConstraint(fields=('session', 'number'), name='bill_unique_number')],
                        'db_table': 'campaigns_bill',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
