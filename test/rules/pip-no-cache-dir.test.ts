import { pipNoCacheDir } from '../../server/src/rules/pip-no-cache-dir';
import { ruleTester } from '../helpers/rule-tester';

const TAIL = 'install keeps every package it downloads in its cache (~/.cache/pip), and the cache stays in this layer, which makes the image bigger for nothing. Add --no-cache-dir, or set ENV PIP_NO_CACHE_DIR=1 in the stage.';
const FIXES = ['Add --no-cache-dir', 'Ignore pip-no-cache-dir here'];

ruleTester(pipNoCacheDir, {
  valid: [
    {
      name: 'the flag, after install or before it',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt && pip --no-cache-dir install gunicorn==22.0.0\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR from ENV or ARG in the stage or its base, on the command, or exported',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.0.3\nFROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=off\nRUN pip install a==1\n',
    },
    {
      name: 'the variable on the command or exported earlier in the script',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install a==1 && env PIP_NO_CACHE_DIR=1 pip3 install b==2\nRUN export PIP_NO_CACHE_DIR=1 && python -m pip install c==3\n',
    },
    {
      name: 'a cache mount over pip\'s cache, for root or another user',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache,uid=1000 pip install --user -r requirements.txt\n',
    },
    {
      name: 'local wheels without their dependencies: nothing to download or build, so nothing to cache',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN --mount=from=build,target=/dist,source=/src/dist pip install --no-deps /dist/*.whl\nRUN pip install --no-deps ./wheels/app-1.0-py3-none-any.whl\n',
    },
    {
      name: 'a build stage that does not ship (the fixed example app); not pip install',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\nFROM python:3.12-slim\nRUN pip download -d /wheels x && uv pip install y && pipx install z && python -c "import pip"\nCOPY --from=build /opt/venv /opt/venv\n',
    },
  ],
  invalid: [
    {
      name: 'the guide example',
      path: 'Dockerfile',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      errors: [{ message: `pip ${TAIL}`, line: 4, column: 9, endLine: 4, endColumn: 16, text: 'install', fixes: FIXES }],
      output: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'a local wheel with its dependencies, or a local source archive to build: downloads and built wheels are cached',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN pip install /dist/app-1.0-py3-none-any.whl\nRUN pip install --no-deps ./app-1.0.tar.gz\n',
      errors: [
        { message: `pip ${TAIL}`, line: 2, column: 9, endLine: 2, endColumn: 16, text: 'install', fixes: FIXES },
        { message: `pip ${TAIL}`, line: 3, column: 9, endLine: 3, endColumn: 16, text: 'install', fixes: FIXES },
      ],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir /dist/app-1.0-py3-none-any.whl\nRUN pip install --no-cache-dir --no-deps ./app-1.0.tar.gz\n',
    },
    {
      name: 'python -m pip, a venv pip, sudo; upgrading pip still fills the cache; ENV set after the RUN is too late',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install --upgrade pip \\\n && sudo -H /opt/venv/bin/pip3.12 install -r requirements.txt\nENV PIP_NO_CACHE_DIR=1\n',
      errors: [
        { message: `python3 -m pip ${TAIL}`, line: 2, column: 20, endLine: 2, endColumn: 27, text: 'install', fixes: FIXES },
        { message: `pip3.12 ${TAIL}`, line: 3, column: 35, endLine: 3, endColumn: 42, text: 'install', fixes: FIXES },
      ],
      output: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir --upgrade pip \\\n && sudo -H /opt/venv/bin/pip3.12 install --no-cache-dir -r requirements.txt\nENV PIP_NO_CACHE_DIR=1\n',
    },
    {
      name: 'a backquote escape file with install split over a continuation',
      path: 'Dockerfile',
      code: '# escape=`\nFROM python:3.12-slim\nRUN pip3 inst`\nall `\n    -r requirements.txt\n',
      errors: [{ message: `pip3 ${TAIL}`, line: 3, column: 10, endLine: 4, endColumn: 4, text: 'inst`\nall', fixes: FIXES }],
      output: '# escape=`\nFROM python:3.12-slim\nRUN pip3 inst`\nall --no-cache-dir `\n    -r requirements.txt\n',
    },
    {
      name: 'exec form and a heredoc script',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN ["pip", "install", "-r", "requirements.txt"]\nRUN <<EOF\npip install gunicorn==22.0.0\nEOF\n',
      errors: [
        { message: `pip ${TAIL}`, line: 2, column: 13, endLine: 2, endColumn: 22, text: '"install"', fixes: FIXES },
        { message: `pip ${TAIL}`, line: 4, column: 5, endLine: 4, endColumn: 12, text: 'install', fixes: FIXES },
      ],
      output: 'FROM python:3.12-slim\nRUN ["pip", "install", "--no-cache-dir", "-r", "requirements.txt"]\nRUN <<EOF\npip install --no-cache-dir gunicorn==22.0.0\nEOF\n',
    },
  ],
});
