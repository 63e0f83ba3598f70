from django.apps import AppConfig
from django.db.models.signals import post_delete


class SimulationsConfig(AppConfig):
    name = "simulations"
    verbose_name = "Simulations"

    def ready(self) -> None:
        from .models import TraceChunk
        from .traces import delete_file_of

        # Also on cascades (a run or sweep deleted): a stored trace chunk never outlives its row.
        post_delete.connect(lambda instance, **kwargs: delete_file_of(instance), sender=TraceChunk, weak=False,
                            dispatch_uid="trace-chunk-file")
