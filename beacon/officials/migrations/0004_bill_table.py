# The second half of moving bills to officials (see 0003): rename campaigns_bill and its
# cosponsors table to this app's names, and move the bill's content type (and so the
# permissions organizers hold on bills) from campaigns to officials. It depends on
# campaigns.0007 so that rolling campaigns back to 0006 undoes this first.

from django.db import migrations


def _content_type_move(apps, schema_editor, *, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label=target, model='bill').exists():
        ContentType.objects.filter(app_label=source, model='bill').update(app_label=target)


def forwards(apps, schema_editor):
    _content_type_move(apps, schema_editor, source='campaigns', target='officials')


def backwards(apps, schema_editor):
    _content_type_move(apps, schema_editor, source='officials', target='campaigns')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('officials', '0003_bill'),
        ('campaigns', '0007_bill_to_officials'),
    ]

    operations = [
        migrations.AlterModelTable(name='bill', table=None),
        migrations.RunPython(forwards, backwards),
    ]
