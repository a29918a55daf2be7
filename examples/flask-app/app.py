"""The guide's Flask app before modernizing: its configuration is written into the code."""
from flask import Flask

# Hard-coded configuration, as in the guide's hardcoded_config.py: moving to another database
# means editing the code and rebuilding the image.
DB_HOST = 'mydb.mycloud.com'
DB_USER = 'sammy'

app = Flask(__name__)


@app.route('/')
def print_config():
    output = 'DB_HOST: {} -- DB_USER: {}'.format(DB_HOST, DB_USER)
    return output


@app.route('/health')
def return_ok():
    """The health endpoint the guide adds for Kubernetes probes."""
    return 'Ok!', 200
