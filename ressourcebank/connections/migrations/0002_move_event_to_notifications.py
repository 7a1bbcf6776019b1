# The Event model moved to the notifications app (see notifications 0003). Only Django's idea of
# where the model lives changes: the table connections_event, its rows and its index stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('connections', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='event', name='connections_event_unread'),
                migrations.DeleteModel(name='Event'),
            ],
            database_operations=[],
        ),
    ]
