# The Event model moved here from connections (see connections 0002). The table keeps its name
# (Meta.db_table), so this only tells Django's state where the model lives: no table is created,
# copied or dropped, on SQLite or PostgreSQL. The content type follows the model, so anything that
# names it (admin log, permissions) keeps pointing at the same rows.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='notifications', model='event').exists():
        ContentType.objects.filter(app_label='connections', model='event').update(app_label='notifications')


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='connections', model='event').exists():
        ContentType.objects.filter(app_label='notifications', model='event').update(app_label='connections')


class Migration(migrations.Migration):

    dependencies = [
        ('connections', '0002_move_event_to_notifications'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('notifications', '0002_account_mail'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Event',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('asked', 'Du er blevet spurgt om hjælp'), ('accepted', 'Din forespørgsel er accepteret'), ('declined', 'Din forespørgsel er afslået'), ('cancelled', 'En forbindelse er afbrudt'), ('completed', 'En forbindelse er afsluttet'), ('message', 'Ny besked'), ('hours_recorded', 'Der er registreret timer'), ('hours_confirmed', 'Dine timer er bekræftet'), ('thanked', 'Du har fået tak')], max_length=30)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('mailed_at', models.DateTimeField(blank=True, null=True)),
                        ('connection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='connections.connection')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='connection_events', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'connections_event',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='connections_event_unread')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
