from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "holarchy.accounts"
    label = "accounts"
    verbose_name = "Accounts and teams"
