"""Django settings for the billing service."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = '!s6)jbw2gjl)3i70i(26^#))vb^+d392g4+yfwe(5fg-qycmfk'

DEBUG = os.environ.get('DEBUG', '0') == '1'
ALLOWED_HOSTS = ['billing.acme.test', 'billing.internal']

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'rest_framework',
    'billing.invoices',
]

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'billing',
        'USER': 'billing_app',
        'PASSWORD': '3_D0Z-zUmqiB52DpPWRj^m',
        'HOST': 'billing-db.internal',
        'PORT': '5432',
    },
    'replica': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'billing',
        'USER': 'billing_ro',
        'PASSWORD': os.environ['REPLICA_DB_PASSWORD'],
        'HOST': 'billing-db-replica.internal',
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', 'OPTIONS': {'min_length': 12}},
]

STRIPE_RESTRICTED_KEY = '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'
STRIPE_SECRET_KEY = os.environ.get('STRIPE_SECRET_KEY', '')
CELERY_BROKER_URL = 'amqp://billing:PzTCVTdpOcguH0LnWTDblvwU@rabbitmq.internal:5672/billing'
CELERY_RESULT_BACKEND = 'redis://cache.internal:6379/1'

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
