"""A run's empty scenario now means no faults (it used to pick the model's first scenario), and a run goes
to its end unless asked to stop at the first violation. Rows made before keep their meaning: an empty
scenario becomes the first scenario's name, and their runs had stopped at the first violation."""

from django.db import migrations, models


def name_the_first_scenario(apps, schema_editor):
    for name in ("Run", "Sweep"):
        for job in apps.get_model("simulations", name).objects.filter(scenario="").select_related("version"):
            scenarios = job.version.document.get("scenarios") or []
            if scenarios:
                job.scenario = scenarios[0]["name"]
                job.save(update_fields=["scenario"])


class Migration(migrations.Migration):
    dependencies = [
        ("simulations", "0007_breaking_point_sweeps"),
    ]

    operations = [
        migrations.AddField(
            model_name="run", name="stop_at_violation",
            field=models.BooleanField(default=True, help_text="stop at the first safety violation instead of "
                                                              "running to the end"),
        ),
        migrations.AlterField(
            model_name="run", name="stop_at_violation",
            field=models.BooleanField(default=False, help_text="stop at the first safety violation instead of "
                                                               "running to the end"),
        ),
        migrations.AlterField(
            model_name="run", name="scenario",
            field=models.CharField(blank=True, help_text="empty: no scenario, no injected faults", max_length=200),
        ),
        migrations.RunPython(name_the_first_scenario, migrations.RunPython.noop),
    ]
