"""The guide's Flask app after modernizing: configuration comes from the environment."""
import os

from flask import Flask

# Set by the Deployment from the flask-app-config ConfigMap (see k8s/deployment.yaml).
DB_HOST = os.environ.get('APP_DB_HOST')
DB_USER = os.environ.get('APP_DB_USER')
# Set from the flask-app-secrets Secret; for the database client, never shown on a page.
DB_PASSWORD = os.environ.get('APP_DB_PASSWORD')

app = Flask(__name__)


@app.route('/')
def print_config():
    output = 'DB_HOST: {} -- DB_USER: {}'.format(DB_HOST, DB_USER)
    return output


@app.route('/health')
def return_ok():
    """The health endpoint the Deployment's liveness and readiness probes call."""
    return 'Ok!', 200
