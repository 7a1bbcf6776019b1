"""The access log becomes a hash chain with a head row, gains the why and the actor's role and
organisation, and break-glass grants. Rows written before get numbers in the order they were
written (by id) and are chained; their role and organisation stay empty, as nobody wrote them down
then. Last, the triggers that refuse UPDATE and DELETE (ressourcebank/audit/guards.py)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from ressourcebank.audit import chain, guards


def chain_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    previous, seq = chain.GENESIS, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        event.seq = seq
        event.hash = chain.link(
            previous,
            chain.content(
                seq=seq,
                at=event.at,
                actor_id=event.actor_id,
                actor_role=event.actor_role,
                actor_organisation=event.actor_organisation,
                verb=event.verb,
                target_type=event.target_type,
                target_id=event.target_id,
                note=event.note,
                reason=event.reason,
                changes=event.changes,
            ),
        )
        event.save(update_fields=["seq", "hash"])
        previous = event.hash
    AuditHead.objects.create(pk=1, seq=seq, hash=previous)


def install_guards(apps, schema_editor):
    guards.install(schema_editor.connection)


def remove_guards(apps, schema_editor):
    guards.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_revoke_and_api_write_verbs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveBigIntegerField(default=0, verbose_name='sidste nummer')),
                ('hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64, verbose_name='sidste kontrolsum')),
            ],
            options={
                'verbose_name': 'logens hoved',
            },
        ),
        migrations.CreateModel(
            name='BreakGlassGrant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('target_type', models.CharField(max_length=50, verbose_name='type')),
                ('target_id', models.CharField(max_length=50, verbose_name='id')),
                ('reason', models.CharField(max_length=300, verbose_name='begrundelse')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='åbnet')),
                ('expires_at', models.DateTimeField(verbose_name='udløber')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='gennemset')),
            ],
            options={
                'verbose_name': 'nødadgang',
                'verbose_name_plural': 'nødadgange',
            },
        ),
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['-seq'], 'verbose_name': 'loghændelse', 'verbose_name_plural': 'log'},
        ),
        migrations.AddField(
            model_name='auditevent',
            name='actor_organisation',
            field=models.CharField(blank=True, max_length=200, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='actor_role',
            field=models.CharField(blank=True, max_length=20, verbose_name='rolle'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(default='', max_length=64, verbose_name='kontrolsum'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='begrundelse'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(null=True, unique=True, verbose_name='nummer'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='tidspunkt'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='verb',
            field=models.CharField(choices=[('read', 'læst'), ('create', 'oprettet'), ('update', 'ændret'), ('approve', 'godkendt'), ('reject', 'afvist'), ('record_child_check', 'børneattest registreret'), ('retry_mail', 'mail sendt igen'), ('revoke', 'tilbagekaldt'), ('api_write', 'skrevet med API-nøgle'), ('break_glass_open', 'nødadgang åbnet'), ('break_glass_use', 'læst med nødadgang'), ('break_glass_review', 'nødadgang gennemset'), ('search_log', 'adgangsloggen søgt')], max_length=50, verbose_name='handling'),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(unique=True, verbose_name='nummer'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(max_length=64, verbose_name='kontrolsum'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['actor', 'seq'], name='audit_actor_seq'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['verb', 'seq'], name='audit_verb_seq'),
        ),
        migrations.AddConstraint(
            model_name='audithead',
            constraint=models.CheckConstraint(condition=models.Q(('pk', 1)), name='audit_head_is_one_row'),
        ),
        migrations.AddField(
            model_name='breakglassgrant',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='breakglassgrant',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='breakglassgrant',
            index=models.Index(fields=['user', 'target_type', 'target_id', 'expires_at'], name='audit_grant_lookup'),
        ),
        migrations.AddConstraint(
            model_name='breakglassgrant',
            constraint=models.CheckConstraint(condition=models.Q(('expires_at__gt', models.F('opened_at'))), name='audit_grant_ends'),
        ),
        migrations.AddConstraint(
            model_name='breakglassgrant',
            constraint=models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='audit_grant_has_reason'),
        ),
        migrations.RunPython(install_guards, remove_guards),
    ]
