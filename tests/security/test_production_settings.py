"""Production settings refuse what only development may use."""

from tests.foundation.test_settings import manage


def test_production_refuses_the_development_secret_key():
    from holarchy.settings import DEVELOPMENT_SECRET_KEY

    result = manage("check", HOLARCHY_PRODUCTION="1", DJANGO_SECRET_KEY=DEVELOPMENT_SECRET_KEY,
                    DJANGO_ALLOWED_HOSTS="holarchy.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a secret" in result.stderr


def test_production_refuses_debug():
    result = manage("check", HOLARCHY_PRODUCTION="1", DJANGO_DEBUG="1", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0 and "DJANGO_DEBUG must be off" in result.stderr


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert manage("shell", "-c", code).stdout.strip().splitlines()[-1] == "False"
    assert manage("shell", "-c", code, DJANGO_DEBUG="1").stdout.strip().splitlines()[-1] == "True"
