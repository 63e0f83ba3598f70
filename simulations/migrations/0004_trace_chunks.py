import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Traces in chunks: the RunTrace row becomes the trace's index, TraceChunk rows name its files."""

    dependencies = [
        ("simulations", "0003_level_study"),
    ]

    operations = [
        migrations.AddField(
            model_name="runtrace",
            name="bytes",
            field=models.PositiveBigIntegerField(default=0, help_text="stored size of every chunk"),
        ),
        migrations.AddField(
            model_name="runtrace",
            name="chunk_steps",
            field=models.PositiveIntegerField(default=1000),
        ),
        migrations.AddField(
            model_name="runtrace",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="runtrace",
            name="header",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="runtrace",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, help_text="last sign of life of its production", null=True),
        ),
        migrations.AddField(
            model_name="runtrace",
            name="status",
            field=models.CharField(
                choices=[("producing", "Producing"), ("ready", "Ready"), ("failed", "Failed")], default="ready",
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="runtrace",
            name="steps",
            field=models.PositiveIntegerField(default=0, help_text="the last traced step"),
        ),
        migrations.AlterField(
            model_name="runtrace",
            name="data",
            field=models.BinaryField(default=b""),
        ),
        migrations.CreateModel(
            name="TraceChunk",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("index", models.PositiveIntegerField()),
                ("first_step", models.PositiveIntegerField()),
                ("last_step", models.PositiveIntegerField()),
                ("name", models.CharField(help_text="file name in the default storage", max_length=300)),
                ("bytes", models.PositiveIntegerField()),
                ("run", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="trace_chunks",
                                          to="simulations.run")),
            ],
            options={
                "ordering": ["run", "index"],
                "constraints": [models.UniqueConstraint(fields=("run", "index"), name="one_trace_chunk_per_index")],
            },
        ),
    ]
