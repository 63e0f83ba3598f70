from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("simulations", "0005_traces_in_chunks"),
    ]

    operations = [
        migrations.RemoveField(model_name="runtrace", name="data"),
    ]
